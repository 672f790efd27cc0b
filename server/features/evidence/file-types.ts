import { AppError } from '../../errors';

// Which files an evidence upload takes, told by their bytes (magic numbers), never by the name or the declared
// Content-Type: PDF, DOC/DOCX, XLS/XLSX, ODT/ODS, JPEG, PNG. ZIP-based documents (OOXML, ODF) are told apart by their
// entries: ODF's first entry `mimetype` (stored, uncompressed — ODF 1.2 part 3 §3.3), OOXML's `[Content_Types].xml`
// with `word/` or `xl/` parts (ECMA-376 part 2). Old DOC and XLS share one container (OLE2 compound file): only the
// name's extension tells them apart, and only between those two.

export type EvidenceKind = 'pdf' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'odt' | 'ods' | 'jpeg' | 'png';

export const EVIDENCE_TYPES: Record<EvidenceKind, { mediaType: string; extensions: readonly string[]; label: string }> = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  doc: { mediaType: 'application/msword', extensions: ['doc'], label: 'DOC' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'DOCX' },
  xls: { mediaType: 'application/vnd.ms-excel', extensions: ['xls'], label: 'XLS' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'XLSX' },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], label: 'ODT' },
  ods: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'], label: 'ODS' },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe'], label: 'JPEG' },
  png: { mediaType: 'image/png', extensions: ['png'], label: 'PNG' },
};

/** Shown inline in the browser (preview); everything else is a download. */
export const INLINE_MEDIA_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);

/** How many bytes from the start the sniffer needs (the ODF mimetype entry, a PDF header within 1 KiB). */
export const SNIFF_HEAD_BYTES = 64 * 1024;

/** What the sniffer may read of a file that is already on disk. */
export interface SniffSource {
  size: number;
  /** the first min(size, SNIFF_HEAD_BYTES) bytes */
  head: Buffer;
  read(position: number, length: number): Promise<Buffer>;
}

type Sniffed = { kind: EvidenceKind } | { kind: 'cfb' } | { kind: 'unknown'; what?: { vi: string; en: string } };

const startsWith = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];

/** Other contents worth naming in the refusal (the .exe renamed .pdf). */
const KNOWN_OTHERS: { sig: number[]; what: { vi: string; en: string } }[] = [
  { sig: [0x4d, 0x5a], what: { vi: 'một chương trình Windows (EXE/DLL)', en: 'a Windows program (EXE/DLL)' } },
  { sig: [0x7f, 0x45, 0x4c, 0x46], what: { vi: 'một chương trình Linux (ELF)', en: 'a Linux program (ELF)' } },
  { sig: [0x47, 0x49, 0x46, 0x38], what: { vi: 'ảnh GIF', en: 'a GIF image' } },
  { sig: [0x52, 0x61, 0x72, 0x21], what: { vi: 'tệp nén RAR', en: 'a RAR archive' } },
  { sig: [0x37, 0x7a, 0xbc, 0xaf], what: { vi: 'tệp nén 7z', en: 'a 7z archive' } },
  { sig: [0x1f, 0x8b], what: { vi: 'tệp nén gzip', en: 'a gzip archive' } },
];

export async function sniff(src: SniffSource): Promise<Sniffed> {
  const h = src.head;
  if (h.subarray(0, 1024).includes('%PDF-')) return { kind: 'pdf' }; // header within the first 1 KiB, as readers accept
  if (startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'png' };
  if (startsWith(h, [0xff, 0xd8, 0xff])) return { kind: 'jpeg' };
  if (startsWith(h, CFB)) return { kind: 'cfb' };
  if (startsWith(h, ZIP_LOCAL)) return sniffZip(src);
  const other = KNOWN_OTHERS.find((o) => startsWith(h, o.sig));
  return { kind: 'unknown', what: other?.what };
}

const ZIP_OTHER = { vi: 'một tệp nén ZIP không phải DOCX, XLSX, ODT hay ODS', en: 'a ZIP archive that is not DOCX, XLSX, ODT or ODS' };

async function sniffZip(src: SniffSource): Promise<Sniffed> {
  const h = src.head;
  // ODF: the first entry is `mimetype`, stored, its content the media type
  const nameLen = h.readUInt16LE(26);
  const extraLen = h.readUInt16LE(28);
  if (h.length >= 30 + nameLen && h.toString('latin1', 30, 30 + nameLen) === 'mimetype' && h.readUInt16LE(8) === 0) {
    const size = h.readUInt32LE(18);
    const at = 30 + nameLen + extraLen;
    const mime = h.toString('latin1', at, Math.min(h.length, at + Math.min(size, 100)));
    if (mime === EVIDENCE_TYPES.odt.mediaType) return { kind: 'odt' };
    if (mime === EVIDENCE_TYPES.ods.mediaType) return { kind: 'ods' };
    return { kind: 'unknown', what: ZIP_OTHER };
  }
  // OOXML: look at every entry name in the central directory
  const names = await zipEntryNames(src);
  if (!names) return { kind: 'unknown', what: { vi: 'một tệp ZIP hỏng', en: 'a damaged ZIP file' } };
  if (names.has('[Content_Types].xml')) {
    const macros = [...names].some((n) => /vbaProject\.bin$/i.test(n));
    if (macros) return { kind: 'unknown', what: { vi: 'tài liệu Office có macro', en: 'an Office document with macros' } };
    if (names.has('word/document.xml') || [...names].some((n) => n.startsWith('word/'))) return { kind: 'docx' };
    if (names.has('xl/workbook.xml') || [...names].some((n) => n.startsWith('xl/'))) return { kind: 'xlsx' };
  }
  return { kind: 'unknown', what: ZIP_OTHER };
}

/** Entry names from the ZIP central directory (end of central directory record within the last 64 KiB + 22 bytes). */
async function zipEntryNames(src: SniffSource): Promise<Set<string> | null> {
  const tailLen = Math.min(src.size, 65_557);
  const tail = await src.read(src.size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return null;
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || cdSize > 8 * 1024 * 1024 || cdOffset + cdSize > src.size) return null; // ZIP64 or nonsense
  const cd = await src.read(cdOffset, cdSize);
  const names = new Set<string>();
  let p = 0;
  for (let n = 0; n < count && p + 46 <= cd.length; n++) {
    if (cd.readUInt32LE(p) !== 0x02014b50) return null;
    const len = cd.readUInt16LE(p + 28);
    names.add(cd.toString('utf8', p + 46, p + 46 + len));
    p += 46 + len + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
  }
  return names;
}

const ACCEPTED = { vi: 'PDF, DOC/DOCX, XLS/XLSX, ODT/ODS, JPG hoặc PNG', en: 'PDF, DOC/DOCX, XLS/XLSX, ODT/ODS, JPG or PNG' };

const ACCEPTED_EXTENSIONS = new Set(Object.values(EVIDENCE_TYPES).flatMap((t) => t.extensions));

export const extensionOf = (filename: string) => {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(filename);
  return m ? m[1]!.toLowerCase() : null;
};

/**
 * The evidence kind of a staged file, by its bytes, and the name to show: a name ending in an accepted extension must
 * agree with the content; a name without one (or with another suffix, "Kế hoạch 12.2024") gets the content's extension
 * appended. Refusals name the file: 415 for content that is none of the accepted types, 422 when the name claims
 * another accepted type than the content (a PNG named .pdf).
 */
export async function evidenceKindOf(src: SniffSource, filename: string): Promise<{ kind: EvidenceKind; filename: string }> {
  if (src.size === 0) {
    throw new AppError(422, 'validation', {
      vi: `Tệp «${filename}» rỗng (0 byte): không có gì để lưu.`,
      en: `File “${filename}” is empty (0 bytes): nothing to store.`,
    }, { filename });
  }
  const ext = extensionOf(filename);
  const sniffed = await sniff(src);
  if (sniffed.kind === 'cfb') {
    if (ext === 'doc' || ext === 'xls') return { kind: ext, filename };
    throw new AppError(415, 'unsupported_media_type', {
      vi: `Tệp «${filename}» là tệp Office cũ (OLE2) nhưng tên không có đuôi .doc hay .xls; chỉ nhận ${ACCEPTED.vi}.`,
      en: `File “${filename}” is an old Office (OLE2) file but its name does not end in .doc or .xls; accepted: ${ACCEPTED.en}.`,
    }, { filename });
  }
  if (sniffed.kind === 'unknown') {
    const what = sniffed.what ?? { vi: 'một loại tệp không nhận', en: 'a type that is not accepted' };
    throw new AppError(415, 'unsupported_media_type', {
      vi: `Tệp «${filename}» không được nhận: nội dung là ${what.vi}, không phải ${ACCEPTED.vi}.`,
      en: `File “${filename}” refused: its content is ${what.en}, not ${ACCEPTED.en}.`,
    }, { filename });
  }
  const type = EVIDENCE_TYPES[sniffed.kind];
  if (ext === null || !ACCEPTED_EXTENSIONS.has(ext)) return { kind: sniffed.kind, filename: `${filename}.${type.extensions[0]}` };
  if (!type.extensions.includes(ext)) {
    throw new AppError(422, 'validation', {
      vi: `Tệp «${filename}» có đuôi .${ext} nhưng nội dung là ${type.label}; hãy đổi tên thành .${type.extensions[0]} rồi tải lại.`,
      en: `File “${filename}” is named .${ext} but its content is ${type.label}; rename it to .${type.extensions[0]} and upload again.`,
    }, { filename, content: type.mediaType });
  }
  return { kind: sniffed.kind, filename };
}
