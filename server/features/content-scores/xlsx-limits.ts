// Limits of an XLSX import (issue 9 item 7: a 355 KB file that inflates to 100 MB blocked the server for 17–35 s).
// The zip's central directory is read before anything is inflated (this file, on the request's thread: a few
// microseconds); the inflated bytes are counted again while inflating (xlsx.ts, in the worker), so a directory that
// lies about its sizes does not get through.
import type { AppConfig } from '../../config';
import { inflateRawSync } from 'node:zlib';
import { AppError } from '../../errors';

export type XlsxLimits = AppConfig['xlsx'];

/** An XLSX holds a few dozen parts; a zip of thousands of entries is not a spreadsheet. */
export const MAX_ZIP_ENTRIES = 1000;
/** A score table has six columns; a cell beyond this column is refused rather than read. */
export const MAX_XLSX_COLUMNS = 100;

const mb = (bytes: number) => (bytes / 1024 / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 });
const mbVi = (bytes: number) => (bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 });

/** 413 naming what is over which limit. */
export function xlsxTooLarge(what: { vi: string; en: string }, details?: Record<string, unknown>): AppError {
  return new AppError(413, 'too_large', {
    vi: `Tệp XLSX quá lớn: ${what.vi} Chưa đọc gì; hãy chỉ giữ bảng điểm trong tệp, hoặc dán bảng dưới dạng văn bản.`,
    en: `The XLSX file is too large: ${what.en} Nothing was read; keep only the score table in the file, or paste the table as text.`,
  }, details);
}

export const inflatedTooLarge = (limit: number, declared?: number) =>
  xlsxTooLarge({
    vi: declared === undefined
      ? `nội dung giải nén vượt ${mbVi(limit)} MB.`
      : `nội dung giải nén là ${mbVi(declared)} MB, vượt giới hạn ${mbVi(limit)} MB.`,
    en: declared === undefined
      ? `its content inflates to more than ${mb(limit)} MB.`
      : `its content inflates to ${mb(declared)} MB, above the ${mb(limit)} MB limit.`,
  }, { maxInflatedBytes: limit, ...(declared !== undefined && { declaredInflatedBytes: declared }) });

export const tooManyXlsxRows = (maxRows: number) =>
  xlsxTooLarge({ vi: `trang tính có hơn ${maxRows} dòng.`, en: `a worksheet has more than ${maxRows} rows.` }, { maxRows });

export const notXlsx = () =>
  new AppError(400, 'table_format', {
    vi: 'Không đọc được tệp XLSX (tệp hỏng hoặc không phải định dạng Excel .xlsx).',
    en: 'Cannot read the XLSX file (damaged, or not an Excel .xlsx file).',
  });

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;

/** An archive entry as its central directory states it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  /** where its local header starts */
  offset: number;
}

const zip64 = () => xlsxTooLarge({ vi: 'tệp dùng định dạng ZIP64 (dành cho tệp trên 4 GB).', en: 'it uses ZIP64 (meant for files above 4 GB).' });

/**
 * Reads a file's zip central directory and checks it against the limits before anything is inflated: at most
 * `maxBytes`, at most MAX_ZIP_ENTRIES entries, declared inflated sizes summing to at most `maxInflatedBytes`.
 * The directory must end where the end record starts (no bytes prepended, which JSZip would shift every offset
 * for); ZIP64 (sizes above 4 GB) is refused: no spreadsheet of a score table needs it. Throws 413 or 400.
 */
export function checkZipDirectory(data: Buffer, limits: Pick<XlsxLimits, 'maxBytes' | 'maxInflatedBytes'>): ZipEntry[] {
  if (data.length > limits.maxBytes) {
    throw xlsxTooLarge(
      { vi: `tệp nặng ${mbVi(data.length)} MB, vượt giới hạn ${mbVi(limits.maxBytes)} MB.`, en: `the file is ${mb(data.length)} MB, above the ${mb(limits.maxBytes)} MB limit.` },
      { maxBytes: limits.maxBytes },
    );
  }
  // the end-of-central-directory record: 22 bytes and a comment of at most 65,535, at the end of the file
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx();
  const count = data.readUInt16LE(eocd + 10);
  const size = data.readUInt32LE(eocd + 12);
  const start = data.readUInt32LE(eocd + 16);
  if ((eocd >= 20 && data.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) || count === 0xffff || start === 0xffffffff) throw zip64();
  if (count > MAX_ZIP_ENTRIES) {
    throw xlsxTooLarge({ vi: `tệp nén có ${count} phần, nhiều hơn ${MAX_ZIP_ENTRIES}.`, en: `the archive has ${count} entries, more than ${MAX_ZIP_ENTRIES}.` });
  }
  if (start + size !== eocd) throw notXlsx();
  const entries: ZipEntry[] = [];
  let declared = 0;
  let at = start;
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || data.readUInt32LE(at) !== CENTRAL) throw notXlsx();
    const entry = {
      name: data.toString('utf8', at + 46, at + 46 + data.readUInt16LE(at + 28)),
      method: data.readUInt16LE(at + 10),
      compressedSize: data.readUInt32LE(at + 20),
      declaredSize: data.readUInt32LE(at + 24),
      offset: data.readUInt32LE(at + 42),
    };
    if (entry.compressedSize === 0xffffffff || entry.declaredSize === 0xffffffff || entry.offset === 0xffffffff) throw zip64();
    entries.push(entry);
    declared += entry.declaredSize;
    at += 46 + data.readUInt16LE(at + 28) + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
  if (declared > limits.maxInflatedBytes) throw inflatedTooLarge(limits.maxInflatedBytes, declared);
  return entries;
}

/**
 * Inflates every entry of the archive — the bytes JSZip (ExcelJS's reader) takes for it: after the local header, the
 * directory's compressed size — with node:zlib, stopping as soon as the inflated total passes `maxInflatedBytes`,
 * whatever the directory declared. Each worksheet's row elements are counted against `maxRows`. Throws 413 or 400.
 */
export function checkInflated(data: Buffer, entries: readonly ZipEntry[], limits: Pick<XlsxLimits, 'maxInflatedBytes' | 'maxRows'>): void {
  let budget = limits.maxInflatedBytes;
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    if (e.offset + 30 > data.length || data.readUInt32LE(e.offset) !== LOCAL) throw notXlsx();
    const from = e.offset + 30 + data.readUInt16LE(e.offset + 26) + data.readUInt16LE(e.offset + 28);
    if (from + e.compressedSize > data.length) throw notXlsx();
    const raw = data.subarray(from, from + e.compressedSize);
    let inflated: Buffer;
    if (e.method === 0) inflated = raw;
    else if (e.method !== 8) throw notXlsx();
    else {
      try {
        inflated = inflateRawSync(raw, { maxOutputLength: Math.max(1, budget + 1) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw inflatedTooLarge(limits.maxInflatedBytes);
        throw notXlsx();
      }
    }
    budget -= inflated.length;
    if (budget < 0) throw inflatedTooLarge(limits.maxInflatedBytes);
    if (/^\/?xl\/worksheets\/[^/]+\.xml$/i.test(e.name) && rowElements(inflated) > limits.maxRows) {
      throw tooManyXlsxRows(limits.maxRows);
    }
  }
}

/** `<row …>` elements, with or without a namespace prefix. */
const rowElements = (xml: Buffer) => xml.toString('latin1').match(/<(?:[A-Za-z0-9_]{1,8}:)?row[\s>/]/g)?.length ?? 0;
