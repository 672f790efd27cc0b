// A synthetic SIPAS 2017 sample for the benchmarks (issue 10): `n` forms in 40 units (the strata) with sampling
// fractions spread from 0.2 % to 17 %, 6 % missing answers (3 % "don't know" = 9, 3 % blank), satisfaction that
// differs by unit and item. Written as the CLI reads it: responses.csv (id,unit,level,gender,birth_year, the 22 items,
// the 5 factor overall questions, overall) and population.csv (unit,population). Seeded: same n, same files.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { mulberry32 } from '../../analytics/src/index';
import { getQuestionnaire, listFactors, listItems, type Questionnaire } from '../../survey-forms/src/index';

export const SAMPLE_UNITS = 40;
const LEVELS = ['province', 'district', 'commune'];

export interface SampleFiles {
  responses: string;
  population: string;
  forms: number;
  bytes: number;
}

/** The 40 units: name, share of the forms, sampling fraction n_h / N_h (log-spread over 0.2 %–17 %). */
function units(rand: () => number) {
  return Array.from({ length: SAMPLE_UNITS }, (_, h) => ({
    name: h % 3 === 0 ? `Sở Ban ngành ${h + 1}` : h % 3 === 1 ? `Huyện Miền núi ${h + 1}` : `Xã Đồng bằng ${h + 1}`,
    share: 0.3 + rand() * 1.7,
    fraction: 0.002 * (0.17 / 0.002) ** (h / (SAMPLE_UNITS - 1)),
    satisfied: 0.45 + 0.4 * rand(),
  }));
}

export async function writeSipasSample(dir: string, n: number, seed = 20261002): Promise<SampleFiles> {
  const q = getQuestionnaire('sipas-2017') as Questionnaire;
  const items = listItems(q).map((i) => i.id);
  const overalls = listFactors(q).flatMap((f) => (f.overall ? [f.overall] : []));
  const questions = [...items, ...overalls, 'overall'];
  const rand = mulberry32(seed);
  const us = units(rand);
  const total = us.reduce((s, u) => s + u.share, 0);
  // forms per unit: shares rounded, the remainder to the first units; at least 2 per unit
  const sizes = us.map((u) => Math.max(2, Math.floor((n * u.share) / total)));
  for (let h = 0, left = n - sizes.reduce((s, x) => s + x, 0); left !== 0; h = (h + 1) % SAMPLE_UNITS) {
    const step = left > 0 ? 1 : -1;
    if (sizes[h]! + step >= 2) {
      sizes[h]! += step;
      left -= step;
    }
  }
  const itemLift = questions.map(() => (rand() - 0.5) * 0.2);
  const responses = join(dir, `sipas-${n}.csv`);
  const out = createWriteStream(responses);
  let bytes = 0;
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(`id,unit,level,gender,birth_year,${questions.join(',')}\n`);
  // the forms of all units interleaved, as they arrive from the field
  const left = [...sizes];
  let remaining = n;
  let buf = '';
  for (let i = 0; i < n; i++) {
    let pick = Math.floor(rand() * remaining);
    let h = 0;
    while (pick >= left[h]!) pick -= left[h++]!;
    left[h]!--;
    remaining--;
    const u = us[h]!;
    let row = `F${String(i + 1).padStart(7, '0')},${u.name},${LEVELS[h % 3]},${rand() < 0.48 ? 'male' : 'female'},${1950 + Math.floor(rand() * 56)}`;
    for (let k = 0; k < questions.length; k++) {
      const r = rand();
      const answer = r < 0.03 ? '9' : r < 0.06 ? '' : rand() < u.satisfied + itemLift[k]! ? String(4 + Math.floor(rand() * 2)) : String(1 + Math.floor(rand() * 3));
      row += `,${answer}`;
    }
    buf += `${row}\n`;
    if (buf.length > 1 << 16) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  out.end();
  await once(out, 'close');
  const population = join(dir, `population-${n}.csv`);
  const pop = createWriteStream(population);
  pop.write('unit,population\n');
  us.forEach((u, h) => pop.write(`${u.name},${Math.max(sizes[h]!, Math.round(sizes[h]! / u.fraction))}\n`));
  pop.end();
  await once(pop, 'close');
  return { responses, population, forms: n, bytes };
}
