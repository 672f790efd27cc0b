// `npm run bench`: engine and ingest benchmarks. Figures only — never timed assertions.
// Real PostgreSQL: DATABASE_URL (a server whose user may create databases), else postgres://postgres@127.0.0.1:5432/postgres.
import { parseArgs } from 'node:util';
import { loadConfig } from '../../server/config';
import { benchEngine } from './engine';
import { benchEvidence } from './evidence';
import { benchEngineCore } from './engine-core';
import { benchIngest } from './ingest';
import { benchInvitations } from './mail';
import { benchRCompare } from './r-compare';
import { benchRecompute } from './recompute';
import { benchResults } from './results';
import { benchSignatures } from './signatures';

const { values } = parseArgs({
  options: {
    forms: { type: 'string', default: '20000' }, // ingest: forms per run (one run per batch size, client count and database); long enough that a fresh server's warm-up is not the figure
    batch: { type: 'string', default: '50,500' }, // ingest: batch sizes (phones send 50 forms a batch; 500 is the most the endpoint takes)
    clients: { type: 'string', default: '1,4,16' },
    only: { type: 'string' },
    'core-sizes': { type: 'string', default: '2000,20000,200000,1000000' }, // --only core: the estimation core at these sizes
    db: { type: 'string' },
    'recompute-forms': { type: 'string', default: '1000000' },
    'results-forms': { type: 'string' }, // e.g. 2000,20000 (default 2000,20000,200000)
    'r-forms': { type: 'string', default: '2000,20000,200000,1000000' }, // --only r: par sipas against R at these sizes
    'r-runs': { type: 'string', default: '3,1' }, // paired runs up to 20,000 forms, and above
    'evidence-files': { type: 'string', default: '3000' }, // --only evidence: files of 1–5 MB over 30 units × 100 leaves, 8 at a time
    'signature-files': { type: 'string', default: '1000' }, // --only signatures: signed PDFs of 1–5 MB checked by the worker pool
    'signature-distinct': { type: 'string', default: '200' }, // … of which this many signed apart (signing costs ~0.4 s a file)
  },
});
const config = loadConfig();
const pgUrl = config.database.kind === 'postgres' ? config.database.url : 'postgres://postgres@127.0.0.1:5432/postgres';
const opts = { forms: Number(values.forms), batchSizes: values.batch.split(',').map(Number), clients: values.clients.split(',').map(Number), resendShare: 0.1 };

if (!values.only || values.only === 'engine') benchEngine();
if (!values.only || values.only === 'core') benchEngineCore(values['core-sizes'].split(',').map(Number));
if (!values.only || values.only === 'r') await benchRCompare({ sizes: values['r-forms'].split(',').map(Number), smallRuns: Number(values['r-runs'].split(',')[0]), largeRuns: Number(values['r-runs'].split(',')[1] ?? 1) });
if (!values.only || values.only === 'ingest') {
  for (const kind of (['postgres', 'pglite'] as const).filter((k) => !values.db || values.db === k)) {
    try {
      await benchIngest(kind, pgUrl, opts);
    } catch (err) {
      console.log(`\n== Ingest on ${kind}: not run — ${(err as Error).message}`);
    }
  }
}
if (!values.only || values.only === 'mail') {
  for (const kind of (['postgres', 'pglite'] as const).filter((k) => !values.db || values.db === k)) {
    try {
      await benchInvitations(kind, pgUrl, kind === 'pglite' ? 500 : 2000);
    } catch (err) {
      console.log(`\n== E-mail on ${kind}: not run — ${(err as Error).message}`);
    }
  }
}
if (!values.only || values.only === 'recompute') {
  try {
    await benchRecompute(pgUrl, Number(values['recompute-forms']));
  } catch (err) {
    console.log(`\n== Recompute on postgres: not run — ${(err as Error).message}`);
  }
}
if (!values.only || values.only === 'evidence') {
  for (const kind of (['pglite', 'postgres'] as const).filter((k) => !values.db || values.db === k)) {
    try {
      await benchEvidence(kind, pgUrl, { files: Number(values['evidence-files']), units: 30, leaves: 100, concurrency: 8, duplicateShare: 0.2, minMb: 1, maxMb: 5 });
    } catch (err) {
      console.log(`\n== Evidence uploads on ${kind}: not run — ${(err as Error).message}`);
    }
  }
}
if (!values.only || values.only === 'signatures') {
  await benchSignatures({ files: Number(values['signature-files']), distinct: Number(values['signature-distinct']), minMb: 1, maxMb: 5 });
}
if (!values.only || values.only === 'results') await benchResults(pgUrl, values['results-forms'] ? values['results-forms'].split(',').map(Number) : undefined);
process.exit(0);
