import { FLAG_CODES, FORM_STATUSES, type FormFilters, type FormStatus } from '../../../shared/api/types';

export const PAGE_SIZE = 50;

/** The queue's filters and page, kept in the address (?status=&flag=&unit=&enumerator=&page=) so Back returns to them. */
export function readFilters(params: URLSearchParams): FormFilters {
  const status = params.get('status');
  const flag = params.get('flag');
  const page = Math.max(1, Math.floor(Number(params.get('page')) || 1));
  return {
    status: status && (FORM_STATUSES as readonly string[]).includes(status) ? (status as FormStatus) : undefined,
    flag: flag && (FLAG_CODES as readonly string[]).includes(flag) ? flag : undefined,
    unitId: params.get('unit') || undefined,
    enumeratorId: params.get('enumerator') || undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
}

/** The address parameters for a change of filter (back to page 1) or of page. */
export function withFilter(params: URLSearchParams, name: 'status' | 'flag' | 'unit' | 'enumerator' | 'page', value: string | undefined): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value) next.set(name, value);
  else next.delete(name);
  if (name !== 'page') next.delete('page');
  if (name === 'page' && value === '1') next.delete('page');
  return next;
}
