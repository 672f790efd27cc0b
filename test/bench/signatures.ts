// Signature check benchmark (`npm run bench -- --only signatures`, issue 13): PDFs of 1–5 MB (a page and an
// uncompressed stream of random hex to reach the size) signed by @signpdf with a certificate of a CA generated here,
// written to disk by a child process (signatures-make.ts), then checked by the server's checker (server/features/evidence/signature/checker.ts: worker
// threads, 2 at a time, each reading the stored file itself) as uploads would have them checked. Signing with
// node-forge costs ~0.4 s a file, so `distinct` files are signed and each is written under several names (the check
// has no cache: every file is read, hashed and verified). Prints files/s, MB/s and the process's resident memory
// (workers are threads of this process) sampled every 50 ms: before, peak. Figures only; asserts nothing about time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SIGNATURE_LIMITS, SignatureChecker } from '../../server/features/evidence/signature/checker';

export interface SignatureBenchOptions {
  files: number;
  distinct: number;
  minMb: number;
  maxMb: number;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => (bytes / MB).toFixed(0);

export async function benchSignatures(o: SignatureBenchOptions): Promise<void> {
  console.log(`\n== Signature check: ${o.files} signed PDFs of ${o.minMb}–${o.maxMb} MB (${o.distinct} distinct), checker concurrency ${DEFAULT_SIGNATURE_LIMITS.concurrency}`);
  const dir = mkdtempSync(join(tmpdir(), 'parindex-sigbench-'));
  try {
    // signed in a child process (signatures-make.ts): node-forge's memory is not this process's baseline
    const t0 = performance.now();
    const made = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./signatures-make.ts', import.meta.url)), dir, String(o.files), String(o.distinct), String(o.minMb), String(o.maxMb)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (made.status !== 0) throw new Error('signatures-make.ts failed');
    const bytes = Number(made.stdout);
    const paths = Array.from({ length: o.files }, (_, i) => join(dir, `${i}.pdf`));
    console.log(`   made in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${mb(bytes)} MB on disk`);

    // a full collection first, so that "before" is this process's baseline
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
    const checker = new SignatureChecker();
    const statuses = new Map<string, number>();
    const start = performance.now();
    await Promise.all(paths.map(async (p) => {
      const r = await checker.check(p, 'pdf');
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }));
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    await checker.close();
    console.log(`   ${o.files} files in ${seconds.toFixed(1)} s: ${(o.files / seconds).toFixed(1)} files/s, ${(bytes / MB / seconds).toFixed(0)} MB/s`);
    console.log(`   statuses: ${[...statuses].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`   resident memory (this process and its worker threads): ${mb(rssBefore)} MB before, peak ${mb(peak)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
