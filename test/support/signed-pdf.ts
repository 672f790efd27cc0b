// Real signed PDFs made in the test (issue 13): a CA and signer certificates generated here (node-forge, keys from
// Node's crypto), PDFs built with a correct cross-reference table, signed by @signpdf (placeholder-plain + signer-p12).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import forge from 'node-forge';

export interface TestCert {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  pem: string;
  der: Buffer;
}

const P12_PASSWORD = 'kiem-chung';
let serial = 1;
const keyPair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
};

/** A certificate for `subject` (CN, O), issued by `issuer` (self-signed when absent), valid from..to. */
export function makeCert(opts: { cn: string; o: string; issuer?: TestCert; ca?: boolean; from?: Date; to?: Date }): TestCert {
  const keys = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = (0x1000 + serial++).toString(16);
  cert.validity.notBefore = opts.from ?? new Date(Date.now() - 24 * 3600e3);
  cert.validity.notAfter = opts.to ?? new Date(Date.now() + 365 * 24 * 3600e3);
  // UTF8String for Vietnamese names (forge encodes the value)
  const utf8 = (name: string, value: string) => ({ name, value, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class });
  const subject = [utf8('commonName', opts.cn), utf8('organizationName', opts.o), { name: 'countryName', value: 'VN' }];
  cert.setSubject(subject);
  cert.setIssuer(opts.issuer ? opts.issuer.cert.subject.attributes : subject);
  cert.setExtensions(opts.ca
    ? [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }]
    : [{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true }]);
  cert.sign(opts.issuer?.key ?? keys.privateKey, forge.md.sha256.create());
  const pem = forge.pki.certificateToPem(cert);
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return { cert, key: keys.privateKey, pem, der };
}

/** A PKCS#12 bundle of the signer's key and certificate (with the chain above it). */
export function p12Of(signer: TestCert, chain: TestCert[] = []): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(signer.key, [signer.cert, ...chain.map((c) => c.cert)], P12_PASSWORD, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** A one-page PDF with a correct xref table; `padBytes` adds an uncompressed stream object of that many bytes. */
export function makePdf(text = 'Tai lieu kiem chung', padBytes = 0): Buffer {
  const content = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  const push = (b: Buffer) => { parts.push(b); offset += b.length; };
  objects.forEach((body, i) => {
    offsets.push(offset);
    push(Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1'));
  });
  if (padBytes > 0) {
    offsets.push(offset);
    // hex text: no stray "endstream", /ByteRange or %%EOF can appear in it
    const pad = Buffer.from(randomBytes(Math.ceil(padBytes / 2)).toString('hex').slice(0, padBytes), 'latin1');
    push(Buffer.from(`${objects.length + 1} 0 obj\n<< /Length ${pad.length} >>\nstream\n`, 'latin1'));
    push(pad);
    push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  }
  const xref = offset;
  const count = offsets.length + 1;
  const table = ['xref', `0 ${count}`, '0000000000 65535 f ', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `)].join('\n');
  push(Buffer.from(`${table}\ntrailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** `pdf` signed (an incremental update with a signature field) by the key and certificate in `p12`. */
export async function signPdf(pdf: Buffer, p12: Buffer, opts: { name?: string; signingTime?: Date } = {}): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf, reason: 'Xác nhận tài liệu kiểm chứng', contactInfo: 'test@example.vn', name: opts.name ?? 'Người ký', location: 'Hà Nội',
    ...(opts.signingTime && { signingTime: opts.signingTime }),
  });
  return new SignPdf().sign(withPlaceholder, new P12Signer(p12, { passphrase: P12_PASSWORD }), opts.signingTime);
}

/** Appends an incremental update that changes the page's content (what a PDF editor does after signing). */
export function appendUpdate(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const prevXref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const size = Math.max(...[...text.matchAll(/\/Size (\d+)/g)].map((m) => Number(m[1])));
  const content = 'BT /F1 18 Tf 72 700 Td (Noi dung them sau khi ky) Tj ET';
  const obj = Buffer.from(`${size} 0 obj\n<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n`, 'latin1');
  const objOffset = pdf.length;
  const xrefOffset = objOffset + obj.length;
  const tail = `xref\n${size} 1\n${String(objOffset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root 1 0 R /Prev ${prevXref} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([pdf, obj, Buffer.from(tail, 'latin1')]);
}

export interface SignatureFixtures {
  ca: TestCert;
  otherCa: TestCert;
  signer: TestCert;
  expired: TestCert;
  pdfs: {
    plain: Buffer;
    signed: Buffer;
    signedByUnknownCa: Buffer;
    tampered: Buffer;
    appended: Buffer;
    twoSignatures: Buffer;
    expiredCert: Buffer;
    malformedByteRange: Buffer;
    truncated: Buffer;
  };
}

/** Flips one byte of the page content (inside the first signed range): the signed hash no longer matches. */
export function tamper(pdf: Buffer): Buffer {
  const out = Buffer.from(pdf);
  const at = out.indexOf('Tai lieu kiem chung');
  if (at < 0) throw new Error('no page text to change');
  out[at] = 'X'.charCodeAt(0);
  return out;
}

/** A CA, a signer it issued (Vietnamese names), a signer of another CA, an expired signer, and the PDFs of the cases. */
export async function signatureFixtures(): Promise<SignatureFixtures> {
  // forge writes the issuer of the CMS signer identifier with non-ASCII letters encoded twice, so CA names are ASCII
  const ca = makeCert({ cn: 'ParIndex Test Root CA', o: 'Ban Co yeu Chinh phu (test)', ca: true });
  const otherCa = makeCert({ cn: 'Unknown Test CA', o: 'Nobody', ca: true });
  const signer = makeCert({ cn: 'Nguyễn Văn An', o: 'Sở Nội vụ tỉnh Ê A', issuer: ca });
  const second = makeCert({ cn: 'Trần Thị Bình', o: 'UBND tỉnh Ê A', issuer: ca });
  const stranger = makeCert({ cn: 'Lê Văn Cường', o: 'Công ty Lạ', issuer: otherCa });
  const day = 24 * 3600e3;
  const expired = makeCert({ cn: 'Phạm Hết Hạn', o: 'Sở Nội vụ tỉnh Ê A', issuer: ca, from: new Date(Date.now() - 400 * day), to: new Date(Date.now() - 30 * day) });
  const plain = makePdf();
  const signed = await signPdf(plain, p12Of(signer, [ca]));
  const twoSignatures = await signPdf(signed, p12Of(second, [ca]), { name: 'Người ký thứ hai' });
  const text = signed.toString('latin1');
  const br = /\/ByteRange\s*\[[^\]]*\]/.exec(text)!;
  const malformed = Buffer.from(text.slice(0, br.index) + '/ByteRange [0 -5 x 10]'.padEnd(br[0].length, ' ') + text.slice(br.index + br[0].length), 'latin1');
  return {
    ca, otherCa, signer, expired,
    pdfs: {
      plain, signed, twoSignatures, tampered: tamper(signed), appended: appendUpdate(signed),
      signedByUnknownCa: await signPdf(makePdf('Tai lieu kiem chung khac'), p12Of(stranger, [otherCa])),
      expiredCert: await signPdf(makePdf('Tai lieu kiem chung cu'), p12Of(expired, [ca])),
      malformedByteRange: malformed,
      truncated: signed.subarray(0, Math.floor(signed.length * 0.6)),
    },
  };
}
