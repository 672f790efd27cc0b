// Evidence upload benchmark (`npm run bench -- --only evidence`): the real server runs as its own process (what
// `npm start` runs) on PGlite or PostgreSQL; this process is the load generator. 30 units × 100 leaves self-assessed
// with 3,000 evidence files of 1–5 MB, one file per leaf, uploaded 8 at a time over HTTP by the units' officers
// (multipart, linked to the leaf at once); about 20 % of the uploads are bytes uploaded before (the same plan or
// decision attached by another unit or to another leaf). Prints files/s, MB/s, request latency p50/p99, the server's
// resident memory sampled every 100 ms (start, peak, and at each tenth of the run: flat means streamed), and storage
// bytes against uploaded bytes (deduplication). Figures only; asserts nothing about time.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { quantile } from 'simple-statistics';
import { hashToken, newToken } from '../../server/features/auth/passwords';
import { createCampaign } from '../../server/features/campaigns/service';
import { createUnit } from '../../server/features/units/service';
import { createUser } from '../../server/features/users/service';
import type { DbKind } from '../support/fresh-database';
import { openPrepared } from '../support/ingest-load';
import { prepareServerData, startServerProcess } from '../support/server-process';
import { TEST_PASSWORD } from '../support/app';

export interface EvidenceBenchOptions {
  files: number;
  units: number;
  leaves: number;
  concurrency: number;
  duplicateShare: number;
  minMb: number;
  maxMb: number;
}

const MB = 1024 * 1024;
const SET = 'bench-evidence';

/** A criteria set of `leaves` leaves (10 per field), 30 units each with an officer and a session, self-assessment open. */
async function seed(prep: Awaited<ReturnType<typeof prepareServerData>>, opts: EvidenceBenchOptions) {
  const database = await openPrepared(prep);
  try {
    const db = database.db;
    await db.insertInto('criteria_set').values({ code: SET, year: 2025, name: 'Bộ tiêu chí thử tải', family: SET }).execute();
    const fields = Math.ceil(opts.leaves / 10);
    const criteria = [];
    for (let f = 1; f <= fields; f++) {
      const n = Math.min(10, opts.leaves - (f - 1) * 10);
      criteria.push({ code: String(f), parent_code: null, level: 0, name: `Lĩnh vực ${f}`, max_points: n, source: null });
      for (let l = 1; l <= n; l++) criteria.push({ code: `${f}.${l}`, parent_code: String(f), level: 1, name: `Tiêu chí ${f}.${l}`, max_points: 1, source: 'content' as const });
    }
    await db.insertInto('criterion').values(criteria.map((c, i) => ({ ...c, criteria_set_code: SET, rule: null, round_decimals: null, position: i }))).execute();
    const province = await createUnit(db, { code: 'TINH', name: 'Tỉnh thử tải', parentId: null, kind: 'province', group: 'tinh' });
    const units = [];
    for (let u = 0; u < opts.units; u++) {
      units.push(await createUnit(db, { code: `SO${u}`, name: `Sở thử ${u + 1}`, parentId: province.id, kind: 'department', group: null }));
    }
    const campaign = await createCampaign(db, { name: 'Tự đánh giá thử tải', year: 2025, criteriaSetCode: SET, bandSetCode: 'national', unitIds: units.map((u) => u.id), previousCampaignId: null });
    await db.insertInto('assessment_phase').values({ campaign_id: campaign.id, phase: 'self_assessment', opens_at: new Date(Date.now() - 3600_000), closes_at: new Date(Date.now() + 30 * 24 * 3600_000) }).execute();
    const cookies = [];
    for (const [i, unit] of units.entries()) {
      const user = await createUser(db, { username: `can-bo-${i}`, displayName: `Cán bộ ${i}`, role: 'unit_officer', password: TEST_PASSWORD, unitId: unit.id });
      const token = newToken();
      await db.insertInto('user_session').values({ token_hash: hashToken(token), user_id: user.id, expires_at: new Date(Date.now() + 24 * 3600_000) }).execute();
      cookies.push(`sid=${token}`);
    }
    const leafCodes = criteria.filter((c) => c.source).map((c) => c.code);
    return { campaignId: campaign.id, unitIds: units.map((u) => u.id), cookies, leafCodes };
  } finally {
    await database.close();
  }
}

/** File i's bytes: a PDF header naming it, then `size` bytes cut from a random pool at an offset of its own. */
function fileBytes(pool: Buffer, id: number, size: number): Buffer {
  const head = Buffer.from(`%PDF-1.7\n% tài liệu kiểm chứng ${id}\n`);
  const out = Buffer.allocUnsafe(size);
  head.copy(out, 0);
  let at = head.length;
  let from = (id * 7919) % pool.length;
  while (at < size) {
    const n = Math.min(size - at, pool.length - from);
    pool.copy(out, at, from, from + n);
    at += n;
    from = 0;
  }
  return out;
}

const BOUNDARY = '----parindex-bench';

function postFile(origin: string, path: string, cookie: string, name: string, bytes: Buffer, criterionCode: string): Promise<{ status: number; ms: number; deduplicated: boolean }> {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="criterionCode"\r\n\r\n${criterionCode}\r\n`
    + `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, {
      method: 'POST',
      headers: { cookie, 'x-requested-with': 'bench', 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': head.length + bytes.length + tail.length },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        const deduplicated = res.statusCode === 201 && (JSON.parse(body) as { documents: { deduplicated: boolean }[] }).documents[0]!.deduplicated;
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, deduplicated });
      });
    });
    req.on('error', reject);
    req.write(head);
    // in 256 KiB pieces, as a browser sends a large body
    for (let at = 0; at < bytes.length; at += 256 * 1024) req.write(bytes.subarray(at, at + 256 * 1024));
    req.end(tail);
  });
}

/** CPU seconds (user + system) the process has used so far (/proc/PID/stat, clock ticks of 1/100 s). */
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

const rssMb = (pid: number) => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
};

function bytesUnder(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? bytesUnder(p) : statSync(p).size;
  }
  return total;
}

export async function benchEvidence(kind: DbKind, pgUrl: string, opts: EvidenceBenchOptions) {
  console.log(`\n== Evidence uploads on ${kind}: ${opts.files} files of ${opts.minMb}–${opts.maxMb} MB, ${opts.units} units × ${opts.leaves} leaves, ${opts.concurrency} at a time, ~${Math.round(opts.duplicateShare * 100)} % identical`);
  const prep = await prepareServerData(kind, pgUrl);
  try {
    const s = await seed(prep, opts);
    const server = await startServerProcess({ env: { ...prep.env, LOG_LEVEL: 'error' }, dataDir: prep.dataDir });
    const pid = server.child.pid!;
    const pool = randomBytes(8 * MB);
    // the plan: file i goes to unit i % units, leaf ⌊i / units⌋ % leaves; some reuse the bytes of an earlier file
    let seed32 = 12345;
    const rand = () => ((seed32 = (seed32 * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const plan = Array.from({ length: opts.files }, (_, i) => {
      const duplicateOf = i > 10 && rand() < opts.duplicateShare ? Math.floor(rand() * i) : null;
      return { i, duplicateOf, size: Math.round((opts.minMb + rand() * (opts.maxMb - opts.minMb)) * MB) };
    });
    for (const p of plan) if (p.duplicateOf !== null) { let src = plan[p.duplicateOf]!; while (src.duplicateOf !== null) src = plan[src.duplicateOf]!; p.duplicateOf = src.i; p.size = src.size; }

    const rss: { t: number; mb: number }[] = [];
    const startRss = rssMb(pid);
    const startCpu = cpuSeconds(pid);
    const started = performance.now();
    const sampler = setInterval(() => rss.push({ t: performance.now() - started, mb: rssMb(pid) }), 100);
    const results: { status: number; ms: number; deduplicated: boolean }[] = [];
    let uploaded = 0;
    let next = 0;
    try {
      await Promise.all(Array.from({ length: opts.concurrency }, async () => {
        for (;;) {
          const p = plan[next++];
          if (!p) return;
          const unit = p.i % opts.units;
          const leaf = s.leafCodes[Math.floor(p.i / opts.units) % s.leafCodes.length]!;
          const bytes = fileBytes(pool, p.duplicateOf ?? p.i, p.size);
          const r = await postFile(server.origin, `/api/campaigns/${s.campaignId}/units/${s.unitIds[unit]}/evidence`, s.cookies[unit]!, `Tài liệu ${p.i} — tiêu chí ${leaf}.pdf`, bytes, leaf);
          results.push(r);
          if (r.status === 201) uploaded += bytes.length;
        }
      }));
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - started) / 1000;
    const serverCpu = cpuSeconds(pid) - startCpu;
    const stored = bytesUnder(join(prep.dataDir, 'evidence', 'blobs'));
    const tmpLeft = readdirSync(join(prep.dataDir, 'evidence', 'tmp')).length;
    await server.stop();
    const database = await openPrepared(prep);
    const counts = {
      blobs: (await database.db.selectFrom('evidence_blob').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n,
      documents: (await database.db.selectFrom('evidence_document').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n,
      links: (await database.db.selectFrom('evidence_link').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n,
    };
    await database.close();

    const ok = results.filter((r) => r.status === 201);
    const ms = ok.map((r) => r.ms);
    const peak = Math.max(...rss.map((r) => r.mb));
    const tenths = Array.from({ length: 10 }, (_, k) => {
      const window = rss.filter((r) => r.t >= (k * seconds * 1000) / 10 && r.t < ((k + 1) * seconds * 1000) / 10);
      return window.length ? Math.max(...window.map((r) => r.mb)) : NaN;
    });
    const expectedUnique = new Set(plan.map((p) => p.duplicateOf ?? p.i)).size;
    console.log(`  uploads: ${ok.length} of ${results.length} answered 201 (others: ${[...new Set(results.filter((r) => r.status !== 201).map((r) => r.status))].join(', ') || 'none'}); ${ok.filter((r) => r.deduplicated).length} said deduplicated`);
    console.log(`  throughput: ${(ok.length / seconds).toFixed(1)} files/s, ${(uploaded / MB / seconds).toFixed(1)} MB/s (${(uploaded / MB).toFixed(0)} MB in ${seconds.toFixed(1)} s)`);
    console.log(`  server CPU: ${serverCpu.toFixed(1)} s (${((serverCpu / seconds) * 100).toFixed(0)} % of one core over the run; ${(serverCpu / (uploaded / 1024 / MB)).toFixed(1)} s per GB)`);
    console.log(`  latency per upload: p50 ${quantile(ms, 0.5).toFixed(0)} ms, p99 ${quantile(ms, 0.99).toFixed(0)} ms`);
    console.log(`  server RSS: ${startRss.toFixed(0)} MB at start, peak ${peak.toFixed(0)} MB; peak per tenth of the run: ${tenths.map((m) => m.toFixed(0)).join(' / ')} MB`);
    console.log(`  storage: ${(stored / MB).toFixed(0)} MB on disk for ${(uploaded / MB).toFixed(0)} MB uploaded (${((1 - stored / uploaded) * 100).toFixed(1)} % saved); ${counts.blobs} blobs (expected ${expectedUnique}), ${counts.documents} documents, ${counts.links} links; ${tmpLeft} temporary files left`);
  } finally {
    await prep.cleanup();
  }
}
