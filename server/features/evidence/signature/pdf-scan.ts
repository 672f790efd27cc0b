// PDF structure scanning for signatures (issue 13): where the signatures are and what was added after the last one.
// A signature dictionary carries /ByteRange [a b c d] — the signed bytes are a..a+b and c..c+d, and the hole between
// them is exactly the /Contents hex string holding the CMS SignedData. Only bounded regular expressions over latin1
// text and index arithmetic: nothing here can loop on a hostile file (each match moves forward; numbers are capped).

export interface ByteRangeFound {
  /** offset of the `/ByteRange` keyword */
  at: number;
  /** the four numbers, or null when they are not four non-negative integers */
  range: [number, number, number, number] | null;
  raw: string;
}

export type SignatureSlot =
  | { ok: true; at: number; range: [number, number, number, number]; cms: Buffer; signedEnd: number }
  | { ok: false; at: number; raw: string; problem: 'byte_range_malformed' | 'byte_range_outside_file' | 'contents_missing' };

// `/ByteRange` then `[` four tokens `]`; a token is anything but brackets (placeholders are `/*****`), at most 40 chars
const BYTE_RANGE = /\/ByteRange\s*\[([^\[\]]{0,200})\]/g;
const INTEGER = /^\d{1,15}$/;

export function findByteRanges(text: string): ByteRangeFound[] {
  const out: ByteRangeFound[] = [];
  for (const m of text.matchAll(BYTE_RANGE)) {
    const tokens = m[1]!.trim().split(/\s+/);
    const nums = tokens.length === 4 && tokens.every((t) => INTEGER.test(t)) ? tokens.map(Number) as [number, number, number, number] : null;
    out.push({ at: m.index, range: nums, raw: m[0].slice(0, 80) });
  }
  return out;
}

/** The signature slots of the file: each /ByteRange checked against the file and its hole read as hex. */
export function signatureSlots(pdf: Buffer, text = pdf.toString('latin1')): SignatureSlot[] {
  const seen = new Set<string>();
  const slots: SignatureSlot[] = [];
  for (const f of findByteRanges(text)) {
    if (!f.range) {
      slots.push({ ok: false, at: f.at, raw: f.raw, problem: 'byte_range_malformed' });
      continue;
    }
    const key = f.range.join(' ');
    if (seen.has(key)) continue; // the same signature named twice (e.g. a copy in an object stream's text)
    seen.add(key);
    const [a, b, c, d] = f.range;
    if (a !== 0 || b <= 0 || c <= b + 1 || d < 0) {
      slots.push({ ok: false, at: f.at, raw: f.raw, problem: 'byte_range_malformed' });
      continue;
    }
    if (c + d > pdf.length) {
      slots.push({ ok: false, at: f.at, raw: f.raw, problem: 'byte_range_outside_file' });
      continue;
    }
    // the hole must be `<hex>` and nothing else
    if (pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) {
      slots.push({ ok: false, at: f.at, raw: f.raw, problem: 'contents_missing' });
      continue;
    }
    const hex = text.slice(b + 1, c - 1);
    if (!/^[0-9a-fA-F\s]*$/.test(hex)) {
      slots.push({ ok: false, at: f.at, raw: f.raw, problem: 'contents_missing' });
      continue;
    }
    // the placeholder is padded with zeros after the DER; the DER's own length is read in cms.ts (it may end in 00)
    const cms = Buffer.from(hex.replace(/\s+/g, ''), 'hex');
    if (!cms.some((b) => b !== 0)) {
      slots.push({ ok: false, at: f.at, raw: f.raw, problem: 'contents_missing' });
      continue;
    }
    slots.push({ ok: true, at: f.at, range: f.range, cms, signedEnd: c + d });
  }
  return slots.sort((x, y) => (x.ok ? x.signedEnd : x.at) - (y.ok ? y.signedEnd : y.at));
}

/** The two signed pieces of a byte range, joined (what the CMS messageDigest is a hash of). */
export const signedBytes = (pdf: Buffer, [a, b, c, d]: [number, number, number, number]) =>
  Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);

/** A PDF ends with `%%EOF` (and whitespace) within its last KiB; a file cut off in transfer does not. */
export const endsLikePdf = (text: string) => text.slice(-1024).includes('%%EOF');

/**
 * What follows the last signed byte: nothing (whitespace only), a DSS/validation update (certificates, OCSP, CRL
 * added to /DSS by a long-term-validation tool: it names /DSS and adds no page, annotation, form field or content),
 * or other content — an edit made after signing ("sửa sau khi ký").
 */
export function tailAfter(text: string, signedEnd: number): 'none' | 'dss' | 'content' {
  const tail = text.slice(signedEnd);
  if (/^\s*$/.test(tail)) return 'none';
  const touchesContent = /\/Type\s*\/(Page|Pages|Annot|XObject|Font)\b|\/(Annots|AcroForm|Fields|Contents|Parent|Kids|JavaScript|OpenAction|AA)\b/.test(tail);
  if (/\/DSS\b/.test(tail) && !touchesContent) return 'dss';
  return 'content';
}
