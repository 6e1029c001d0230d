import type { LabGroupView, LabParticipantView, LabView, MemberRef } from '@convergo/contracts';
import type {
  LabGroupMemberRecord,
  LabGroupRecord,
  LabParticipantRecord,
  LabRecord,
} from './labs.repository';

export function toLabView(row: LabRecord): LabView {
  return {
    id: row.id,
    programmeId: row.programmeId,
    title: row.title,
    ambito: row.ambito,
    description: row.description,
    objectives: row.objectives,
    expectedResults: row.expectedResults,
    targetAdministrations: row.targetAdministrations,
    capacity: row.capacity,
    status: row.status,
    regions: row.regions,
    createdAt: new Date(row.createdAt).toISOString(),
    participantCount: Number(row.participantCount),
    tutorCount: Number(row.tutorCount),
    groupCount: Number(row.groupCount),
    myRole: row.myRole,
  };
}

export function toLabParticipantView(row: LabParticipantRecord): LabParticipantView {
  return {
    labId: row.labId,
    member: { id: row.memberId, displayName: row.displayName, organizationName: row.organizationName },
    role: row.role,
    addedAt: new Date(row.createdAt).toISOString(),
  };
}

export function toMemberRef(
  row: Pick<LabGroupMemberRecord, 'memberId' | 'displayName' | 'organizationName'>,
): MemberRef {
  return { id: row.memberId, displayName: row.displayName, organizationName: row.organizationName };
}

export function toLabGroupView(row: LabGroupRecord, members: readonly LabGroupMemberRecord[]): LabGroupView {
  return {
    id: row.id,
    labId: row.labId,
    name: row.name,
    members: members.filter((m) => m.groupId === row.id).map(toMemberRef),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
