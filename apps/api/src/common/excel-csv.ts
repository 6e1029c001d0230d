import { stringify } from 'csv-stringify/sync';

/** A cell Excel would read as a formula (`=`, `+`, `-`, `@`, tab, CR) is kept as text (CSV injection). */
export function csvText(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * CSV for Excel as Italian offices have it: UTF-8 with a byte-order mark (else accents break),
 * `;` between fields and CRLF lines (the Italian locale's list separator, so a double click opens
 * it in columns). Cells are written as given: guard text with `csvText`, write decimals with a comma.
 */
export function excelCsv(header: readonly string[], rows: readonly (readonly string[])[]): Buffer {
  const text = stringify([[...header], ...rows.map((row) => [...row])], {
    delimiter: ';',
    record_delimiter: '\r\n',
  });
  return Buffer.from(`\uFEFF${text}`, 'utf8');
}
