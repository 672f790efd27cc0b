// The signature check of one PDF file (issue 13): every signature (incremental updates included) checked, what was
// added after the last one, and the file's overall status. Runs in a worker thread (worker.ts), never on the server's
// event loop; trust in the chains is evaluated when the result is read (trust.ts).
import { checkCms } from './cms';
import { endsLikePdf, signatureSlots, signedBytes, tailAfter } from './pdf-scan';
import { SIGNATURE_CHECK_VERSION, checkError, type ProblemCode, type SignatureCheck, type SignatureInfo } from './types';

/** Problems that make a signature invalid; the others (no signing time, a timestamp not matching) are remarks. */
const FATAL: ReadonlySet<ProblemCode> = new Set([
  'byte_range_malformed', 'byte_range_outside_file', 'contents_missing', 'cms_unreadable', 'signer_certificate_missing', 'digest_mismatch',
  'signature_does_not_verify', 'certificate_not_yet_valid', 'certificate_expired', 'chain_certificate_invalid', 'unsupported_algorithm',
]);
export const signatureValid = (s: SignatureInfo) => !s.problems.some((p) => FATAL.has(p));

export async function checkPdf(pdf: Buffer, checkedAt = new Date()): Promise<SignatureCheck> {
  if (pdf.subarray(0, 1024).indexOf('%PDF-') < 0) return checkError('not_a_pdf');
  const text = pdf.toString('latin1');
  const slots = signatureSlots(pdf, text);
  if (slots.length === 0) {
    if (!endsLikePdf(text)) return checkError('truncated');
    return { version: SIGNATURE_CHECK_VERSION, checkedAt: checkedAt.toISOString(), status: 'not_signed', signatures: [], modifiedAfterLastSignature: false, problems: [] };
  }
  const lastEnd = Math.max(...slots.map((s) => (s.ok ? s.signedEnd : 0)));
  const signatures: SignatureInfo[] = [];
  for (const slot of slots) {
    if (!slot.ok) {
      signatures.push({
        byteRange: null, intact: false, signatureVerified: false, signer: null, chain: [], digestAlgorithm: null, signingTime: null,
        signingTimeSource: null, certificateValidAtSigning: false, coversWholeFile: false, problems: [slot.problem],
      });
      continue;
    }
    const checked = await checkCms(slot.cms, signedBytes(pdf, slot.range), checkedAt);
    signatures.push({ byteRange: slot.range, ...checked, coversWholeFile: slot.signedEnd === lastEnd });
  }
  const modifiedAfterLastSignature = lastEnd > 0 && tailAfter(text, lastEnd) === 'content';
  const problems: ProblemCode[] = [];
  if (!endsLikePdf(text)) problems.push('truncated');
  if (modifiedAfterLastSignature) problems.push('changed_after_signing');
  const status = signatures.some((s) => !signatureValid(s)) || problems.includes('truncated') ? 'invalid'
    : modifiedAfterLastSignature ? 'changed_after_signing' : 'signed_valid';
  return { version: SIGNATURE_CHECK_VERSION, checkedAt: checkedAt.toISOString(), status, signatures, modifiedAfterLastSignature, problems };
}
