/**
 * Programme indicators computed from the platform's data (`GET /api/v1/programmes/:id/indicators`).
 * Admins (programme staff) read everything, breakdowns and the CSV included; other members read
 * the headline: the same values with no breakdown.
 */
import type { ProgrammeIndicator } from './programmes';

/** Codes are stable: the CSV's `codice` column, the web app's charts and scripts rely on them. */
export const INDICATOR_CODES = [
  /** Twinnings of the programme in any state (AGIRE POR: 33). */
  'iniziative',
  /** Twinnings in `concluso` (AGIRE POR: 17). */
  'gemellaggi-conclusi',
  /** Twinnings still at `candidatura` or `selezionato`: start-ups (AGIRE POR: 16). */
  'start-up-progetti',
  /** Every twinning by status; value = all of them. */
  'gemellaggi-per-stato',
  /** Distinct administrations in the programme's labs (enrolled members' administrations) or twinnings (any party). */
  'amministrazioni-coinvolte',
  /** Distinct members enrolled in the programme's labs. */
  'funzionari-iscritti',
  /** Enrolled members with at least one stay in a confirmed attendance register. */
  'funzionari-formati',
  /** Hours credited by confirmed attendance registers (decimal hours, one decimal). */
  'ore-formazione',
  'laboratori-per-ambito',
  /** Published practices of the programme's catalogue (a practice's `programmeId`), by theme (once per theme). */
  'buone-pratiche-per-tema',
  /** Economic operators the programme records (absent when it records none). */
  'operatori-economici',
] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

export const INDICATOR_DIMENSIONS = [
  /** Twinning status: keys are TwinningStatus values. */
  'stato',
  /** Region: keys are the two-digit ISTAT region codes ("15" Campania), as strings. */
  'regione',
  /** Kind of administration: keys are OrganizationKind values. */
  'tipo',
  /** Keys "convergenza" and "altre": whether the administration is in a Convergence region. */
  'convergenza',
  /** Keys "A", "B", "C". */
  'ambito',
  /** Keys are practice theme codes. */
  'tema',
  /** Keys "in_presence" and "remote". */
  'modalita',
  /** Keys "YYYY-MM", Europe/Rome months, ascending, no gaps between the first and the last. */
  'mese',
] as const;
export type IndicatorDimension = (typeof INDICATOR_DIMENSIONS)[number];

export interface IndicatorBreakdownItem {
  key: string;
  /** Italian label of the key ("Campania", "Comune", "Concluso"). */
  label: string;
  value: number;
}

export interface IndicatorBreakdown {
  dimension: IndicatorDimension;
  /** Italian label of the dimension ("per regione"). */
  label: string;
  items: IndicatorBreakdownItem[];
}

export interface ComputedIndicator {
  code: IndicatorCode;
  /** Italian label ("Gemellaggi conclusi"). */
  label: string;
  value: number;
  /** "ore" for hours; absent for counts. */
  unit?: 'ore';
  /** Admins only; omitted for other members. */
  breakdown?: IndicatorBreakdown[];
}

export interface ProgrammeIndicatorsView {
  programmeId: string;
  programmeCode: string;
  programmeName: string;
  /** The period asked for (`?from=&to=`, ISO dates, inclusive), null when open. */
  period: { from: string | null; to: string | null };
  computedAt: string;
  computed: ComputedIndicator[];
  /** The targets and figures the programme reports (typed by an admin), side by side. */
  reported: ProgrammeIndicator[];
}

/** `?from=&to=` of the indicators and their CSV. */
export interface IndicatorsQuery {
  from?: string;
  to?: string;
}

/**
 * To `programme:<id>` (every member may subscribe): the indicators changed — a register was
 * confirmed, a twinning changed status, a lab or practice changed. No figures: refetch.
 */
export interface IndicatorsChangedEvent {
  programmeId: string;
  reason: 'attendance' | 'twinning' | 'lab' | 'practice' | 'enrolment';
}

/** CSV columns, in order; one row per indicator (`dimensione` and `chiave` empty) and one per breakdown item. */
export const INDICATORS_CSV_COLUMNS = [
  'programma',
  'codice',
  'indicatore',
  'dimensione',
  'chiave',
  'etichetta',
  'valore',
  'unita',
  'dal',
  'al',
] as const;
