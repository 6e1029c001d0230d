/** Capacity-building labs (Laboratori) of a programme, their participants, tutors and working groups. */
import type { DeliverableKind } from './deliverables';
import type { MemberRef } from './spaces';

/** Ambito A: strategy, competences and organisation; B: territorial round-tables; C: interregional. */
export const LAB_AMBITI = ['A', 'B', 'C'] as const;
export type LabAmbito = (typeof LAB_AMBITI)[number];

/** A scoped role inside one lab: tutors run it, participants follow it. */
export const LAB_ROLES = ['participant', 'tutor'] as const;
export type LabRole = (typeof LAB_ROLES)[number];

/**
 * A lab's life cycle: `draft` (being prepared, not yet open to applications), `open` (enrolment
 * open), `running` (sessions under way), `closed` (finished).
 */
export const LAB_STATUSES = ['draft', 'open', 'running', 'closed'] as const;
export type LabStatus = (typeof LAB_STATUSES)[number];

/**
 * The one table of allowed status changes (`POST /api/v1/labs/:id/status`, admins); anything
 * else, staying in the same status included, is a 409. The web app's buttons read it too.
 * - draft → open: enrolment opens; draft → closed: a lab abandoned before it was published;
 * - open → draft: enrolment withdrawn to fix the lab; open → running: the lab starts;
 *   open → closed: cancelled before it started;
 * - running → closed: the lab ends;
 * - closed → running: reopened when it was closed by mistake (or for a late session).
 */
export const LAB_STATUS_TRANSITIONS: Readonly<Record<LabStatus, readonly LabStatus[]>> = {
  draft: ['open', 'closed'],
  open: ['draft', 'running', 'closed'],
  running: ['closed'],
  closed: ['running'],
};

export function canTransitionLab(from: LabStatus, to: LabStatus): boolean {
  return LAB_STATUS_TRANSITIONS[from].includes(to);
}

export const LAB_TITLE_MAX_LENGTH = 200;
export const LAB_DESCRIPTION_MAX_LENGTH = 5000;
export const LAB_GROUP_NAME_MAX_LENGTH = 120;
export const LAB_OBJECTIVES_MAX_LENGTH = 5000;
export const LAB_EXPECTED_RESULTS_MAX_LENGTH = 5000;
export const LAB_TARGET_ADMINISTRATIONS_MAX_LENGTH = 2000;
/** Places in a lab, at most (null: unlimited). */
export const LAB_CAPACITY_MAX = 10_000;
/** The fields a lab's own tutors may change (`PATCH /api/v1/labs/:id`); the others are for admins. */
export const LAB_TUTOR_EDITABLE_FIELDS = [
  'description',
  'objectives',
  'expectedResults',
  'targetAdministrations',
] as const;
/** Members named when a working group is created, at most. */
export const LAB_GROUP_MAX_INITIAL_MEMBERS = 100;

export interface LabView {
  id: string;
  programmeId: string | null;
  title: string;
  ambito: LabAmbito;
  description: string;
  objectives: string;
  expectedResults: string;
  /** Which administrations the lab is for (free text, e.g. "cinque amministrazioni provinciali"). */
  targetAdministrations: string;
  /** Places for participants; null: unlimited. */
  capacity: number | null;
  status: LabStatus;
  /** The Italian regions the lab targets, by name as in the organisation directory (e.g. "Campania"). */
  regions: string[];
  createdAt: string;
  participantCount: number;
  tutorCount: number;
  groupCount: number;
  /** The asker's role in this lab, null when they have none. */
  myRole: LabRole | null;
}

/** `POST /api/v1/labs` (admins). */
export interface CreateLabInput {
  title: string;
  ambito: LabAmbito;
  description?: string;
  programmeId?: string | null;
  objectives?: string;
  expectedResults?: string;
  targetAdministrations?: string;
  capacity?: number | null;
  /** Default `draft`. */
  status?: LabStatus;
  regions?: string[];
}

/** `PATCH /api/v1/labs/:id`: admins change any field; the lab's tutors only LAB_TUTOR_EDITABLE_FIELDS. */
export type UpdateLabInput = Partial<Omit<CreateLabInput, 'status'>>;

/** `POST /api/v1/labs/:id/status` (admins): a change allowed by LAB_STATUS_TRANSITIONS. */
export interface SetLabStatusInput {
  status: LabStatus;
}

/** `GET /api/v1/labs` filters. */
export interface LabCatalogueQuery {
  ambito?: LabAmbito;
  status?: LabStatus;
  /** A region name, e.g. "Campania". */
  region?: string;
  limit?: number;
  cursor?: string;
}

/** `PUT /api/v1/labs/:id/participants/:memberId`. */
export interface SetLabParticipantInput {
  role: LabRole;
}

export interface LabParticipantView {
  labId: string;
  member: MemberRef;
  role: LabRole;
  addedAt: string;
}

export interface LabGroupView {
  id: string;
  labId: string;
  name: string;
  members: MemberRef[];
  createdAt: string;
}

/** `POST /api/v1/labs/:id/groups`. */
export interface CreateLabGroupInput {
  name: string;
  memberIds?: string[];
}

/** `PUT/DELETE /api/v1/labs/:id/groups/:groupId/members/:memberId`. */
export interface LabGroupMemberView {
  labId: string;
  groupId: string;
  member: MemberRef;
}

// --- Lab structure: modules ------------------------------------------------------------------

export const LAB_MODULE_LIMITS = {
  title: 200,
  description: 5000,
  /** The dimensions (dimensioni d'intervento) are numbered 1..99. */
  dimensionMax: 99,
  positionMax: 10_000,
  /** Planned days in presence, in steps of a quarter day at least. */
  plannedDaysMax: 365,
} as const;

/** A module of a lab (e.g. Ambito A, dimensione 1, "Creazione dei Quadri Logici…", 1,5 giornate). */
export interface LabModuleView {
  id: string;
  labId: string;
  title: string;
  /** The dimension of the lab the module belongs to (1, 2, 3…), null when the lab has none. */
  dimension: number | null;
  /** Order in the lab (ties: creation order). */
  position: number;
  /** Days in presence the module is planned for (e.g. 1.5), null when not planned. */
  plannedDays: number | null;
  description: string;
  /** The kinds of product the module expects from its working groups. */
  expectedDeliverables: DeliverableKind[];
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/v1/labs/:id/modules` (admins, the lab's tutors); `position` defaults to after the last. */
export interface CreateLabModuleInput {
  title: string;
  dimension?: number | null;
  position?: number;
  plannedDays?: number | null;
  description?: string;
  expectedDeliverables?: DeliverableKind[];
}

/** `PATCH /api/v1/lab-modules/:id`: only the fields sent change. */
export type UpdateLabModuleInput = Partial<CreateLabModuleInput>;
