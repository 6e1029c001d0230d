import { roomName } from '@convergo/contracts';
import type { DocumentOwnerPolicy } from '../documents/document-owner-policies';
import type { PracticesService } from './practices.service';

/**
 * The document of a practice (its full description): whoever reads the practice reads it; the
 * offering administration's members write it while the practice is proposed or changes are
 * requested; admins always (the documents module lets them through before asking).
 */
export function practiceDocumentsPolicy(practices: PracticesService): DocumentOwnerPolicy {
  return {
    canRead: (member, practiceId) => practices.canRead(member, practiceId),
    canWrite: (member, practiceId) => practices.canWriteDocument(member, practiceId),
    exists: (practiceId) => practices.exists(practiceId),
    room: (practiceId) => roomName('practice', practiceId),
  };
}
