// Limits of an XLSX import (issue 9 item 7: a 355 KB file that inflates to 100 MB blocked the server for 17–35 s).
// The zip's central directory is read before anything is inflated (this file, on the request's thread: a few
// microseconds); the inflated bytes are counted again while inflating (xlsx.ts, in the worker), so a directory that
// lies about its sizes does not get through.
import type { AppConfig } from '../../config';
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

export const notXlsx = () =>
  new AppError(400, 'table_format', {
    vi: 'Không đọc được tệp XLSX (tệp hỏng hoặc không phải định dạng Excel .xlsx).',
    en: 'Cannot read the XLSX file (damaged, or not an Excel .xlsx file).',
  });

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const ZIP64_LOCATOR = 0x07064b50;

/**
 * Checks a file's size and its zip central directory against the limits before anything is inflated: at most
 * `maxBytes`, at most MAX_ZIP_ENTRIES entries, declared inflated sizes summing to at most `maxInflatedBytes`.
 * ZIP64 (sizes above 4 GB) is refused: no spreadsheet of a score table needs it. Throws 413 or 400.
 */
export function checkZipDirectory(data: Buffer, limits: Pick<XlsxLimits, 'maxBytes' | 'maxInflatedBytes'>): void {
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
  const entries = data.readUInt16LE(eocd + 10);
  const size = data.readUInt32LE(eocd + 12);
  const offset = data.readUInt32LE(eocd + 16);
  if ((eocd >= 20 && data.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) || entries === 0xffff || offset === 0xffffffff) {
    throw xlsxTooLarge({ vi: 'tệp dùng định dạng ZIP64 (dành cho tệp trên 4 GB).', en: 'it uses ZIP64 (meant for files above 4 GB).' });
  }
  if (entries > MAX_ZIP_ENTRIES) {
    throw xlsxTooLarge({ vi: `tệp nén có ${entries} phần, nhiều hơn ${MAX_ZIP_ENTRIES}.`, en: `the archive has ${entries} entries, more than ${MAX_ZIP_ENTRIES}.` });
  }
  if (offset + size > eocd) throw notXlsx();
  let declared = 0;
  let at = offset;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > eocd || data.readUInt32LE(at) !== CENTRAL) throw notXlsx();
    const compressed = data.readUInt32LE(at + 20);
    const inflated = data.readUInt32LE(at + 24);
    if (compressed === 0xffffffff || inflated === 0xffffffff) {
      throw xlsxTooLarge({ vi: 'tệp dùng định dạng ZIP64 (dành cho tệp trên 4 GB).', en: 'it uses ZIP64 (meant for files above 4 GB).' });
    }
    declared += inflated;
    at += 46 + data.readUInt16LE(at + 28) + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
  if (declared > limits.maxInflatedBytes) throw inflatedTooLarge(limits.maxInflatedBytes, declared);
}
