import { roomName } from '@convergo/contracts';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AbilityFactory } from '../auth/ability.factory';
import { MembersService } from '../members/members.service';
import { RoomAuthorizer } from '../realtime/room-authorizer';
import { DocumentOwnerPolicies } from './document-owner-policies';
import { DocumentsService } from './documents.service';

/**
 * Wires the documents capability into the shared authorisation: the `member` owner type (a
 * member's private drafts), the `doc:<id>` room kind (whoever may read the document) and the
 * CASL subject `Document` (instance checks are the owner policies').
 */
@Injectable()
export class DocumentsPolicy implements OnModuleInit {
  constructor(
    private readonly owners: DocumentOwnerPolicies,
    private readonly members: MembersService,
    private readonly rooms: RoomAuthorizer,
    private readonly abilities: AbilityFactory,
    private readonly documents: DocumentsService,
  ) {}

  onModuleInit(): void {
    this.owners.register('member', {
      canRead: (member, ownerId) => Promise.resolve(member.id === ownerId),
      canWrite: (member, ownerId) => Promise.resolve(member.id === ownerId),
      exists: async (ownerId) => (await this.members.findAuthMember(ownerId)) !== undefined,
      readableOwnerIds: (member) => Promise.resolve([member.id]),
      room: (ownerId) => roomName('member', ownerId),
    });
    this.rooms.register('doc', async (member, id) => {
      const access = await this.documents.accessById(member, id);
      if (access === undefined) return 'not_found';
      return access === 'none' ? 'forbidden' : 'ok';
    });
    this.abilities.register((member, { can }) => {
      can('read', 'Document');
      can('create', 'Document');
      // Moderators remove any attachment (admins manage every document through the base rules).
      if (member.role === 'moderator') can('moderate', 'Document');
    });
  }
}
