/** Euro with a decimal comma and no symbol, as an Italian spreadsheet reads a number: "1234,50". */
export function csvAmount(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** One cell: quoted when it holds a separator, a quote or a line break; never read as a formula. */
export function csvField(value: string): string {
  // A cell starting with = + - @ would be run as a formula by a spreadsheet; a plain (negative) amount
  // such as "-55,00" is only a number, and must stay one.
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-\d+(,\d+)?$/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Rows as CSV for Excel and LibreOffice in Italian: UTF-8 with BOM, `;` between fields, CRLF between
 * rows (an empty row is an empty line). Amounts go through csvAmount first.
 */
export function spreadsheetCsv(rows: string[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(';')).join('\r\n')}\r\n`;
}
