/** Twinnings (Gemellaggi): an offering administration hands a practice to receiving ones. */
import type { OrganizationSummary } from './members';

export const TWINNING_STATUSES = ['candidatura', 'selezionato', 'in_corso', 'concluso', 'ritirato'] as const;
export type TwinningStatus = (typeof TWINNING_STATUSES)[number];

/** The life cycle as data: read by the service (409 otherwise) and by the web app's buttons. */
export const TWINNING_TRANSITIONS: readonly { from: TwinningStatus; to: TwinningStatus }[] = [
  { from: 'candidatura', to: 'selezionato' },
  { from: 'selezionato', to: 'in_corso' },
  { from: 'in_corso', to: 'concluso' },
  { from: 'candidatura', to: 'ritirato' },
  { from: 'selezionato', to: 'ritirato' },
  { from: 'in_corso', to: 'ritirato' },
];

/** Whether TWINNING_TRANSITIONS allows `from → to`. */
export function twinningTransitionAllowed(from: TwinningStatus, to: TwinningStatus): boolean {
  return TWINNING_TRANSITIONS.some((t) => t.from === from && t.to === to);
}

/** The statuses TWINNING_TRANSITIONS allows from `from`. */
export function twinningNextStatuses(from: TwinningStatus): TwinningStatus[] {
  return TWINNING_TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
}

export const TWINNING_LIMITS = {
  needs: 5000,
  note: 2000,
  activityTitle: 300,
  outcomes: 20000,
} as const;

/** A budget in euros: a non-negative decimal with at most two decimals (`numeric(14,2)`). */
export const TWINNING_BUDGET_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

export interface TwinningStatusChangeView {
  from: TwinningStatus | null;
  to: TwinningStatus;
  /** Who moved it (null for the seed or a deleted member). */
  changedBy: string | null;
  note: string;
  changedAt: string;
}

export interface TwinningActivityView {
  id: string;
  twinningId: string;
  title: string;
  dueAt: string | null;
  done: boolean;
  createdBy: string | null;
  createdAt: string;
}

export const TWINNING_TITLE_MAX_LENGTH = 200;
export const TWINNING_PRACTICE_DESCRIPTION_MAX_LENGTH = 5000;
export const TWINNING_MAX_RECEIVING = 20;

export interface TwinningView {
  id: string;
  title: string;
  practiceTitle: string;
  practiceDescription: string;
  /** The administration that offers the practice (offerente). */
  offeringOrganization: OrganizationSummary;
  /** The administrations that receive it (riceventi), by name. */
  receivingOrganizations: OrganizationSummary[];
  status: TwinningStatus;
  createdAt: string;
  /** Whether the asker's administration is the offering or a receiving one. */
  isParty: boolean;
  /** The published practice it hands over; null for twinnings made before practices existed. */
  practiceId: string | null;
  /** The programme it belongs to (its indicators count it); null when none. */
  programmeId: string | null;
  /** What the receiving administration asked for. */
  needs: string;
  startedAt: string | null;
  concludedAt: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  /** Euros, as a decimal string ("12500.00"), or null. */
  budget: string | null;
  outcomes: string;
  /** Oldest first. */
  history: TwinningStatusChangeView[];
  /** Oldest first. */
  activities: TwinningActivityView[];
  /** Its private community space, for the parties' members and admins (null for others, or before selection). */
  spaceId: string | null;
  /** Whether the asker may change dates, budget and outcomes (a party's referent, an admin). */
  canEdit: boolean;
}

/**
 * `PATCH /api/v1/twinnings/:id` (the parties' referents, admins). Absent fields stay; `null` clears
 * a date or the budget. Dates are days (`YYYY-MM-DD`), `plannedEnd` not before `plannedStart`.
 */
export interface UpdateTwinningInput {
  plannedStart?: string | null;
  plannedEnd?: string | null;
  /** Euros as a decimal string, e.g. "12500.50" (TWINNING_BUDGET_PATTERN). */
  budget?: string | null;
  outcomes?: string;
}

/** `twinning.updated`, to `twinning:<id>`: dates, budget or outcomes changed (no asker-specific field). */
export interface TwinningUpdatedEvent {
  twinningId: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  budget: string | null;
  outcomes: string;
  updatedBy: string;
}

/** The statuses in which a receiving administration counts as having adopted the practice. */
export const TWINNING_ADOPTED_STATUSES = [
  'in_corso',
  'concluso',
] as const satisfies readonly TwinningStatus[];

/** `GET /api/v1/practices/:id/adopters`: who adopted the practice ("Chi l'ha già adottata"). */
export interface PracticeAdopterView {
  organization: OrganizationSummary;
  twinningId: string;
  status: (typeof TWINNING_ADOPTED_STATUSES)[number];
  /** When the twinning started (null for older twinnings). */
  startedAt: string | null;
}

/** `POST /api/v1/practices/:id/twinning-requests` (the receiving administration's referent, or an admin). */
export interface CreateTwinningRequestInput {
  organizationId: string;
  needs?: string;
}

/** `POST /api/v1/twinnings/:id/status` (admins). */
export interface ChangeTwinningStatusInput {
  status: TwinningStatus;
  note?: string;
}

/** `POST /api/v1/twinnings/:id/activities` (parties' members, admins). */
export interface CreateTwinningActivityInput {
  title: string;
  dueAt?: string;
}

/** `PATCH /api/v1/twinning-activities/:id` (parties' members, admins). */
export interface UpdateTwinningActivityInput {
  done: boolean;
}

/** `POST /api/v1/twinnings` (admins). */
export interface CreateTwinningInput {
  title: string;
  practiceTitle: string;
  practiceDescription?: string;
  offeringOrganizationId: string;
  receivingOrganizationIds: string[];
  status?: TwinningStatus;
  /** The programme it belongs to (admins set it). */
  programmeId?: string | null;
}

/** `GET /api/v1/twinnings` filters: a status, and `mine=true` for the asker's administration's only. */
export interface TwinningListQuery {
  status?: TwinningStatus;
  mine?: 'true' | 'false';
}

/** `twinning.status_changed`, to `twinning:<id>`. */
export interface TwinningStatusChangedEvent {
  twinningId: string;
  change: TwinningStatusChangeView;
}
