import type { LabGroupView, LabParticipantView, LabView, MemberRef } from '@convergo/contracts';
import type { LabGroupMemberRow, LabGroupRow, LabParticipantRow, LabRow } from './labs.repository';

export function toLabView(row: LabRow): LabView {
  return {
    id: row.id,
    programmeId: row.programme_id,
    title: row.title,
    ambito: row.ambito,
    description: row.description,
    createdAt: new Date(row.created_at).toISOString(),
    participantCount: Number(row.participant_count),
    tutorCount: Number(row.tutor_count),
    groupCount: Number(row.group_count),
    myRole: row.my_role,
  };
}

export function toLabParticipantView(row: LabParticipantRow): LabParticipantView {
  return {
    labId: row.lab_id,
    member: { id: row.member_id, displayName: row.display_name, organizationName: row.organization_name },
    role: row.role,
    addedAt: new Date(row.created_at).toISOString(),
  };
}

export function toMemberRef(row: LabGroupMemberRow): MemberRef {
  return { id: row.member_id, displayName: row.display_name, organizationName: row.organization_name };
}

export function toLabGroupView(row: LabGroupRow, members: readonly LabGroupMemberRow[]): LabGroupView {
  return {
    id: row.id,
    labId: row.lab_id,
    name: row.name,
    members: members.filter((m) => m.group_id === row.id).map(toMemberRef),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
