/** Capacity-building labs (Laboratori) of a programme, their participants, tutors and working groups. */
import type { MemberRef } from './spaces';

/** Ambito A: strategy, competences and organisation; B: territorial round-tables; C: interregional. */
export const LAB_AMBITI = ['A', 'B', 'C'] as const;
export type LabAmbito = (typeof LAB_AMBITI)[number];

/** A scoped role inside one lab: tutors run it, participants follow it. */
export const LAB_ROLES = ['participant', 'tutor'] as const;
export type LabRole = (typeof LAB_ROLES)[number];

export const LAB_TITLE_MAX_LENGTH = 200;
export const LAB_DESCRIPTION_MAX_LENGTH = 5000;
export const LAB_GROUP_NAME_MAX_LENGTH = 120;
/** Members named when a working group is created, at most. */
export const LAB_GROUP_MAX_INITIAL_MEMBERS = 100;

export interface LabView {
  id: string;
  programmeId: string | null;
  title: string;
  ambito: LabAmbito;
  description: string;
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
