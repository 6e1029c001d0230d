import { HttpStatus, Injectable } from '@nestjs/common';
import { AbilityFactory } from '../../auth/ability.factory';
import { Transactional } from '../../../database/transactional';
import {
  DOCUMENT_CONTENT_FRAGMENT,
  type DocumentCommentView,
  type Page,
  roomName,
} from '@convergo/contracts';
import * as Y from 'yjs';
import { AppException, ValidationFailedException } from '../../../common/app.exception';
import { createdPage, decodeCreatedCursor } from '../../../common/cursor';
import type { AuthMember } from '../../auth/auth-member';
import { EventOutbox } from '../../realtime/event-outbox';
import { CollaborationService } from '../collaboration/collaboration.service';
import { DocumentRights } from '../versions/document-rights';
import type { CommentAnchorDto, CreateCommentDto } from './comments.dto';
import { CommentsRepository, type CommentRecord } from './comments.repository';

const notFound = (id: string): AppException =>
  new AppException(
    HttpStatus.NOT_FOUND,
    'comment_not_found',
    'Comment not found',
    `No comment of this document has id ${id}`,
  );
const notYours = (): AppException =>
  new AppException(
    HttpStatus.FORBIDDEN,
    'comment_forbidden',
    'Forbidden',
    'You may only change your own comments',
  );
const invalidAnchor = (field: string, message: string): ValidationFailedException =>
  new ValidationFailedException([{ field, message }]);

function toView(row: CommentRecord): DocumentCommentView {
  return {
    id: row.id,
    documentId: row.docId,
    parentId: row.parentId,
    authorId: row.authorId,
    body: row.body,
    anchor: row.anchorStart && row.anchorEnd ? { start: row.anchorStart, end: row.anchorEnd } : null,
    resolved: row.resolvedAt !== null,
    resolvedAt: row.resolvedAt ? new Date(row.resolvedAt).toISOString() : null,
    resolvedBy: row.resolvedBy,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** A relative position decoded from base64, or a message saying why it is not one. */
function decodeRelative(encoded: string): Y.RelativePosition | string {
  let position: Y.RelativePosition;
  try {
    position = Y.decodeRelativePosition(new Uint8Array(Buffer.from(encoded, 'base64')));
  } catch {
    return 'is not a Y.encodeRelativePosition';
  }
  if (position.item === null && position.type === null && position.tname === null)
    return 'is not a Y.encodeRelativePosition';
  if (position.tname !== null && position.tname !== DOCUMENT_CONTENT_FRAGMENT)
    return `must point into the "${DOCUMENT_CONTENT_FRAGMENT}" of this document`;
  return position;
}

/** The absolute position within `content`, or undefined when it points elsewhere (or nowhere). */
function resolveInContent(doc: Y.Doc, position: Y.RelativePosition): Y.AbsolutePosition | undefined {
  const content = doc.getXmlFragment(DOCUMENT_CONTENT_FRAGMENT);
  let absolute: Y.AbsolutePosition | null;
  try {
    absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  } catch {
    return undefined;
  }
  if (!absolute) return undefined;
  let type: Y.AbstractType<unknown> = absolute.type;
  for (let hops = 0; type._item && hops < 1000; hops += 1)
    type = type._item.parent as Y.AbstractType<unknown>;
  return type === (content as unknown) ? absolute : undefined;
}

/**
 * Comments on a document: threads anchored to a text range by Yjs relative positions (so the
 * anchor follows the text through everyone's edits), plain-text replies, resolve and reopen.
 * Whoever may read the document may comment; authors edit and delete their own; authors and
 * writers resolve.
 */
@Injectable()
export class CommentsService {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly rights: DocumentRights,
    private readonly comments: CommentsRepository,
    private readonly collaboration: CollaborationService,
    private readonly outbox: EventOutbox,
  ) {}

  async list(
    member: AuthMember,
    docId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<DocumentCommentView>> {
    await this.rights.require(member, docId, 'read');
    const rows = await this.comments.page(docId, limit + 1, decodeCreatedCursor(cursor));
    return createdPage(rows, limit, toView);
  }

  @Transactional()
  async create(member: AuthMember, docId: string, input: CreateCommentDto): Promise<DocumentCommentView> {
    await this.rights.require(member, docId, 'read');
    const body = input.body.trim();
    let parentId: string | null = null;
    if (input.parentId !== undefined) {
      if (input.anchor !== undefined)
        throw new ValidationFailedException([
          { field: 'anchor', message: 'a reply has no anchor of its own' },
        ]);
      const parent = await this.comments.find(docId, input.parentId.toLowerCase());
      if (!parent)
        throw new AppException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'comment_parent_not_found',
          'Unknown comment',
          `parentId: no comment of this document has id ${input.parentId}`,
          [{ field: 'parentId', message: 'no comment of this document has this id' }],
        );
      parentId = parent.parentId ?? parent.id;
    } else {
      if (input.anchor === undefined)
        throw new ValidationFailedException([{ field: 'anchor', message: 'a new comment needs an anchor' }]);
      await this.validateAnchor(docId, input.anchor);
    }
    const row = await this.comments.insert({
      docId,
      parentId,
      authorId: member.id,
      body,
      anchor: input.anchor ? { start: input.anchor.start, end: input.anchor.end } : null,
    });
    const view = toView(row);
    await this.outbox.record(roomName('doc', docId), 'comment.created', view);
    return view;
  }

  /** Both ends decode, point into this document's content, and start is not after end. */
  private async validateAnchor(docId: string, anchor: CommentAnchorDto): Promise<void> {
    const start = decodeRelative(anchor.start);
    if (typeof start === 'string') throw invalidAnchor('anchor.start', start);
    const end = decodeRelative(anchor.end);
    if (typeof end === 'string') throw invalidAnchor('anchor.end', end);
    const problem = await this.collaboration.read(docId, (doc) => {
      const a = resolveInContent(doc, start);
      if (!a) return { field: 'anchor.start', message: 'does not point into this document' };
      const b = resolveInContent(doc, end);
      if (!b) return { field: 'anchor.end', message: 'does not point into this document' };
      if (a.type === b.type && a.index > b.index) return { field: 'anchor', message: 'start is after end' };
      return undefined;
    });
    if (problem) throw new ValidationFailedException([problem]);
  }

  private async own(member: AuthMember, docId: string, id: string): Promise<CommentRecord> {
    await this.rights.require(member, docId, 'read');
    const row = await this.comments.find(docId, id.toLowerCase());
    if (!row) throw notFound(id);
    if (row.authorId !== member.id && !this.abilities.for(member).can('manage', 'Document')) throw notYours();
    return row;
  }

  @Transactional()
  async update(member: AuthMember, docId: string, id: string, body: string): Promise<DocumentCommentView> {
    const row = await this.own(member, docId, id);
    const updated = await this.comments.updateBody(row.id, body.trim());
    if (!updated) throw notFound(id);
    const view = toView(updated);
    await this.outbox.record(roomName('doc', docId), 'comment.updated', view);
    return view;
  }

  @Transactional()
  async remove(member: AuthMember, docId: string, id: string): Promise<void> {
    const row = await this.own(member, docId, id);
    await this.comments.delete(row.id);
    await this.outbox.record(roomName('doc', docId), 'comment.deleted', {
      id: row.id,
      documentId: docId,
      parentId: row.parentId,
    });
  }

  /** Resolves (or reopens) a thread: its author or a writer of the document. */
  @Transactional()
  async setResolved(
    member: AuthMember,
    docId: string,
    id: string,
    resolved: boolean,
  ): Promise<DocumentCommentView> {
    const access = await this.rights.require(member, docId, 'read');
    const row = await this.comments.find(docId, id.toLowerCase());
    if (!row) throw notFound(id);
    if (row.parentId !== null)
      throw new AppException(
        HttpStatus.CONFLICT,
        'comment_is_reply',
        'Reply',
        'Resolve the thread, not one of its replies',
      );
    if (access !== 'write' && row.authorId !== member.id)
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'comment_forbidden',
        'Forbidden',
        'Only the author or a writer may resolve this thread',
      );
    const updated = await this.comments.setResolved(row.id, resolved ? member.id : null);
    if (!updated) throw notFound(id);
    const view = toView(updated);
    await this.outbox.record(roomName('doc', docId), resolved ? 'comment.resolved' : 'comment.updated', view);
    return view;
  }
}
