// One byte range of a Range header (RFC 9110 §14): `bytes=a-b`, `bytes=a-`, `bytes=-n`. Several ranges are not served
// (null: the whole file is sent, as the RFC allows); a single range that is malformed or starts past the end is
// 'unsatisfiable' (416).

export function parseRange(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const m = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!m) return 'unsatisfiable';
  const specs = m[1]!.split(',');
  if (specs.length > 1) return null;
  const spec = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(specs[0]!);
  if (!spec || (spec[1] === '' && spec[2] === '')) return 'unsatisfiable';
  if (spec[1] === '') {
    const suffix = Number(spec[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(spec[1]);
  const end = spec[2] === '' ? size - 1 : Math.min(Number(spec[2]), size - 1);
  if (start >= size || Number(spec[2] || start) < start) return 'unsatisfiable';
  return { start, end };
}
