/** One figure a programme reports (e.g. "Progetti di gemellaggio realizzati": 17). */
export interface ProgrammeIndicator {
  /** Slug, unique within the programme, e.g. "gemellaggi-realizzati". */
  code: string;
  /** Italian label, as the programme's documents word it. */
  label: string;
  target: number | null;
  achieved: number | null;
  unit?: string;
}

export interface ProgrammeView {
  id: string;
  /** Stable slug, e.g. "agire-por-2007-2013". */
  code: string;
  name: string;
  description: string | null;
  /** E.g. "PON GAT 2007-2013". */
  operationalProgramme: string | null;
  /** E.g. "FESR". */
  fund: string | null;
  beneficiary: string | null;
  /** Euro as a decimal string with two decimals ("4044957.00"), so cents stay exact. */
  totalBudget: string | null;
  /** EU share of the budget (e.g. ERDF/FESR cofinancing), euro as a decimal string. */
  euCofinancing: string | null;
  /** ISO date, YYYY-MM-DD. */
  startDate: string | null;
  endDate: string | null;
  themes: string[];
  partners: string[];
  indicators: ProgrammeIndicator[];
}

/** Body of `POST /api/v1/programmes` (admins). Omitted optional fields are stored as null / empty. */
export interface CreateProgrammeInput {
  code: string;
  name: string;
  description?: string | null;
  operationalProgramme?: string | null;
  fund?: string | null;
  beneficiary?: string | null;
  totalBudget?: string | null;
  euCofinancing?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  themes?: string[];
  partners?: string[];
  indicators?: ProgrammeIndicatorInput[];
}

/** Body of `PATCH /api/v1/programmes/:id` (admins): the code is immutable; null clears a nullable field. */
export type UpdateProgrammeInput = Partial<Omit<CreateProgrammeInput, 'code'>>;

export interface ProgrammeIndicatorInput {
  code: string;
  label: string;
  target?: number | null;
  achieved?: number | null;
  unit?: string;
}

/** Field limits shared by the API's validation and the web app's forms. */
export const PROGRAMME_LIMITS = {
  code: 80,
  name: 200,
  description: 20_000,
  shortText: 300,
  listItems: 50,
  listItem: 200,
  indicators: 50,
  indicatorCode: 64,
  indicatorLabel: 300,
  unit: 40,
} as const;
