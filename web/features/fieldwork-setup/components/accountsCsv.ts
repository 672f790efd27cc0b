// The created accounts as a CSV file the analyst hands out: UTF-8 with a BOM so Excel shows Vietnamese correctly.

const BOM = '\uFEFF';

/** A CSV field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

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

/** Rows of fields as a CSV file: BOM, fields quoted where needed, CRLF line ends. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `${BOM}${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Makes the browser save `text` as a file. */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
