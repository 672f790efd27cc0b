// Signature check benchmark (`npm run bench -- --only signatures`, issue 13): PDFs of 1–5 MB (a page and an
// uncompressed stream of random hex to reach the size) signed by @signpdf with a certificate of a CA generated here,
// written to disk, then checked by the server's checker (server/features/evidence/signature/checker.ts: worker
// threads, 2 at a time, each reading the stored file itself) as uploads would have them checked. Signing with
// node-forge costs ~0.4 s a file, so `distinct` files are signed and each is written under several names (the check
// has no cache: every file is read, hashed and verified). Prints files/s, MB/s and the process's resident memory
// (workers are threads of this process) sampled every 50 ms: before, peak. Figures only; asserts nothing about time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEFAULT_SIGNATURE_LIMITS, SignatureChecker } from '../../server/features/evidence/signature/checker';
import { makeCert, makePdf, p12Of, signPdf } from '../support/signed-pdf';

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
    const ca = makeCert({ cn: 'Bench Root CA', o: 'Bench', ca: true });
    const p12 = p12Of(makeCert({ cn: 'Nguyễn Văn Ký', o: 'Sở Nội vụ', issuer: ca }), [ca]);
    const t0 = performance.now();
    const signed: Buffer[] = [];
    for (let i = 0; i < o.distinct; i++) {
      const size = Math.round((o.minMb + ((o.maxMb - o.minMb) * i) / Math.max(1, o.distinct - 1)) * MB);
      signed.push(await signPdf(makePdf(`Tai lieu ${i}`, size), p12));
    }
    const paths: string[] = [];
    let bytes = 0;
    for (let i = 0; i < o.files; i++) {
      const pdf = signed[i % signed.length]!;
      const path = join(dir, `${i}.pdf`);
      writeFileSync(path, pdf);
      paths.push(path);
      bytes += pdf.length;
    }
    signed.length = 0;
    console.log(`   made in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${mb(bytes)} MB on disk`);

    // the signing left hundreds of MB of garbage (node-forge strings): collect it so that "before" is the baseline
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
