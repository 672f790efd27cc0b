// Reads a criteria set from the reference CSV format (PAR-INDEX.md §1: code, parent, level, name, max_points, source).
import Papa from 'papaparse';
import type { CriteriaSet, CriterionDef, Source } from './types';
import { SOURCES } from './types';
import { parseDecimal } from './numbers';
import { squash } from './text';

export interface CriteriaSetMeta {
  code: string;
  year: number;
  name: string;
}

const COLUMNS = ['code', 'parent', 'level', 'name', 'max_points', 'source'] as const;

/** Thrown when a criteria CSV cannot be read; `vi` / `en` say where. */
export class CriteriaFormatError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(`${vi} / ${en}`);
    this.name = 'CriteriaFormatError';
  }
}

/**
 * Parses `code,parent,level,name,max_points,source` rows (header required, `source` empty on inner nodes)
 * into a criteria set in printed order. Structure (parents, sums) is checked by `validateCriteriaSet`.
 */
export function parseCriteriaCsv(text: string, meta: CriteriaSetMeta): CriteriaSet {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const fields = parsed.meta.fields ?? [];
  const missing = COLUMNS.filter((c) => !fields.includes(c));
  if (missing.length > 0) {
    throw new CriteriaFormatError(
      `Tệp tiêu chí thiếu cột: ${missing.join(', ')}`,
      `The criteria file lacks the column(s): ${missing.join(', ')}`,
    );
  }
  const criteria = parsed.data.map((r, i): CriterionDef => {
    const line = i + 2; // header is line 1
    const code = (r.code ?? '').trim();
    const level = Number((r.level ?? '').trim());
    const max = parseDecimal(r.max_points ?? '');
    const source = (r.source ?? '').trim();
    if (code === '') throw new CriteriaFormatError(`Dòng ${line}: thiếu mã`, `Line ${line}: the code is missing`);
    if (!Number.isInteger(level) || level < 0) {
      throw new CriteriaFormatError(`Dòng ${line}, mã ${code}: cấp (level) không hợp lệ`, `Line ${line}, code ${code}: invalid level`);
    }
    if (typeof max !== 'number') {
      throw new CriteriaFormatError(`Dòng ${line}, mã ${code}: điểm tối đa không hợp lệ`, `Line ${line}, code ${code}: invalid max_points`);
    }
    if (source !== '' && !SOURCES.includes(source as Source)) {
      throw new CriteriaFormatError(
        `Dòng ${line}, mã ${code}: nguồn điểm "${source}" không hợp lệ (${SOURCES.join(', ')})`,
        `Line ${line}, code ${code}: unknown source "${source}" (${SOURCES.join(', ')})`,
      );
    }
    const parent = (r.parent ?? '').trim();
    return {
      code,
      parent: parent === '' ? null : parent,
      level,
      name: squash(r.name ?? ''),
      maxPoints: max,
      source: source === '' ? null : (source as Source),
    };
  });
  return { code: meta.code, year: meta.year, name: meta.name, criteria };
}
