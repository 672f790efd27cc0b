// Makes the signed PDFs of the signature bench (signatures.ts) in a process of its own, so that the memory node-forge
// uses for signing is not in the figures of the check: `tsx signatures-make.ts <dir> <files> <distinct> <minMb> <maxMb>`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeCert, makePdf, p12Of, signPdf } from '../support/signed-pdf';

const [dir, files, distinct, minMb, maxMb] = [process.argv[2]!, ...process.argv.slice(3, 7).map(Number)] as [string, number, number, number, number];
const MB = 1024 * 1024;
const ca = makeCert({ cn: 'Bench Root CA', o: 'Bench', ca: true });
const p12 = p12Of(makeCert({ cn: 'Nguyễn Văn Ký', o: 'Sở Nội vụ', issuer: ca }), [ca]);
const signed: Buffer[] = [];
for (let i = 0; i < distinct; i++) {
  const size = Math.round((minMb + ((maxMb - minMb) * i) / Math.max(1, distinct - 1)) * MB);
  signed.push(await signPdf(makePdf(`Tai lieu ${i}`, size), p12));
}
let bytes = 0;
for (let i = 0; i < files; i++) {
  const pdf = signed[i % signed.length]!;
  writeFileSync(join(dir, `${i}.pdf`), pdf);
  bytes += pdf.length;
}
process.stdout.write(String(bytes));
