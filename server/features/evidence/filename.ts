import { AppError } from '../../errors';

// An uploaded file's name is kept for display only (never in a storage path): Unicode NFC (Vietnamese typed on macOS
// arrives decomposed), without path components, control characters (C0, C1, DEL) or bidirectional overrides and
// marks (which can make "gpj.exe" look like "exe.jpg"), at most 200 characters.

const MAX_LENGTH = 200;
// C0, DEL, C1; bidi marks, embeddings, overrides and isolates (U+061C, U+200E/F, U+202A–E, U+2066–9); BOM
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** The display name of an uploaded file, or 422 naming what was sent when nothing usable is left. */
export function cleanFilename(raw: string): string {
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  let name = base.replace(INVISIBLE, '').trim().replace(/^\.+/, '').trim();
  if (name.length > MAX_LENGTH) {
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? '';
    name = name.slice(0, MAX_LENGTH - ext.length).trimEnd() + ext;
  }
  if (!name) {
    throw new AppError(422, 'validation', {
      vi: `Tên tệp «${JSON.stringify(raw).slice(1, -1)}» không dùng được (không còn ký tự nào sau khi bỏ đường dẫn và ký tự điều khiển).`,
      en: `File name ${JSON.stringify(raw)} is not usable (nothing is left once the path and control characters are removed).`,
    }, { filename: raw });
  }
  return name;
}

/** ASCII stand-in for old clients: Vietnamese letters without their marks ("Báo cáo đầy đủ" → "Bao cao day du"). */
export function asciiFallback(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\%;]/g, '_');
}

/** RFC 5987 ext-value: UTF-8, percent-encoding everything but attr-char. */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Content-Disposition (RFC 6266) with the original name (filename*=UTF-8''…) and an ASCII fallback. */
export const contentDisposition = (type: 'inline' | 'attachment', name: string) =>
  `${type}; filename="${asciiFallback(name)}"; filename*=UTF-8''${rfc5987(name)}`;
