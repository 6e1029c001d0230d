import { Injectable, Logger } from '@nestjs/common';
import { DOC_LIMITS, type DocAccess, type DocJoinAck } from '@convergo/contracts';
import * as Y from 'yjs';
import { DomainEvents } from '../../../common/domain-events/domain-events';
import type { AuthMember } from '../../auth/auth-member';
import { DocumentStateRepository } from '../document-state.repository';
import { DocumentsService } from '../documents.service';
import { AwarenessRelay } from './awareness-relay';
import { CollabDocument, type Participant } from './collab-document';
import { CollaborationLink } from './collaboration-transport';
import { DocumentCompactor } from './document-compactor';
import { fail } from './doc-ack';
import { ShutdownGate } from './shutdown-gate';

/*
 * Which documents this process holds in memory and who is in them. A document is loaded once
 * however many join at the same time, kept while anyone (a connection, or the server reading or
 * changing it) is in it, and unloaded when the last one leaves: its pending writes stored, its
 * updates compacted, `documents.editing_session_ended` emitted. Every change of membership goes
 * through here, so an unload never frees a document someone has just joined.
 */

/** A connection of this process in an open document, as the access review sees it. */
export interface JoinedConnection {
  socketId: string;
  member: AuthMember;
  access: DocAccess;
}

export interface JoinResult {
  ack: DocJoinAck;
  /** Awareness states already known, to send to the joiner. */
  awareness?: Uint8Array;
}

@Injectable()
export class EditingSessions {
  private readonly logger = new Logger(EditingSessions.name);
  private readonly entries = new Map<string, CollabDocument>();
  private readonly loading = new Map<string, Promise<CollabDocument>>();
  /** Documents each connection joined (or is joining) on this process. */
  private readonly socketDocs = new Map<string, Set<string>>();

  constructor(
    private readonly documents: DocumentsService,
    private readonly state: DocumentStateRepository,
    private readonly link: CollaborationLink,
    private readonly awareness: AwarenessRelay,
    private readonly compactor: DocumentCompactor,
    private readonly gate: ShutdownGate,
    private readonly events: DomainEvents,
  ) {}

  /** The document when this process holds it in memory. */
  get(docId: string): CollabDocument | undefined {
    return this.entries.get(docId);
  }

  /** The document and the connection's place in it, when the connection joined it. */
  joined(socketId: string, docId: string): { entry: CollabDocument; participant: Participant } | undefined {
    const entry = this.entries.get(docId);
    const participant = entry?.participants.get(socketId);
    return entry && participant ? { entry, participant } : undefined;
  }

  async join(member: AuthMember, socketId: string, docId: string): Promise<JoinResult> {
    let docs = this.socketDocs.get(socketId);
    if (!docs) this.socketDocs.set(socketId, (docs = new Set()));
    const already = docs.has(docId);
    if (!already && docs.size >= DOC_LIMITS.docsPerConnection) {
      return {
        ack: fail(
          'invalid',
          `a connection may join at most ${DOC_LIMITS.docsPerConnection} documents: leave one first`,
        ),
      };
    }
    docs.add(docId);
    const result = await this.admit(member, socketId, docId);
    if (!result.ack.ok && !already) this.forgetSocketDoc(socketId, docId);
    return result;
  }

  private async admit(member: AuthMember, socketId: string, docId: string): Promise<JoinResult> {
    if (this.gate.closing)
      return { ack: fail('unavailable', 'the server is restarting: join again in a moment') };
    let access;
    try {
      access = await this.documents.accessById(member, docId);
    } catch (error) {
      this.logger.error({ err: error, docId }, 'could not check document access');
      return { ack: fail('unavailable', 'access to the document could not be checked: try again') };
    }
    if (access === undefined) return { ack: fail('not_found', `no document has id ${docId}`) };
    if (access === 'none') return { ack: fail('forbidden', 'you may not read this document') };
    for (;;) {
      let entry: CollabDocument;
      try {
        entry = await this.open(docId);
      } catch (error) {
        this.logger.error({ err: error, docId }, 'could not load document');
        return { ack: fail('unavailable', 'the document could not be loaded: try again') };
      }
      // Same tick as the check below: an unload either sees this participant or has destroyed the entry.
      if (entry.destroyed) continue;
      const existing = entry.participants.get(socketId);
      if (existing) existing.access = access;
      else
        entry.participants.set(socketId, {
          socketId,
          memberId: member.id,
          member,
          access,
          awarenessClients: new Set(),
        });
      return { ack: { ok: true, access }, awareness: this.awareness.known(entry) };
    }
  }

  /** Returns whether the connection had joined the document. */
  leave(socketId: string, docId: string): boolean {
    this.forgetSocketDoc(socketId, docId);
    const joined = this.joined(socketId, docId);
    if (!joined) return false;
    joined.entry.participants.delete(socketId);
    this.awareness.drop(joined.entry, joined.participant);
    this.scheduleUnload(joined.entry);
    return true;
  }

  disconnected(socketId: string): void {
    for (const docId of [...(this.socketDocs.get(socketId) ?? [])]) this.leave(socketId, docId);
    this.socketDocs.delete(socketId);
  }

  /** Every connection of this process in every open document, for the periodic access review. */
  joinedConnections(): Map<string, JoinedConnection[]> {
    const joined = new Map<string, JoinedConnection[]>();
    for (const entry of this.entries.values()) {
      if (entry.destroyed) continue;
      const connections: JoinedConnection[] = [];
      for (const { socketId, member, access } of entry.participants.values())
        if (member) connections.push({ socketId, member, access });
      if (connections.length > 0) joined.set(entry.id, connections);
    }
    return joined;
  }

  /**
   * Applies rights found to have changed since the connection joined: a writer demoted to reader
   * has its next updates refused; one who may no longer read is removed from the document.
   */
  changeAccess(socketId: string, docId: string, access: DocAccess | 'none'): void {
    const participant = this.joined(socketId, docId)?.participant;
    if (!participant || participant.access === access) return;
    if (access === 'none') {
      this.leave(socketId, docId);
      this.link.accessChanged(socketId, docId, {
        access: 'none',
        error: { code: 'forbidden', message: 'you may no longer read this document' },
      });
      return;
    }
    participant.access = access;
    this.link.accessChanged(socketId, docId, { access });
  }

  /** An open, live entry (loading it when needed) that no unload can destroy while `work` runs. */
  async hold<T>(docId: string, work: (entry: CollabDocument) => Promise<T>): Promise<T> {
    for (;;) {
      const entry = await this.open(docId);
      if (entry.destroyed) continue;
      const holdId = `server:${Math.random().toString(36).slice(2)}`;
      entry.participants.set(holdId, {
        socketId: holdId,
        memberId: '',
        access: 'read',
        awarenessClients: new Set(),
      });
      try {
        return await work(entry);
      } finally {
        entry.participants.delete(holdId);
        this.scheduleUnload(entry);
      }
    }
  }

  /** Resolves once every open document has stored its queued writes (for shutdown). */
  drained(): Promise<void>[] {
    return [...this.entries.values()].map((entry) => entry.drained());
  }

  /** Frees every open document, at the very end of shutdown. */
  destroyAll(): void {
    for (const entry of this.entries.values()) entry.destroy();
    this.entries.clear();
    this.socketDocs.clear();
  }

  private forgetSocketDoc(socketId: string, docId: string): void {
    const docs = this.socketDocs.get(socketId);
    docs?.delete(docId);
    if (docs?.size === 0) this.socketDocs.delete(socketId);
  }

  /** The open document, loading it (once, however many join at the same time) when needed. */
  private open(docId: string): Promise<CollabDocument> {
    const open = this.entries.get(docId);
    if (open && !open.destroyed) return Promise.resolve(open);
    let loading = this.loading.get(docId);
    if (!loading) {
      loading = this.load(docId).finally(() => this.loading.delete(docId));
      this.loading.set(docId, loading);
    }
    return loading;
  }

  private async load(docId: string): Promise<CollabDocument> {
    const entry = new CollabDocument(docId);
    const refused = entry.applyStored(await this.state.load(docId, 0));
    if (refused.snapshotRefused) this.logger.error({ docId }, 'stored snapshot could not be applied');
    for (const seq of refused.refusedSeqs)
      this.logger.error({ docId, seq }, 'stored update could not be applied: skipped');
    this.entries.set(docId, entry);
    return entry;
  }

  private scheduleUnload(entry: CollabDocument): void {
    if (entry.participants.size > 0 || entry.unloading || entry.destroyed) return;
    entry.unloading = true;
    this.gate.track(
      this.unload(entry).finally(() => {
        entry.unloading = false;
      }),
    );
  }

  /** The last editor on this process left: store what is pending, compact, and free the memory. */
  private async unload(entry: CollabDocument): Promise<void> {
    await entry.drained();
    await entry.catchingUp?.catch(() => undefined);
    if (entry.participants.size > 0) return;
    await this.compactor.compact(entry);
    if (entry.participants.size > 0 || !entry.idle || entry.destroyed) return;
    this.entries.delete(entry.id);
    // While shutting down the database is about to close: the edits are stored, the session's
    // automatic version is what gets skipped.
    const state = entry.edited && !this.gate.closing ? Y.encodeStateAsUpdate(entry.doc) : undefined;
    entry.destroy();
    if (!state) return;
    // Awaited, so shutdown (which waits for background tasks) lets them finish.
    await this.events
      .emit('documents.editing_session_ended', { docId: entry.id, state })
      .catch((error: unknown) =>
        this.logger.error({ err: error, docId: entry.id }, 'editing-session listener failed'),
      );
  }
}
