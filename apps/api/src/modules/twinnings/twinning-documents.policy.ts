import { roomName } from '@convergo/contracts';
import type { DocumentOwnerPolicy } from '../documents/document-owner-policies';
import type { TwinningsService } from './twinnings.service';

/**
 * Documents owned by a twinning (the transfer plan, the activity reports): the members of the
 * offering and of the receiving administrations read and co-edit them; admins too.
 */
export function twinningDocumentsPolicy(twinnings: TwinningsService): DocumentOwnerPolicy {
  return {
    canRead: (member, twinningId) => twinnings.isParty(member, twinningId),
    canWrite: (member, twinningId) => twinnings.isParty(member, twinningId),
    exists: (twinningId) => twinnings.exists(twinningId),
    readableOwnerIds: (member) => twinnings.idsOfParty(member),
    room: (twinningId) => roomName('twinning', twinningId),
  };
}
