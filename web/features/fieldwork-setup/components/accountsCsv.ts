// The created accounts as a CSV file the analyst hands out (shared/csv.ts: UTF-8 with a BOM, CRLF, quoting).
import { toCsv } from '../../../shared/csv';

/** A name that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe. */
function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export interface AccountRow {
  username: string;
  displayName: string;
  password: string;
}

/**
 * The whole file: header, then one line per account, CRLF line ends, BOM first. Passwords are written exactly
 * (never altered); usernames and names are protected against spreadsheet formulas.
 */
export function accountsCsv(accounts: readonly AccountRow[], headers: { username: string; displayName: string; password: string }): string {
  return toCsv([[headers.username, headers.displayName, headers.password], ...accounts.map((a) => [safeText(a.username), safeText(a.displayName), a.password])]);
}
