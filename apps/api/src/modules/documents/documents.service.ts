import { Injectable } from '@nestjs/common';
import { AbilityFactory } from '../auth/ability.factory';
import { Transactional } from '../../database/transactional';
import { roomName, type DocAccess, type DocumentView, type Page } from '@convergo/contracts';
import { InvalidCursorException } from '../../common/app.exception';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import type { AuthMember } from '../auth/auth-member';
import { EventOutbox } from '../realtime/event-outbox';
import { DocumentOwnerPolicies, type DocumentOwnerPolicy } from './document-owner-policies';
import type { DocumentEntity } from './document.entity';
import {
  DocumentRepository,
  type DocumentPatch,
  type LibraryPosition,
  type ReadableOwners,
} from './document.repository';
import { DocumentsException } from './documents.exception';
import type { CreateDocumentDto } from './dto/create-document.dto';
import type { DocumentLibraryQueryDto } from './dto/document-library.query';
import type { UpdateDocumentDto } from './dto/update-document.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OWNER_FILTER = /^([a-z][a-z_]{0,31}):([0-9a-fA-F-]{36})$/;
const DIGITS = /^\d{1,19}$/;

/** What a member may do with one document. */
export type DocumentAccess = DocAccess | 'none';

export function toDocumentView(row: DocumentEntity): DocumentView {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    owner: { type: row.ownerType, id: row.ownerId },
    tags: row.tags,
    regions: row.regions,
    provinceCodes: row.provinceCodes,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Trimmed, single-spaced, lower-case, without duplicates: "  Servizi  ai Cittadini" → "servizi ai cittadini". */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().replace(/\s+/g, ' ').toLocaleLowerCase('it')))];
}

function decodePosition(cursor: string): LibraryPosition {
  const [updatedMicros, id] = decodeCursor(cursor, 2);
  if (
    typeof updatedMicros !== 'string' ||
    !DIGITS.test(updatedMicros) ||
    typeof id !== 'string' ||
    !UUID.test(id)
  )
    throw new InvalidCursorException();
  return { updatedMicros, id };
}

/**
 * Shared documents' metadata and the one access policy for them, used by REST and by the Yjs
 * gateway alike: admins read and write everything, everyone else gets what the owner's
 * registered DocumentOwnerPolicy answers. The content itself is CollaborationService's.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly documents: DocumentRepository,
    private readonly owners: DocumentOwnerPolicies,
    private readonly outbox: EventOutbox,
  ) {}

  private policy(type: string): DocumentOwnerPolicy {
    const policy = this.owners.get(type);
    if (!policy) throw DocumentsException.ownerTypeUnknown(type, this.owners.types());
    return policy;
  }

  /** Admins (who manage every document) are not bound by the owners' policies. */
  private overridesOwners(member: AuthMember): boolean {
    return this.abilities.for(member).can('manage', 'Document');
  }

  /** The member's rights on a stored document; an owner type nobody serves any more grants nothing. */
  async accessTo(member: AuthMember, document: DocumentEntity): Promise<DocumentAccess> {
    if (this.overridesOwners(member)) return 'write';
    const policy = this.owners.get(document.ownerType);
    if (!policy) return 'none';
    if (await policy.canWrite(member, document.ownerId)) return 'write';
    if (await policy.canRead(member, document.ownerId)) return 'read';
    return 'none';
  }

  /** For the Yjs gateway and the `doc` room: undefined when the document does not exist. */
  async accessById(member: AuthMember, id: string): Promise<DocumentAccess | undefined> {
    const document = await this.documents.findById(id);
    return document ? this.accessTo(member, document) : undefined;
  }

  /** The document and the member's access; 404 when it does not exist, 403 when it may not be read. */
  private async readable(
    member: AuthMember,
    id: string,
  ): Promise<{ document: DocumentEntity; access: DocAccess }> {
    const document = await this.documents.findById(id);
    if (!document) throw DocumentsException.notFound(id);
    const access = await this.accessTo(member, document);
    if (access === 'none') throw DocumentsException.forbidden('read');
    return { document, access };
  }

  async get(member: AuthMember, id: string): Promise<DocumentView> {
    return toDocumentView((await this.readable(member, id)).document);
  }

  @Transactional()
  async create(member: AuthMember, input: CreateDocumentDto): Promise<DocumentView> {
    const policy = this.policy(input.owner.type);
    const ownerId = input.owner.id.toLowerCase();
    if (!(await policy.exists(ownerId))) throw DocumentsException.ownerNotFound(input.owner.type, ownerId);
    if (!this.overridesOwners(member) && !(await policy.canWrite(member, ownerId)))
      throw DocumentsException.ownerForbidden();
    const row = await this.documents.insert({
      title: input.title.trim(),
      kind: input.kind,
      ownerType: input.owner.type,
      ownerId,
      createdBy: member.id,
      tags: normalizeTags(input.tags ?? []),
      regions: input.regions ?? [],
      provinceCodes: input.provinceCodes ?? [],
    });
    const view = toDocumentView(row);
    const room = policy.room?.(ownerId);
    if (room) await this.outbox.record(room, 'document.created', view);
    return view;
  }

  @Transactional()
  async update(member: AuthMember, id: string, input: UpdateDocumentDto): Promise<DocumentView> {
    const { document: current, access } = await this.readable(member, id);
    if (access !== 'write') throw DocumentsException.forbidden('write');
    const patch: DocumentPatch = {};
    if (input.title !== undefined) patch.title = input.title.trim();
    if (input.tags !== undefined) patch.tags = normalizeTags(input.tags);
    if (input.regions !== undefined) patch.regions = input.regions;
    if (input.provinceCodes !== undefined) patch.provinceCodes = input.provinceCodes;
    if (Object.keys(patch).length === 0) return toDocumentView(current);
    const row = await this.documents.update(id, patch);
    if (!row) throw DocumentsException.notFound(id);
    const view = toDocumentView(row);
    await this.outbox.record(roomName('doc', id), 'document.updated', view);
    const ownerRoom = this.owners.get(row.ownerType)?.room?.(row.ownerId);
    if (ownerRoom) await this.outbox.record(ownerRoom, 'document.updated', view);
    return view;
  }

  async library(member: AuthMember, query: DocumentLibraryQueryDto): Promise<Page<DocumentView>> {
    let owner: { type: string; id: string } | undefined;
    if (query.owner !== undefined) {
      const match = OWNER_FILTER.exec(query.owner);
      if (!match || !UUID.test(match[2])) throw DocumentsException.invalidOwnerFilter();
      owner = { type: match[1], id: match[2].toLowerCase() };
      const policy = this.policy(owner.type);
      if (!this.overridesOwners(member) && !(await policy.canRead(member, owner.id)))
        throw DocumentsException.ownerForbidden();
    }
    const after = query.cursor ? decodePosition(query.cursor) : undefined;
    const readable: ReadableOwners =
      owner || this.overridesOwners(member) ? 'all' : await this.readableOwners(member);
    const rows = await this.documents.findPage(
      {
        readable,
        owner,
        kind: query.kind,
        tag: query.tag !== undefined ? normalizeTags([query.tag])[0] : undefined,
        region: query.region,
        province: query.province,
        q: query.q?.trim() || undefined,
      },
      query.limit + 1,
      after,
    );
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map((row) => toDocumentView(row.document)),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor([last.position.updatedMicros, last.position.id])
          : null,
    };
  }

  private async readableOwners(member: AuthMember): Promise<ReadableOwners> {
    const readable: { type: string; ids: readonly string[] | 'all' }[] = [];
    for (const type of this.owners.types()) {
      const policy = this.owners.get(type)!;
      if (policy.readableOwnerIds) readable.push({ type, ids: await policy.readableOwnerIds(member) });
    }
    return readable;
  }
}
