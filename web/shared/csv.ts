// CSV files for the analyst to open in a spreadsheet: UTF-8 with a BOM so Excel shows Vietnamese correctly.

const BOM = '\uFEFF';

/** A CSV field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows of fields as a CSV file: BOM, fields quoted where needed, CRLF line ends. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `${BOM}${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
