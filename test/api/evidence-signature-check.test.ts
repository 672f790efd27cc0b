// The signature checker of PDF evidence (issue 13), without the HTTP layer: real PDFs signed in the test by @signpdf
// with certificates generated here, checked by check-pdf.ts directly and through the worker pool (checker.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPdf } from '../../server/features/evidence/signature/check-pdf';
import { SignatureChecker } from '../../server/features/evidence/signature/checker';
import { findByteRanges, tailAfter } from '../../server/features/evidence/signature/pdf-scan';
import { derPrefix } from '../../server/features/evidence/signature/cms';
import * as asn1js from 'asn1js';
import { TrustStore } from '../../server/features/evidence/signature/trust';
import { makePdf, signatureFixtures, type SignatureFixtures } from '../support/signed-pdf';

let fx: SignatureFixtures;
let trusted: TrustStore;
const none = new TrustStore([]);

beforeAll(async () => {
  fx = await signatureFixtures();
  trusted = new TrustStore([{ fingerprint: fingerprintOf(fx.ca.der), der: fx.ca.der }]);
}, 60_000);

const fingerprintOf = (der: Buffer) => createHash('sha256').update(der).digest('hex');

describe('checkPdf', () => {
  it('a PDF signed by a certificate of a trusted CA: valid and trusted, with signer, issuer and signing time', async () => {
    const check = await checkPdf(fx.pdfs.signed);
    expect(check.status).toBe('signed_valid');
    expect(check.signatures).toHaveLength(1);
    const s = check.signatures[0]!;
    expect(s).toMatchObject({ intact: true, signatureVerified: true, certificateValidAtSigning: true, coversWholeFile: true, digestAlgorithm: 'SHA-256', signingTimeSource: 'signed_attribute' });
    expect(s.signer).toMatchObject({ commonName: 'Nguyễn Văn An', organization: 'Sở Nội vụ tỉnh Ê A' });
    expect(s.signer!.issuer).toContain('ParIndex Test Root CA');
    expect(s.chain.map((c) => c.commonName)).toEqual(['Nguyễn Văn An', 'ParIndex Test Root CA']);
    expect(Math.abs(new Date(s.signingTime!).getTime() - Date.now())).toBeLessThan(3600e3);
    expect(trusted.view(check).status).toBe('signed_valid_trusted');
    expect(trusted.view(check).signatures[0]).toMatchObject({ trusted: true, valid: true, signerName: 'Nguyễn Văn An', problems: [] });
  });

  it('the same PDF with no trusted root, or a root other than its CA: valid but untrusted, saying why', async () => {
    const check = await checkPdf(fx.pdfs.signed);
    expect(none.view(check).status).toBe('signed_valid_untrusted');
    const other = new TrustStore([{ fingerprint: fingerprintOf(fx.otherCa.der), der: fx.otherCa.der }]);
    const view = other.view(check);
    expect(view.status).toBe('signed_valid_untrusted');
    expect(view.signatures[0]!.problems.map((p) => p.code)).toEqual(['untrusted_root']);
  });

  it('signed by a CA nobody trusts: valid, untrusted', async () => {
    const check = await checkPdf(fx.pdfs.signedByUnknownCa);
    expect(check.status).toBe('signed_valid');
    expect(trusted.view(check).status).toBe('signed_valid_untrusted');
    expect(check.signatures[0]!.signer!.commonName).toBe('Lê Văn Cường');
  });

  it('a byte changed inside the signed range: invalid (digest mismatch), the signature itself still verifies', async () => {
    const check = await checkPdf(fx.pdfs.tampered);
    expect(check.status).toBe('invalid');
    expect(check.signatures[0]).toMatchObject({ intact: false, signatureVerified: true });
    expect(check.signatures[0]!.problems).toContain('digest_mismatch');
    expect(trusted.view(check).status).toBe('invalid');
  });

  it('content appended after signing (an incremental update): changed after signing', async () => {
    const check = await checkPdf(fx.pdfs.appended);
    expect(check.status).toBe('changed_after_signing');
    expect(check.modifiedAfterLastSignature).toBe(true);
    expect(check.problems).toEqual(['changed_after_signing']);
    expect(check.signatures[0]).toMatchObject({ intact: true, signatureVerified: true, coversWholeFile: true });
    expect(trusted.view(check).problems[0]!.vi).toMatch(/^Sửa sau khi ký/);
  });

  it('two signatures (the second an incremental update): both found and valid, the first covering its revision only', async () => {
    const check = await checkPdf(fx.pdfs.twoSignatures);
    expect(check.status).toBe('signed_valid');
    expect(check.signatures.map((s) => [s.signer!.commonName, s.intact, s.signatureVerified, s.coversWholeFile])).toEqual([
      ['Nguyễn Văn An', true, true, false],
      ['Trần Thị Bình', true, true, true],
    ]);
    expect(trusted.view(check).status).toBe('signed_valid_trusted');
  });

  it('a certificate expired at signing time: invalid', async () => {
    const check = await checkPdf(fx.pdfs.expiredCert);
    expect(check.status).toBe('invalid');
    expect(check.signatures[0]).toMatchObject({ intact: true, signatureVerified: true, certificateValidAtSigning: false });
    expect(check.signatures[0]!.problems).toContain('certificate_expired');
  });

  it('no signature: not signed', async () => {
    expect(await checkPdf(fx.pdfs.plain)).toMatchObject({ status: 'not_signed', signatures: [] });
    expect(none.view(await checkPdf(fx.pdfs.plain)).status).toBe('not_signed');
  });

  it('a malformed /ByteRange: invalid with the reason', async () => {
    const check = await checkPdf(fx.pdfs.malformedByteRange);
    expect(check.status).toBe('invalid');
    expect(check.signatures[0]!.problems).toEqual(['byte_range_malformed']);
  });

  it.each([
    ['/ByteRange [0 10 5 3]', 'byte_range_malformed'], // the second range starts before the first ends
    ['/ByteRange [0 10 20 999999]', 'byte_range_outside_file'],
    ['/ByteRange [0 10 20 5]', 'contents_missing'], // no <hex> in the hole
  ])('%s → %s', async (range, problem) => {
    const pdf = makePdf().toString('latin1').replace('/Type /Catalog', `/Type /Catalog ${range}`);
    const check = await checkPdf(Buffer.from(pdf, 'latin1'));
    expect(check.status).toBe('invalid');
    expect(check.signatures[0]!.problems).toEqual([problem]);
  });

  it('a truncated signed PDF: invalid (its range reaches past the end); a truncated unsigned one: error "truncated"', async () => {
    const check = await checkPdf(fx.pdfs.truncated);
    expect(check.status).toBe('invalid');
    expect(check.signatures[0]!.problems).toEqual(['byte_range_outside_file']);
    const cut = fx.pdfs.plain.subarray(0, fx.pdfs.plain.length - 30);
    expect(await checkPdf(cut)).toMatchObject({ status: 'error', problems: ['truncated'] });
  });

  it('a DSS update after the last signature is not a change; anything else is', () => {
    const dss = '\n5 0 obj\n<< /Type /Catalog /Pages 2 0 R /DSS 9 0 R >>\nendobj\n9 0 obj\n<< /Certs [10 0 R] /OCSPs [] >>\nendobj\nxref\n0 1\ntrailer\n<< >>\n%%EOF\n';
    expect(tailAfter(`signed${dss}`, 6)).toBe('dss');
    expect(tailAfter('signed\n\n', 6)).toBe('none');
    expect(tailAfter('signed\n1 0 obj << /Type /Annot /Subtype /Text >> endobj %%EOF', 6)).toBe('content');
  });

  it('reads the CMS length from its DER header: a DER ending in zero bytes is not cut by the zero padding after it', () => {
    const der = Buffer.from(new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: new Uint8Array([7, 0, 0]) })] }).toBER());
    expect(der.at(-1)).toBe(0);
    expect(derPrefix(Buffer.concat([der, Buffer.alloc(100)]))).toEqual(der);
  });

  it('scans a megabyte of "/ByteRange [" without a closing bracket in linear time and finds nothing malformed-looking to loop on', () => {
    const hostile = `%PDF-1.7\n${'/ByteRange ['.repeat(100_000)}`;
    expect(findByteRanges(hostile)).toEqual([]);
  });
});

describe('SignatureChecker (worker threads with time and memory limits)', () => {
  let dir: string;
  const file = (name: string, data: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, data);
    return path;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'parindex-sigcheck-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('checks signed PDFs in workers (reused after an answer), and says not_applicable for other types without reading them', async () => {
    const checker = new SignatureChecker();
    try {
      const [signed, docx] = await Promise.all([checker.check(file('a.pdf', fx.pdfs.signed), 'pdf'), checker.check(file('b.docx', Buffer.from('PK')), 'docx')]);
      expect(signed.status).toBe('signed_valid');
      expect(docx).toMatchObject({ status: 'not_applicable', signatures: [] });
      const again = await Promise.all([fx.pdfs.tampered, fx.pdfs.twoSignatures, fx.pdfs.plain].map((pdf, i) => checker.check(file(`c${i}.pdf`, pdf), 'pdf')));
      expect(again.map((c) => c.status)).toEqual(['invalid', 'signed_valid', 'not_signed']);
    } finally {
      await checker.close();
    }
  });

  it('a file above the size limit is refused without being read; a damaged file is an error, not a crash', async () => {
    const checker = new SignatureChecker({ timeLimitMs: 30_000, workerMemoryMb: 128, maxBytes: 1000, concurrency: 1 });
    try {
      expect(await checker.check(file('big.pdf', fx.pdfs.signed), 'pdf')).toMatchObject({ status: 'error', problems: ['too_large'] });
      expect(await checker.check(join(dir, 'missing.pdf'), 'pdf')).toMatchObject({ status: 'error', problems: ['check_failed'] });
    } finally {
      await checker.close();
    }
  });

  it('a huge PDF over the time limit is stopped (the worker terminated and replaced) and marked time_limit', async () => {
    const huge = file('huge.pdf', makePdf('Tai lieu lon', 40 * 1024 * 1024));
    const checker = new SignatureChecker({ timeLimitMs: 1, workerMemoryMb: 256, maxBytes: 100 * 1024 * 1024, concurrency: 1 });
    try {
      expect(await checker.check(huge, 'pdf')).toMatchObject({ status: 'error', problems: ['time_limit'] });
      expect(await checker.check(huge, 'pdf')).toMatchObject({ status: 'error', problems: ['time_limit'] });
    } finally {
      await checker.close();
    }
  }, 60_000);
});
