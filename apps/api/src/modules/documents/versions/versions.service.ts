import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Transactional } from '../../../database/transactional';
import {
  roomName,
  type DocumentVersionCompare,
  type DocumentVersionDetail,
  type DocumentVersionView,
  type Page,
} from '@convergo/contracts';
import { diffLines, diffWordsWithSpace } from 'diff';
import * as Y from 'yjs';
import { AppException } from '../../../common/app.exception';
import type { DocumentEditingSessionEndedEvent } from '../../../common/domain-events/domain-event-map';
import { createdPage, decodeCreatedCursor } from '../../../common/cursor';
import type { AuthMember } from '../../auth/auth-member';
import { EventOutbox } from '../../realtime/event-outbox';
import { CollaborationService } from '../collaboration/collaboration.service';
import { DocumentRepository } from '../document.repository';
import { DocumentsException } from '../documents.exception';
import { DocumentRights } from './document-rights';
import {
  contentBlocks,
  docFromState,
  plainText,
  renderHtml,
  renderMarkdown,
  restoreUpdate,
} from './document-content';
import { VersionsRepository, type VersionRecord } from './versions.repository';

export const versionNotFound = (id: string): AppException =>
  new AppException(
    HttpStatus.NOT_FOUND,
    'document_version_not_found',
    'Version not found',
    `No version of this document has id ${id}`,
  );

/** Names of the versions the server keeps by itself (Italian: what most readers see). */
const AUTOMATIC_SESSION_NAME = 'Salvataggio automatico a fine sessione';
const beforeRestoreName = (restored: string): string => `Prima del ripristino di «${restored}»`.slice(0, 200);

function textOfState(state: Uint8Array): string {
  const doc = docFromState(state);
  try {
    return plainText(doc);
  } finally {
    doc.destroy();
  }
}

function toView(row: VersionRecord): DocumentVersionView {
  return {
    id: row.id,
    documentId: row.docId,
    name: row.name,
    authorId: row.authorId,
    automatic: row.automatic,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

/**
 * Named versions: full Yjs states of a document, listed, shown read-only, compared, and restored
 * as a new change made on the live document through CollaborationService's write path.
 */
@Injectable()
export class VersionsService {
  private readonly logger = new Logger(VersionsService.name);

  constructor(
    private readonly rights: DocumentRights,
    private readonly versions: VersionsRepository,
    private readonly collaboration: CollaborationService,
    private readonly outbox: EventOutbox,
    private readonly documents: DocumentRepository,
  ) {}

  /**
   * Like Google Docs' version history: each editing session leaves an automatic version, so an
   * earlier state can be found and restored even when nobody named one.
   */
  @OnEvent('documents.editing_session_ended')
  async onEditingSessionEnded({ docId, state }: DocumentEditingSessionEndedEvent): Promise<void> {
    await this.store(docId, AUTOMATIC_SESSION_NAME, null, true, state);
  }

  async create(member: AuthMember, docId: string, name: string): Promise<DocumentVersionView> {
    await this.rights.require(member, docId, 'write');
    return this.store(docId, name.trim(), member.id, false);
  }

  /** For other capabilities (e.g. a lab deliverable submitted): a version without a member. */
  async createAutomaticVersion(docId: string, name: string): Promise<DocumentVersionView> {
    if (!(await this.documents.findById(docId))) throw DocumentsException.notFound(docId);
    return this.store(docId, name.trim().slice(0, 200) || 'Automatic version', null, true);
  }

  @Transactional()
  private async store(
    docId: string,
    name: string,
    authorId: string | null,
    automatic: boolean,
    knownState?: Uint8Array,
  ): Promise<DocumentVersionView> {
    // Read outside the transaction: loading a document must not run on the transaction's connection.
    const { state, text } = knownState
      ? { state: knownState, text: textOfState(knownState) }
      : await this.collaboration.read(docId, (doc) => ({
          state: Y.encodeStateAsUpdate(doc),
          text: plainText(doc),
        }));
    const row = await this.versions.insert({ docId, name, authorId, automatic, state, text });
    const view = toView(row);
    await this.outbox.record(roomName('doc', docId), 'document.version_created', view);
    return view;
  }

  async list(
    member: AuthMember,
    docId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<DocumentVersionView>> {
    await this.rights.require(member, docId, 'read');
    const rows = await this.versions.page(docId, limit + 1, decodeCreatedCursor(cursor));
    return createdPage(rows, limit, toView);
  }

  private async version(docId: string, id: string): Promise<VersionRecord> {
    const row = await this.versions.find(docId, id.toLowerCase());
    if (!row) throw versionNotFound(id);
    return row;
  }

  async get(member: AuthMember, docId: string, id: string): Promise<DocumentVersionDetail> {
    await this.rights.require(member, docId, 'read');
    const row = await this.version(docId, id);
    const doc = docFromState(new Uint8Array(row.state!));
    try {
      const blocks = contentBlocks(doc);
      return {
        ...toView(row),
        text: row.text ?? '',
        html: renderHtml(blocks),
        markdown: renderMarkdown(blocks),
      };
    } finally {
      doc.destroy();
    }
  }

  async compare(
    member: AuthMember,
    docId: string,
    from: string,
    to: string,
    granularity: 'words' | 'lines',
  ): Promise<DocumentVersionCompare> {
    await this.rights.require(member, docId, 'read');
    const textOf = async (ref: string): Promise<string> =>
      ref === 'current'
        ? this.collaboration.read(docId, plainText)
        : ((await this.version(docId, ref)).text ?? '');
    const [a, b] = [await textOf(from), await textOf(to)];
    const changes = granularity === 'lines' ? diffLines(`${a}\n`, `${b}\n`) : diffWordsWithSpace(a, b);
    return {
      from,
      to,
      changes: changes.map((c) => ({
        ...(c.added ? { added: true } : {}),
        ...(c.removed ? { removed: true } : {}),
        value: c.value,
      })),
    };
  }

  /** Makes the live document equal the version, as a new change everyone sees; stored before relayed. */
  async restore(member: AuthMember, docId: string, id: string): Promise<DocumentVersionView> {
    await this.rights.require(member, docId, 'write');
    const row = await this.version(docId, id);
    const state = new Uint8Array(row.state!);
    // The state being replaced stays one click away, as in Google Docs.
    await this.store(docId, beforeRestoreName(row.name), member.id, true);
    const ack = await this.collaboration.applyServerChange(docId, member.id, (live) =>
      restoreUpdate(live, state),
    );
    if (!ack.ok) {
      this.logger.warn({ docId, versionId: id, error: ack.error }, 'restore not stored');
      throw new AppException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'document_unavailable',
        'Unavailable',
        ack.error.message,
      );
    }
    return toView(row);
  }
}
