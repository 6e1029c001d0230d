import type {
  ComputedIndicator,
  IndicatorBreakdown,
  IndicatorBreakdownItem,
  IndicatorCode,
  IndicatorDimension,
  OrganizationKind,
  TwinningStatus,
} from '@convergo/contracts';
import { LAB_AMBITI, TWINNING_STATUSES } from '@convergo/contracts';
import { ITALIAN_REGIONS } from '../organizations/reference-data';
import type { IndicatorFigures } from './indicators.repository';

const LABELS: Record<IndicatorCode, string> = {
  iniziative: 'Iniziative di gemellaggio',
  'gemellaggi-conclusi': 'Gemellaggi conclusi',
  'start-up-progetti': 'Start-up di progetti',
  'gemellaggi-per-stato': 'Gemellaggi per stato',
  'amministrazioni-coinvolte': 'Amministrazioni coinvolte',
  'funzionari-iscritti': 'Funzionari iscritti ai laboratori',
  'funzionari-formati': 'Funzionari formati',
  'ore-formazione': 'Ore di formazione',
  'laboratori-per-ambito': 'Laboratori per ambito',
  'buone-pratiche-per-tema': 'Buone pratiche pubblicate',
  'operatori-economici': 'Operatori economici',
};

const DIMENSION_LABELS: Record<IndicatorDimension, string> = {
  stato: 'per stato',
  regione: 'per regione',
  tipo: 'per tipo di amministrazione',
  convergenza: 'per area obiettivo',
  ambito: 'per ambito',
  tema: 'per tema',
  modalita: 'per modalità',
  mese: 'per mese',
};

const STATUS_LABELS: Record<TwinningStatus, string> = {
  candidatura: 'Candidatura',
  selezionato: 'Selezionato',
  in_corso: 'In corso',
  concluso: 'Concluso',
  ritirato: 'Ritirato',
};

const KIND_LABELS: Record<OrganizationKind, string> = {
  regione: 'Regione',
  provincia: 'Provincia',
  citta_metropolitana: 'Città metropolitana',
  comune: 'Comune',
  amministrazione_centrale: 'Amministrazione centrale',
  universita: 'Università',
  ente_pubblico: 'Ente pubblico',
  agenzia: 'Agenzia',
};

const MONTHS = [
  'gennaio',
  'febbraio',
  'marzo',
  'aprile',
  'maggio',
  'giugno',
  'luglio',
  'agosto',
  'settembre',
  'ottobre',
  'novembre',
  'dicembre',
];

/** Region name (as `organizations.region` spells it) → two-digit ISTAT code. */
const REGION_CODES = new Map<string, string>(
  ITALIAN_REGIONS.map(({ name, istatNumber }) => [name, String(istatNumber).padStart(2, '0')]),
);
const REGION_ORDER = [...REGION_CODES.values()];
const REGION_LABELS = new Map<string, string>(
  ITALIAN_REGIONS.map(({ name, istatNumber }) => [String(istatNumber).padStart(2, '0'), name]),
);

/** Hours with one decimal, as the contract shows them. */
export const hoursOf = (seconds: number): number => Math.round(seconds / 360) / 10;

function sumBy<T>(rows: readonly T[], keyOf: (row: T) => string | null, valueOf: (row: T) => number) {
  const sums = new Map<string, number>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    sums.set(key, (sums.get(key) ?? 0) + valueOf(row));
  }
  return sums;
}

function breakdown(
  dimension: IndicatorDimension,
  sums: Map<string, number>,
  order: readonly string[],
  labelOf: (key: string) => string,
): IndicatorBreakdown {
  const keys = [
    ...order.filter((key) => sums.has(key)),
    ...[...sums.keys()].filter((key) => !order.includes(key)),
  ];
  const items: IndicatorBreakdownItem[] = keys.map((key) => ({
    key,
    label: labelOf(key),
    value: sums.get(key)!,
  }));
  return { dimension, label: DIMENSION_LABELS[dimension], items };
}

/** Administrations with no region (or one spelled otherwise) are left out of the `regione` breakdown. */
const regionKey = (region: string | null): string | null =>
  region ? (REGION_CODES.get(region) ?? null) : null;

/** Every month from the first to the last, so a chart's axis has no gaps. */
function monthsBetween(keys: readonly string[]): string[] {
  if (keys.length === 0) return [];
  const sorted = [...keys].sort();
  const [first, last] = [sorted[0], sorted[sorted.length - 1]];
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

const monthLabel = (key: string): string => `${MONTHS[Number(key.slice(5)) - 1]} ${key.slice(0, 4)}`;

/** The computed indicators, in INDICATOR_CODES order, each with its breakdowns. */
export function toComputedIndicators(figures: IndicatorFigures): ComputedIndicator[] {
  const byStatus = new Map(figures.twinningsByStatus.map((row) => [row.status, row.count]));
  const count = (...statuses: TwinningStatus[]) =>
    statuses.reduce((sum, s) => sum + (byStatus.get(s) ?? 0), 0);
  const twinnings = count(...TWINNING_STATUSES);
  const statusBreakdown = breakdown(
    'stato',
    byStatus,
    TWINNING_STATUSES,
    (key) => STATUS_LABELS[key as TwinningStatus],
  );
  const statusOnly = (...statuses: TwinningStatus[]) =>
    breakdown(
      'stato',
      new Map(statuses.filter((s) => byStatus.has(s)).map((s) => [s, byStatus.get(s)!])),
      statuses,
      (key) => STATUS_LABELS[key as TwinningStatus],
    );

  const admins = figures.administrations;
  const adminCount = admins.reduce((sum, row) => sum + row.count, 0);

  const hours = figures.hours;
  const seconds = hours.reduce((sum, row) => sum + row.seconds, 0);
  const hoursSums = (sums: Map<string, number>) =>
    new Map([...sums].map(([key, value]) => [key, hoursOf(value)]));
  const monthSums = sumBy(
    hours,
    (row) => row.month,
    (row) => row.seconds,
  );
  const months = monthsBetween([...monthSums.keys()]);
  for (const month of months) if (!monthSums.has(month)) monthSums.set(month, 0);

  const indicators: ComputedIndicator[] = [
    { code: 'iniziative', label: LABELS.iniziative, value: twinnings, breakdown: [statusBreakdown] },
    {
      code: 'gemellaggi-conclusi',
      label: LABELS['gemellaggi-conclusi'],
      value: count('concluso'),
      breakdown: [statusOnly('concluso')],
    },
    {
      code: 'start-up-progetti',
      label: LABELS['start-up-progetti'],
      value: count('candidatura', 'selezionato'),
      breakdown: [statusOnly('candidatura', 'selezionato')],
    },
    {
      code: 'gemellaggi-per-stato',
      label: LABELS['gemellaggi-per-stato'],
      value: twinnings,
      breakdown: [statusBreakdown],
    },
    {
      code: 'amministrazioni-coinvolte',
      label: LABELS['amministrazioni-coinvolte'],
      value: adminCount,
      breakdown: [
        breakdown(
          'regione',
          sumBy(
            admins,
            (row) => regionKey(row.region),
            (row) => row.count,
          ),
          REGION_ORDER,
          (key) => REGION_LABELS.get(key) ?? key,
        ),
        breakdown(
          'tipo',
          sumBy(
            admins,
            (row) => row.kind,
            (row) => row.count,
          ),
          Object.keys(KIND_LABELS),
          (key) => KIND_LABELS[key as OrganizationKind] ?? key,
        ),
        breakdown(
          'convergenza',
          sumBy(
            admins,
            (row) => (row.convergence ? 'convergenza' : 'altre'),
            (row) => row.count,
          ),
          ['convergenza', 'altre'],
          (key) => (key === 'convergenza' ? 'Regioni Convergenza' : 'Altre regioni'),
        ),
      ],
    },
    {
      code: 'funzionari-iscritti',
      label: LABELS['funzionari-iscritti'],
      value: figures.enrolled,
      breakdown: [],
    },
    {
      code: 'funzionari-formati',
      label: LABELS['funzionari-formati'],
      value: figures.trained,
      breakdown: [],
    },
    {
      code: 'ore-formazione',
      label: LABELS['ore-formazione'],
      value: hoursOf(seconds),
      unit: 'ore',
      breakdown: [
        breakdown(
          'modalita',
          hoursSums(
            sumBy(
              hours,
              (row) => row.mode,
              (row) => row.seconds,
            ),
          ),
          ['in_presence', 'remote'],
          (key) => (key === 'in_presence' ? 'In presenza' : 'A distanza'),
        ),
        breakdown('mese', hoursSums(monthSums), months, monthLabel),
        breakdown(
          'regione',
          hoursSums(
            sumBy(
              hours,
              (row) => regionKey(row.region),
              (row) => row.seconds,
            ),
          ),
          REGION_ORDER,
          (key) => REGION_LABELS.get(key) ?? key,
        ),
      ],
    },
    {
      code: 'laboratori-per-ambito',
      label: LABELS['laboratori-per-ambito'],
      value: figures.labsByAmbito.reduce((sum, row) => sum + row.count, 0),
      breakdown: [
        breakdown(
          'ambito',
          new Map(figures.labsByAmbito.map((row) => [row.ambito, row.count])),
          LAB_AMBITI,
          (key) => `Ambito ${key}`,
        ),
      ],
    },
    {
      code: 'buone-pratiche-per-tema',
      label: LABELS['buone-pratiche-per-tema'],
      value: figures.practices,
      breakdown: [
        breakdown(
          'tema',
          new Map(figures.practicesByTheme.map((row) => [row.code, row.count])),
          figures.practicesByTheme.map((row) => row.code),
          (key) => figures.practicesByTheme.find((row) => row.code === key)?.label ?? key,
        ),
      ],
    },
  ];
  if (figures.economicOperators !== null) {
    indicators.push({
      code: 'operatori-economici',
      label: LABELS['operatori-economici'],
      value: figures.economicOperators,
      breakdown: [],
    });
  }
  return indicators;
}
