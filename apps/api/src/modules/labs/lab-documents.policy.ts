import { roomName } from '@convergo/contracts';
import type { DocumentOwnerPolicy } from '../documents/document-owner-policies';
import type { LabsService } from './labs.service';

/**
 * Documents owned by a lab: its participants and tutors read and co-edit them (admins too,
 * before any policy is asked). Announced in the lab's room.
 */
export function labDocumentsPolicy(labs: LabsService): DocumentOwnerPolicy {
  const inLab = async (memberId: string, labId: string) => (await labs.roleOf(memberId, labId)) !== null;
  return {
    canRead: (member, labId) => inLab(member.id, labId),
    canWrite: (member, labId) => inLab(member.id, labId),
    exists: (labId) => labs.exists(labId),
    readableOwnerIds: (member) => labs.labIdsOf(member.id),
    room: (labId) => roomName('lab', labId),
  };
}

/**
 * Documents owned by a working group (its deliverables): the group's members and the lab's
 * tutors co-edit them; the lab's other participants read them, as colleagues learning from
 * each other's work. Announced in the group's room.
 */
export function labGroupDocumentsPolicy(labs: LabsService): DocumentOwnerPolicy {
  return {
    async canRead(member, groupId) {
      const labId = await labs.labOfGroup(groupId);
      return labId !== undefined && (await labs.roleOf(member.id, labId)) !== null;
    },
    async canWrite(member, groupId) {
      const labId = await labs.labOfGroup(groupId);
      if (labId === undefined) return false;
      const role = await labs.roleOf(member.id, labId);
      if (role === 'tutor') return true;
      return role === 'participant' && (await labs.isGroupMember(member.id, groupId));
    },
    exists: async (groupId) => (await labs.labOfGroup(groupId)) !== undefined,
    readableOwnerIds: (member) => labs.groupIdsInLabsOf(member.id),
    room: (groupId) => roomName('lab_group', groupId),
  };
}
