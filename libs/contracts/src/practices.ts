/**
 * Good practices (buone pratiche): the catalogue of experiences an administration offers for reuse,
 * with an editorial review by admins, a managed taxonomy of themes and an open-data export.
 */
import type { OrganizationSummary } from './members';

// --- Themes ----------------------------------------------------------------------------------------

/** Where a theme comes from: the six POAT SI themes, the AGIRE POR areas, or added by admins. */
export const PRACTICE_THEME_GROUPS = ['poat_si', 'agire_por', 'altro'] as const;
export type PracticeThemeGroup = (typeof PRACTICE_THEME_GROUPS)[number];

/** Codes are stable (kebab-case); labels can be renamed. */
export const PRACTICE_THEME_CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const PRACTICE_THEME_LIMITS = { code: 60, label: 120 } as const;

/** `GET /api/v1/practice-themes` → `{ items }`. `label` is Italian, `labelEn` English. */
export interface PracticeThemeView {
  code: string;
  label: string;
  labelEn: string;
  group: PracticeThemeGroup;
}

/** `POST /api/v1/practice-themes` (admins). */
export interface CreatePracticeThemeInput {
  code: string;
  label: string;
  labelEn?: string;
  group?: PracticeThemeGroup;
}

/** `PATCH /api/v1/practice-themes/:code` (admins): the code never changes. */
export interface UpdatePracticeThemeInput {
  label?: string;
  labelEn?: string;
  group?: PracticeThemeGroup;
}

// --- Practices ---------------------------------------------------------------------------------------

export const PRACTICE_STATUSES = ['proposed', 'changes_requested', 'published', 'archived'] as const;
export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];

/**
 * Who moves a practice: `resubmit` is a member of the offering administration (after changes were
 * requested); `publish`, `request_changes` and `archive` are the editorial review of admins.
 */
export const PRACTICE_ACTIONS = ['publish', 'request_changes', 'resubmit', 'archive'] as const;
export type PracticeAction = (typeof PRACTICE_ACTIONS)[number];

/**
 * The publication workflow as data: the only allowed moves, each with the action that makes it.
 * Read by the service (anything else is a 409 `practice_transition_not_allowed`) and by the web
 * app's buttons. Archived is final; editing the text never moves the status.
 */
export const PRACTICE_TRANSITIONS: readonly {
  from: PracticeStatus;
  to: PracticeStatus;
  action: PracticeAction;
}[] = [
  { from: 'proposed', to: 'published', action: 'publish' },
  { from: 'proposed', to: 'changes_requested', action: 'request_changes' },
  { from: 'changes_requested', to: 'proposed', action: 'resubmit' },
  { from: 'proposed', to: 'archived', action: 'archive' },
  { from: 'changes_requested', to: 'archived', action: 'archive' },
  { from: 'published', to: 'archived', action: 'archive' },
];

/** The status `action` leads to from `from`, or null when the table has no such move. */
export function practiceTransition(from: PracticeStatus, action: PracticeAction): PracticeStatus | null {
  return PRACTICE_TRANSITIONS.find((t) => t.from === from && t.action === action)?.to ?? null;
}

/** Statuses in which the proposers may still edit their practice (admins edit any). */
export const PRACTICE_EDITABLE_STATUSES: readonly PracticeStatus[] = ['proposed', 'changes_requested'];

export const PRACTICE_LIMITS = {
  title: 200,
  summary: 1000,
  /** Markdown. */
  description: 20000,
  themes: 10,
  territory: 300,
  results: 5000,
  licence: 100,
  handedOver: 2000,
  effort: 1000,
  contactOffice: 200,
  contactEmail: 254,
  contactPhone: 40,
  contactWebsite: 500,
  note: 2000,
  query: 200,
} as const;

/** What an adopter gets and at what cost (condizioni di riuso). */
export interface PracticeReuseConditions {
  /** E.g. "EUPL-1.2", "CC BY 4.0"; null when not stated. */
  licence: string | null;
  /** What is handed over: software, manuals, models, training. */
  handedOver: string;
  /** The effort for the receiving administration (people, months, costs). */
  effort: string;
}

/**
 * The office to contact. Institutional contacts only (an office's name, its e-mail or PEC, phone,
 * web page), never a person: they are published with the practice, open data included.
 */
export interface PracticeContacts {
  office: string;
  email: string | null;
  phone: string | null;
  website: string | null;
}

/** When the experience took place: ISO dates (YYYY-MM-DD), either may be null. */
export interface PracticePeriod {
  from: string | null;
  to: string | null;
}

export interface PracticeView {
  id: string;
  title: string;
  summary: string;
  themes: PracticeThemeView[];
  /** The administration that offers the practice (amministrazione offerente). */
  offeringOrganization: OrganizationSummary;
  /** The description in Markdown, and rendered (sanitised HTML). */
  description: string;
  descriptionHtml: string;
  /** The practice's shared document (owner `practice`), for the full, co-edited description. */
  documentId: string | null;
  territory: string;
  period: PracticePeriod;
  results: string;
  reuseConditions: PracticeReuseConditions;
  contacts: PracticeContacts | null;
  status: PracticeStatus;
  /**
   * The editor's note of the last "changes requested": only the offering administration's members
   * and admins see it (null for everyone else).
   */
  reviewNote: string | null;
  /** The approved lab deliverable it was proposed from, if any. */
  sourceDeliverableId: string | null;
  /** What the asker may do now, from PRACTICE_TRANSITIONS and their role. */
  actions: PracticeAction[];
  /** Whether the asker may edit it (`PATCH`). */
  canEdit: boolean;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/v1/practices`. `title` and `summary` may be left out with `fromDeliverableId`. */
export interface CreatePracticeInput {
  title: string;
  summary: string;
  themes: string[];
  offeringOrganizationId: string;
  description?: string;
  territory?: string;
  period?: Partial<PracticePeriod>;
  results?: string;
  reuseConditions?: Partial<PracticeReuseConditions>;
  contacts?: PracticeContacts | null;
  /** An approved lab deliverable to propose as this practice ("in one step"). */
  fromDeliverableId?: string;
}

/** `PATCH /api/v1/practices/:id`: the offering administration never changes. */
export type UpdatePracticeInput = Partial<
  Omit<CreatePracticeInput, 'offeringOrganizationId' | 'fromDeliverableId'>
>;

/** `POST /api/v1/practices/:id/request-changes` (admins). */
export interface RequestPracticeChangesInput {
  note: string;
}

/** `GET /api/v1/practices` filters. `q` is Italian full text (stemming, accents ignored). */
export interface PracticeCatalogueQuery {
  q?: string;
  theme?: string;
  region?: string;
  kind?: string;
  status?: PracticeStatus;
  limit?: number;
  cursor?: string;
}

// --- Open data ------------------------------------------------------------------------------------

/**
 * The columns of `/api/v1/open-data/practices.csv` and the keys of each record of
 * `practices.json`, in order. Stable: columns are only ever added at the end.
 * Lists (`temi`, `temi_etichette`) are joined with " | " in the CSV.
 */
export const PRACTICE_OPEN_DATA_COLUMNS = [
  'id',
  'titolo',
  'sintesi',
  'descrizione',
  'temi',
  'temi_etichette',
  'amministrazione_offerente',
  'amministrazione_offerente_id',
  'tipo_amministrazione',
  'regione',
  'regione_convergenza',
  'territorio',
  'periodo_inizio',
  'periodo_fine',
  'risultati',
  'licenza',
  'cosa_si_cede',
  'impegno_richiesto',
  'contatto_ufficio',
  'contatto_email',
  'contatto_telefono',
  'contatto_sito',
  'url',
  'data_pubblicazione',
  'data_aggiornamento',
] as const;
export type PracticeOpenDataColumn = (typeof PRACTICE_OPEN_DATA_COLUMNS)[number];

/** One record of `practices.json` (`{ items: [...] }`), described by `practices.schema.json`. */
export interface PracticeOpenDataRecord {
  id: string;
  titolo: string;
  sintesi: string;
  descrizione: string;
  temi: string[];
  temi_etichette: string[];
  amministrazione_offerente: string;
  amministrazione_offerente_id: string;
  tipo_amministrazione: string;
  regione: string | null;
  regione_convergenza: boolean;
  territorio: string;
  periodo_inizio: string | null;
  periodo_fine: string | null;
  risultati: string;
  licenza: string | null;
  cosa_si_cede: string;
  impegno_richiesto: string;
  contatto_ufficio: string | null;
  contatto_email: string | null;
  contatto_telefono: string | null;
  contatto_sito: string | null;
  url: string;
  data_pubblicazione: string;
  data_aggiornamento: string;
}
