import type { AttendanceMode, AttendanceStatus } from '@convergo/contracts';
import type ExcelJS from 'exceljs';
import { csvText, excelCsv } from '../../common/excel-csv';

/** One participant in one session, as the exported register lists them. */
export interface ExportLine {
  memberId: string;
  name: string;
  organizationId: string | null;
  organization: string | null;
  region: string | null;
  sessionTitle: string;
  startsAt: Date;
  /** null for an absentee. */
  mode: AttendanceMode | null;
  firstIn: Date | null;
  lastOut: Date | null;
  seconds: number;
  status: AttendanceStatus;
}

export const EXPORT_COLUMNS = [
  'nome',
  'ente',
  'regione',
  'sessione',
  'data',
  'modalità',
  'ingresso',
  'uscita',
  'ore',
  'stato',
] as const;

const MODE_LABELS: Record<AttendanceMode, string> = { in_presence: 'In presenza', remote: 'A distanza' };
const STATUS_LABELS: Record<AttendanceStatus, string> = {
  present: 'Presente',
  absent: 'Assente',
  excused: 'Assente giustificato',
};

/** The register shows times in Europe/Rome whatever the server's zone. */
const ROME_DATE = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const ROME_TIME = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const hoursOf = (seconds: number): number => Math.round((seconds / 3600) * 100) / 100;

/** The line's cells, in EXPORT_COLUMNS order; hours as a number (each format writes it its way). */
function cells(
  line: ExportLine,
): [string, string, string, string, string, string, string, string, number, string] {
  return [
    line.name,
    line.organization ?? '',
    line.region ?? '',
    line.sessionTitle,
    ROME_DATE.format(line.startsAt),
    line.mode ? MODE_LABELS[line.mode] : '',
    line.firstIn ? ROME_TIME.format(line.firstIn) : '',
    line.lastOut ? ROME_TIME.format(line.lastOut) : '',
    hoursOf(line.seconds),
    STATUS_LABELS[line.status],
  ];
}

/**
 * CSV for Excel as Italian offices have it: UTF-8 with a byte-order mark (else accents break),
 * `;` between fields and `,` as the decimal separator (the Italian locale's list and decimal
 * separators, so a double click opens it in columns with numbers as numbers).
 */
export function toCsv(lines: readonly ExportLine[]): Buffer {
  const rows = lines.map((line) => {
    const row = cells(line);
    return [
      ...row.slice(0, 8).map((cell) => csvText(cell as string)),
      row[8].toFixed(2).replace('.', ','),
      row[9],
    ];
  });
  return excelCsv(EXPORT_COLUMNS, rows);
}

interface Total {
  labels: string[];
  seconds: number;
  people: Set<string>;
  present: number;
}

/** Lines grouped by `idOf`, each group shown by `labelsOf`: hours of present rows, people, presences. */
function totals(
  lines: readonly ExportLine[],
  idOf: (line: ExportLine) => string,
  labelsOf: (line: ExportLine) => string[],
): Total[] {
  const grouped = new Map<string, Total>();
  for (const line of lines) {
    const id = idOf(line);
    const total = grouped.get(id) ?? {
      labels: labelsOf(line),
      seconds: 0,
      people: new Set<string>(),
      present: 0,
    };
    total.seconds += line.status === 'present' ? line.seconds : 0;
    total.people.add(line.memberId);
    if (line.status === 'present') total.present += 1;
    grouped.set(id, total);
  }
  return [...grouped.values()].sort((a, b) =>
    a.labels.join('\u0000').localeCompare(b.labels.join('\u0000'), 'it'),
  );
}

const HOURS_FORMAT = '0.00';

function addSheet(
  book: ExcelJS.Workbook,
  name: string,
  columns: { header: string; width: number; hours?: boolean }[],
  rows: (string | number)[][],
): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: column.width,
    style: column.hours ? { numFmt: HOURS_FORMAT } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(rows);
}

/**
 * The register as a workbook: the lines (hours as decimal numbers, two decimals), then totals
 * per participant, per administration and per region (hours credited to present rows only).
 */
export async function toXlsx(labTitle: string, lines: readonly ExportLine[]): Promise<Buffer> {
  // Loaded on the first export, not at start-up: ExcelJS and its dependencies are ~700 modules and
  // a third of a second that every process (and every test's app) would pay for a rare download.
  const { default: excel } = await import('exceljs');
  const book = new excel.Workbook();
  book.creator = 'Convergo';
  book.title = `Registro presenze – ${labTitle}`;
  const widths = [28, 32, 16, 32, 12, 14, 9, 9, 8, 20];
  addSheet(
    book,
    'Registro',
    EXPORT_COLUMNS.map((header, i) => ({ header, width: widths[i], hours: header === 'ore' })),
    lines.map(cells),
  );
  addSheet(
    book,
    'Per partecipante',
    [
      { header: 'nome', width: 28 },
      { header: 'ente', width: 32 },
      { header: 'regione', width: 16 },
      { header: 'sessioni presenti', width: 18 },
      { header: 'ore', width: 8, hours: true },
    ],
    totals(
      lines,
      (line) => line.memberId,
      (line) => [line.name, line.organization ?? '', line.region ?? ''],
    ).map((total) => [...total.labels, total.present, hoursOf(total.seconds)]),
  );
  addSheet(
    book,
    'Per ente',
    [
      { header: 'ente', width: 32 },
      { header: 'regione', width: 16 },
      { header: 'partecipanti', width: 14 },
      { header: 'ore', width: 8, hours: true },
    ],
    totals(
      lines,
      (line) => line.organizationId ?? '',
      (line) => [line.organization ?? '', line.region ?? ''],
    ).map((total) => [...total.labels, total.people.size, hoursOf(total.seconds)]),
  );
  addSheet(
    book,
    'Per regione',
    [
      { header: 'regione', width: 16 },
      { header: 'partecipanti', width: 14 },
      { header: 'ore', width: 8, hours: true },
    ],
    totals(
      lines,
      (line) => line.region ?? '',
      (line) => [line.region ?? ''],
    ).map((total) => [...total.labels, total.people.size, hoursOf(total.seconds)]),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** An ASCII file name for Content-Disposition, from the lab's title. */
export function exportFileName(labTitle: string, extension: 'csv' | 'xlsx'): string {
  const slug = labTitle
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 80);
  return `registro-presenze${slug ? `-${slug}` : ''}.${extension}`;
}
