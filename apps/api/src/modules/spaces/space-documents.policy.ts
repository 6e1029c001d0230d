import { roomName } from '@convergo/contracts';
import type { AuthMember } from '../auth/auth-member';
import type { DocumentOwnerPolicy } from '../documents/document-owner-policies';
import type { SpacesService } from './spaces.service';

/**
 * Documents owned by a space: whoever may read the space may read and co-edit its documents,
 * as in a shared folder of the community (public, invited, or the lab's people for a lab space).
 */
export function spaceDocumentsPolicy(spaces: SpacesService): DocumentOwnerPolicy {
  const canRead = (member: AuthMember, spaceId: string): Promise<boolean> => spaces.mayRead(member, spaceId);
  return {
    canRead,
    canWrite: canRead,
    exists: (spaceId) => spaces.exists(spaceId),
    readableOwnerIds: (member) => spaces.readableSpaceIds(member),
    room: (spaceId) => roomName('space', spaceId),
  };
}
