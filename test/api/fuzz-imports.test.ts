import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest';
import { mulberry32 } from '../../analytics/src/index';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { fieldworkScenario } from '../support/fieldwork';
import { leadershipScenario } from '../support/leadership';
import { HA_GIANG_TABLE, haGiangCampaign } from '../support/scenario';
import { testConfig } from '../support/test-config';
import { xlsxBomb } from '../support/xlsx-bomb';

// Issue 9: a seeded corpus of hostile input posted to every import / preview / commit endpoint. No answer may be a
// 5xx, and a refused request (any status but 200, or any preview) changes nothing in the tables imports write.

const CASES_PER_ENDPOINT = 50;
const TABLES = ['content_score', 'audit_log', 'app_user', 'enumerator_assignment', 'supervisor_assignment', 'respondent', 'sipas_population', 'sipas_margin'] as const;

type Rand = () => number;
interface Endpoint {
  name: string;
  method: 'POST' | 'PUT';
  url: string;
  /** a valid input the mutations start from */
  good: string;
  body: (text: string) => Record<string, unknown>;
  writes: boolean;
  xlsx?: boolean;
}

const pick = <T,>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const at = (rand: Rand, s: string) => Math.floor(rand() * (s.length + 1));
const insert = (rand: Rand, s: string, what: string) => {
  const i = at(rand, s);
  return s.slice(0, i) + what + s.slice(i);
};

/** Text mutations, each named for the failure message. */
const MUTATIONS: Record<string, (rand: Rand, s: string) => string> = {
  nul: (rand, s) => insert(rand, s, '\u0000'),
  control: (rand, s) => insert(rand, s, String.fromCharCode(Math.floor(rand() * 32))),
  loneSurrogate: (rand, s) => insert(rand, s, pick(rand, ['\ud800', '\udfff', '😀'.slice(0, 1), 'a\udc00b'])),
  bom: (rand, s) => insert(rand, s, '\uFEFF'),
  hugeCell: (rand, s) => insert(rand, s, 'x'.repeat(50_000 + Math.floor(rand() * 200_000))),
  badNumber: (rand, s) => s.replace(/\d+([.,]\d+)?/, () => pick(rand, ['NaN', '1e309', '-5', '-0.25', '1e15', '0x10', 'Infinity', '١٢٣', '9'.repeat(400), '1,2,3'])),
  allNumbersBad: (rand, s) => s.replace(/\b\d+([.,]\d+)?\b/g, () => pick(rand, ['NaN', '1e309', '-1', ''])),
  wrongHeader: (rand, s) => s.replace(/^[^\n]*/, pick(rand, ['a,b,c', 'foo\tbar\tbaz', '', '"unterminated', 'STT', 'username;name;units', '\u0000,\u0000'])),
  noHeader: (_rand, s) => s.split('\n').slice(1).join('\n'),
  garbage: (rand) => Array.from({ length: 1 + Math.floor(rand() * 4000) }, () => String.fromCharCode(Math.floor(rand() * 256))).join(''),
  truncate: (rand, s) => s.slice(0, at(rand, s)),
  quote: (rand, s) => insert(rand, s, '"'),
  delimiter: (rand, s) => s.replace(/,/g, pick(rand, [';', '\t', '|'])).replace(/\t/g, pick(rand, [',', ';'])),
  mixedRows: (rand, s) => {
    const lines = s.split('\n');
    const head = lines[0] ?? '';
    const body = lines.slice(1);
    const junk = () => pick(rand, [',,,', 'x\u0000y,1,2', '\ud800,,', '"a,b', 'NaN,NaN,NaN', body[0] ?? '', '-1,-1,-1,-1']);
    return [head, ...body.flatMap((l) => (rand() < 0.5 ? [l, junk()] : [l]))].join('\n');
  },
  repeatRows: (rand, s) => {
    const lines = s.split('\n');
    return [lines[0], ...Array.from({ length: 1 + Math.floor(rand() * 50) }, () => lines.slice(1)).flat()].join('\n');
  },
  crlf: (_rand, s) => s.replace(/\n/g, '\r\n'),
  emojiAndRtl: (rand, s) => insert(rand, s, pick(rand, ['👩🏽‍💻', '\u202Eabc', 'Nguyễn Thị Ánh', '\u200B', '<script>alert(1)</script>', "'; drop table respondent; --"])),
};

/** A whole body that is not the endpoint's shape (wrong types, missing fields, extra ones). */
const BODIES: ((rand: Rand, good: string) => unknown)[] = [
  () => ({}),
  () => ({ text: 12345 }),
  () => ({ text: null }),
  () => ({ text: ['a', 'b'] }),
  () => ({ text: '' }),
  (_r, good) => ({ text: good, keepStated: 'x' }),
  (_r, good) => ({ text: good, keepStated: Array.from({ length: 300 }, () => '1.3') }),
  (_r, good) => ({ text: good, extra: { __proto__: { admin: true } } }),
  (_r, good) => ({ text: good, xlsxBase64: 'AAAA' }),
  () => ({ xlsxBase64: '!!!not base64!!!' }),
  () => ({ rows: [{ unitId: 'x', level: 'all', population: -1 }] }),
  () => ({ rows: 'x' }),
];

describeEachDb('fuzzing every import endpoint with a seeded corpus of hostile files (issue 9)', (kind) => {
  let t: TestApp;
  let cookie: string;
  let endpoints: Endpoint[];
  let goodXlsx: Buffer;

  /** Count and digest of every table imports write: equal digests, equal contents. */
  const fingerprint = async () => {
    const parts = TABLES.map((name) => sql<string>`select ${name}::text as name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest from ${sql.table(name)} as t`);
    const { rows } = await sql<{ name: string; digest: string }>`${sql.join(parts, sql` union all `)}`.execute(t.database.db);
    return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    cookie = await t.cookieFor('analyst');
    const { base } = await haGiangCampaign(t.database.db);
    const fw = await fieldworkScenario(t);
    const lead = await leadershipScenario(t, 4, 'F');
    const fwBase = `/api/campaigns/${fw.campaignId}`;
    const text = (extra: Record<string, unknown> = {}) => (s: string) => ({ text: s, ...extra });
    endpoints = [
      { name: 'scores preview', method: 'POST', url: `${base}/imports/preview`, good: HA_GIANG_TABLE, body: text(), writes: false, xlsx: true },
      { name: 'scores commit', method: 'POST', url: `${base}/imports/commit`, good: HA_GIANG_TABLE, body: text({ keepStated: ['1.3'] }), writes: true, xlsx: true },
      { name: 'enumerators preview', method: 'POST', url: `${fwBase}/fieldwork/enumerators/preview`, good: 'username,name,phone,units\nfz-enum-1,Nguyễn Văn An,0912345678,FW-A\nfz-enum-2,Trần Thị Bình,,FW-A;FW-B\n', body: text(), writes: false },
      { name: 'enumerators commit', method: 'POST', url: `${fwBase}/fieldwork/enumerators/commit`, good: 'username,name,phone,units\nfz-enum-1,Nguyễn Văn An,0912345678,FW-A\nfz-enum-2,Trần Thị Bình,,FW-A;FW-B\n', body: text(), writes: true },
      { name: 'respondents preview', method: 'POST', url: `${lead.base}/respondents/preview`, good: 'name,email,group,unit\nLê Văn Cường,cuong@hdnd.example.vn,hdnd,\nPhạm Thu Dung,dung@snv.example.vn,so,LSF-SNV\n', body: text(), writes: false },
      { name: 'respondents commit', method: 'POST', url: `${lead.base}/respondents/commit`, good: 'name,email,group,unit\nLê Văn Cường,cuong@hdnd.example.vn,hdnd,\nPhạm Thu Dung,dung@snv.example.vn,so,LSF-SNV\n', body: text(), writes: true },
      { name: 'population preview', method: 'POST', url: `${fwBase}/population/preview`, good: 'unit,level,population\nFW-A,all,12500\nFW-B,huyện,"48.300"\n', body: text(), writes: false },
      { name: 'population commit', method: 'POST', url: `${fwBase}/population/commit`, good: 'unit,level,population\nFW-A,all,12500\nFW-B,huyện,"48.300"\n', body: text(), writes: true },
      { name: 'population put', method: 'PUT', url: `${fwBase}/population`, good: `[{"unitId":"${fw.unitA}","level":"all","population":12500}]`, body: (s) => ({ rows: safeJson(s) }), writes: true },
      { name: 'margins put', method: 'PUT', url: `${fwBase}/results/margins`, good: 'variable,category,population\ngender,Nam,5000\ngender,Nữ,5200\n', body: text(), writes: true },
    ];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Phụ lục');
    for (const line of HA_GIANG_TABLE.split('\n')) sheet.addRow(line.split('\t'));
    goodXlsx = Buffer.from(await workbook.xlsx.writeBuffer());
  });
  afterAll(() => t?.close());

  /** The JSON rows of the population PUT as the mutated text reads, or the text itself when it no longer parses. */
  const safeJson = (s: string): unknown => {
    try {
      return JSON.parse(s);
    } catch {
      return s;
    }
  };

  /** XLSX variants for the score-table endpoints: cut, corrupted, bytes that are no zip, a small lying bomb. */
  const xlsxCase = (rand: Rand): { name: string; data: Buffer } => {
    const choice = Math.floor(rand() * 5);
    if (choice === 0) return { name: 'xlsx truncated', data: goodXlsx.subarray(0, Math.floor(rand() * goodXlsx.length)) };
    if (choice === 1) {
      const copy = Buffer.from(goodXlsx);
      for (let i = 0; i < 1 + rand() * 40; i++) copy[Math.floor(rand() * copy.length)] = Math.floor(rand() * 256);
      return { name: 'xlsx corrupted bytes', data: copy };
    }
    if (choice === 2) return { name: 'xlsx random bytes', data: Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 3000) }, () => Math.floor(rand() * 256))) };
    if (choice === 3) return { name: 'xlsx lying bomb', data: xlsxBomb(22 * 1024 * 1024, true) };
    return { name: 'xlsx good', data: goodXlsx };
  };

  it(`posts ${CASES_PER_ENDPOINT} hostile cases to each import endpoint: no 5xx, nothing changed when refused`, async () => {
    const seed = testConfig.fuzzSeed ?? (kind === 'pglite' ? 20_251_009 : 20_251_010);
    onTestFailed(() => console.error(`fuzz-imports [${kind}] failed with seed ${seed}: replay with FUZZ_SEED=${seed}`));
    const rand = mulberry32(seed);
    const statuses: Record<string, number> = {};
    let total = 0;
    let before = await fingerprint();
    for (const ep of endpoints) {
      for (let n = 0; n < CASES_PER_ENDPOINT; n++) {
        let label: string;
        let payload: unknown;
        const roll = rand();
        if (roll < 0.1) {
          const make = pick(rand, BODIES);
          label = `body ${BODIES.indexOf(make)}`;
          payload = make(rand, ep.good);
        } else if (ep.xlsx && roll < 0.25) {
          const x = xlsxCase(rand);
          label = x.name;
          payload = { xlsxBase64: x.data.toString('base64'), ...(ep.writes && { keepStated: ['1.3'] }) };
        } else {
          const names = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(rand, Object.keys(MUTATIONS)));
          label = names.join('+');
          payload = ep.body(names.reduce((s, m) => MUTATIONS[m]!(rand, s), ep.good));
        }
        const res = await t.app.inject({ method: ep.method, url: ep.url, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
        total++;
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        const where = `seed ${seed}, ${ep.name}, case ${n} (${label}): ${res.body.slice(0, 300)}`;
        expect(res.statusCode, where).toBeLessThan(500);
        const after = await fingerprint();
        if (ep.writes && res.statusCode === 200) before = after;
        else expect(after, `${where} — changed the tables`).toEqual(before);
      }
    }
    expect(total).toBe(endpoints.length * CASES_PER_ENDPOINT);
    expect(Object.keys(statuses).length).toBeGreaterThan(2); // accepted, refused and too large all occur
    console.info(`fuzz-imports [${kind}] seed ${seed}: ${total} cases, statuses ${JSON.stringify(statuses)}`);
  }, 900_000);
});
