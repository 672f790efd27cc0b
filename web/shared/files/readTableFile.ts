/**
 * A chosen table file, told apart by its first bytes rather than its name:
 * - an XLSX (an OOXML zip: "PK\x03\x04") → its bytes in base64, for an import body's `xlsxBase64`;
 * - an old Excel .xls (an OLE2 compound file: D0 CF 11 E0) or any other binary file (a NUL byte, or bytes that are
 *   not UTF-8) → refused, with the reason, instead of being pasted as text;
 * - anything else → its UTF-8 text (the decoder drops a leading byte order mark).
 */
export type TableFile =
  | { kind: 'text'; text: string }
  | { kind: 'xlsx'; base64: string; bytes: number }
  | { kind: 'refused'; reason: 'xls' | 'binary' };

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Bytes as base64, in slices (String.fromCharCode of a whole file overflows the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Classifies bytes (exported for unit tests; the browser's File goes through readTableFile). */
export function classifyTableBytes(bytes: Uint8Array): TableFile {
  if (startsWith(bytes, ZIP)) return { kind: 'xlsx', base64: toBase64(bytes), bytes: bytes.length };
  if (startsWith(bytes, OLE2)) return { kind: 'refused', reason: 'xls' };
  if (bytes.subarray(0, 8192).includes(0)) return { kind: 'refused', reason: 'binary' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { kind: 'text', text };
  } catch {
    return { kind: 'refused', reason: 'binary' };
  }
}

export async function readTableFile(file: Blob): Promise<TableFile> {
  return classifyTableBytes(new Uint8Array(await file.arrayBuffer()));
}
