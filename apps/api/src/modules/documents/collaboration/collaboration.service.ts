import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  DOC_LIMITS,
  type DocAccess,
  type DocAccessChange,
  type DocAck,
  type DocErrorCode,
  type DocJoinAck,
} from '@convergo/contracts';
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { AuthMember } from '../../auth/auth-member';
import { DocumentStateRepository } from '../document-state.repository';
import { DocumentsService } from '../documents.service';
import { CollabDocument, type Participant, type PendingWrite } from './collab-document';
import {
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdateMessage,
  parseAwarenessUpdate,
  parseSyncMessage,
} from './yjs-protocol';

/** What one process tells the others about a document they may hold in memory too. */
export type PeerMessage =
  | { kind: 'updates'; docId: string; seqs: number[]; updates: Uint8Array[] }
  | { kind: 'awareness'; docId: string; message: Uint8Array }
  /** Someone joined on the sender: processes holding the document resend their connections' presence. */
  | { kind: 'awareness-query'; docId: string };

/** How the collaboration service reaches connections; the gateway implements it. */
export interface CollaborationTransport {
  /** Every connection in the document's room, on every process, except `exceptSocketId`. */
  toRoom(
    docId: string,
    event: 'doc:sync' | 'doc:awareness',
    message: Uint8Array,
    exceptSocketId?: string,
  ): void;
  /** The other processes of the cluster; false when there are none (no Redis). */
  readonly clustered: boolean;
  toPeers(message: PeerMessage): void;
  /** Tells a connection of this process that its rights changed; on `none` also takes it out of the room. */
  accessChanged(socketId: string, docId: string, change: DocAccessChange): void;
}

/** A connection of this process in an open document, as the access review sees it. */
export interface JoinedConnection {
  socketId: string;
  member: AuthMember;
  access: DocAccess;
}

/**
 * Told when the last connection of this process leaves a document that was edited while it was
 * open, with the document's full state (e.g. to keep an automatic version of the session).
 */
export type EditingSessionListener = (docId: string, state: Uint8Array) => Promise<unknown>;

export interface JoinResult {
  ack: DocJoinAck;
  /** Awareness states already known, to send to the joiner. */
  awareness?: Uint8Array;
}

export interface SyncResult {
  ack: DocAck;
  /** Messages for the sender only, before the acknowledgement (the answer to a step 1). */
  replies: Uint8Array[];
}

const OK: DocAck = { ok: true };
const fail = (
  code: DocErrorCode,
  message: string,
): { ok: false; error: { code: DocErrorCode; message: string } } => ({
  ok: false,
  error: { code, message },
});

/** Updates stored per INSERT statement at most, by count and by bytes. */
const BATCH_UPDATES = 64;
const BATCH_BYTES = 1024 * 1024;

/**
 * Yjs co-editing: one Y.Doc per open document per process, fed only with updates that are
 * already stored. The write path of an update is: validate, append to PostgreSQL, apply to the
 * Y.Doc, relay to the room, acknowledge — so a crash never loses an acknowledged update.
 * Documents are loaded from the latest snapshot plus the updates after it, and compacted into a
 * new snapshot in the background (every `compactAfterUpdates` updates and when the last editor
 * of this process leaves).
 *
 * Scale-out: relays go through the socket.io adapter to every process's connections; the
 * stored updates are also sent to the other processes (`toPeers`) so their Y.Docs stay fresh.
 * A process that notices a gap in sequence numbers, and any process answering a sync step 1 in
 * a cluster, reads the missing updates from the database.
 */
@Injectable()
export class CollaborationService implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(CollaborationService.name);
  private readonly entries = new Map<string, CollabDocument>();
  private readonly loading = new Map<string, Promise<CollabDocument>>();
  /** Documents each connection joined (or is joining) on this process. */
  private readonly socketDocs = new Map<string, Set<string>>();
  private transport?: CollaborationTransport;
  private readonly sessionListeners: EditingSessionListener[] = [];
  private closing = false;
  /** Compactions and unloads in flight: shutdown waits for them while the database is still open. */
  private readonly background = new Set<Promise<unknown>>();

  /** Limits and timings; tests lower `compactAfterUpdates` to see compaction happen. */
  readonly tuning = {
    compactAfterUpdates: 500,
    /** Wait this long for a peer message before reading a gap from the database. */
    catchUpDelayMs: 100,
    maxQueuedBytes: 8 * 1024 * 1024,
    maxQueuedWrites: 2048,
  };

  constructor(
    private readonly documents: DocumentsService,
    private readonly state: DocumentStateRepository,
  ) {}

  attach(transport: CollaborationTransport): void {
    this.transport = transport;
  }

  onEditingSessionEnd(listener: EditingSessionListener): void {
    this.sessionListeners.push(listener);
  }

  /** Whether this process holds the document in memory (for tests and health). */
  isOpen(docId: string): boolean {
    return this.entries.has(docId);
  }

  isJoined(socketId: string, docId: string): boolean {
    return this.entries.get(docId)?.participants.has(socketId) ?? false;
  }

  // ---------------------------------------------------------------------------------------------
  // Joining and leaving
  // ---------------------------------------------------------------------------------------------

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
    if (this.closing) return { ack: fail('unavailable', 'the server is restarting: join again in a moment') };
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
      const known = [...entry.awareness.getStates().keys()];
      return {
        ack: { ok: true, access },
        awareness: known.length > 0 ? encodeAwarenessUpdate(entry.awareness, known) : undefined,
      };
    }
  }

  /**
   * Called once the joiner is in the document's room: in a cluster, asks the other processes to
   * resend the presence of their connections, which this process may never have heard.
   */
  joinedRoom(docId: string): void {
    this.transport?.toPeers({ kind: 'awareness-query', docId });
  }

  /** Returns whether the connection had joined the document. */
  leave(socketId: string, docId: string): boolean {
    this.forgetSocketDoc(socketId, docId);
    const entry = this.entries.get(docId);
    const participant = entry?.participants.get(socketId);
    if (!entry || !participant) return false;
    entry.participants.delete(socketId);
    this.dropAwareness(entry, participant);
    this.scheduleUnload(entry);
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
    const participant = this.entries.get(docId)?.participants.get(socketId);
    if (!participant || participant.access === access) return;
    if (access === 'none') {
      this.leave(socketId, docId);
      this.transport?.accessChanged(socketId, docId, {
        access: 'none',
        error: { code: 'forbidden', message: 'you may no longer read this document' },
      });
      return;
    }
    participant.access = access;
    this.transport?.accessChanged(socketId, docId, { access });
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
    const stored = await this.state.load(docId, 0);
    const entry = new CollabDocument(docId);
    let highest = 0;
    if (stored.snapshot) {
      if (!entry.apply(stored.snapshot.state))
        this.logger.error({ docId }, 'stored snapshot could not be applied');
      entry.snapshotSeq = stored.snapshot.upToSeq;
      highest = stored.snapshot.upToSeq;
    }
    for (const { seq, update } of stored.updates) {
      if (!entry.apply(update))
        this.logger.error({ docId, seq }, 'stored update could not be applied: skipped');
      highest = Math.max(highest, seq);
    }
    entry.advanceTo(highest);
    this.entries.set(docId, entry);
    return entry;
  }

  // ---------------------------------------------------------------------------------------------
  // Sync
  // ---------------------------------------------------------------------------------------------

  /**
   * One `doc:sync` message. Step 1 is answered with step 2 and the server's own step 1; step 2
   * and updates are stored, applied and relayed. Nothing is awaited before an update is queued,
   * so a connection's updates are stored in the order it sent them.
   */
  async sync(socketId: string, docId: string, bytes: Uint8Array): Promise<SyncResult> {
    const entry = this.entries.get(docId);
    const participant = entry?.participants.get(socketId);
    if (!entry || !participant) return { ack: fail('invalid', 'join the document first'), replies: [] };
    const message = parseSyncMessage(bytes);
    if ('error' in message) return { ack: fail('invalid', message.error), replies: [] };
    if (message.type === 'step1') {
      if (this.transport?.clustered) {
        try {
          await this.catchUp(entry);
        } catch (error) {
          this.logger.warn({ err: error, docId }, 'could not read updates of other processes');
        }
      }
      if (entry.destroyed)
        return { ack: fail('unavailable', 'the document was closed: join again'), replies: [] };
      return {
        ack: OK,
        replies: [encodeSyncStep2(entry.doc, message.stateVector), encodeSyncStep1(entry.doc)],
      };
    }
    return {
      ack: await this.submit(entry, participant, message.update, message.type === 'step2'),
      replies: [],
    };
  }

  /** Whether the document already holds everything the update carries (then there is nothing to store). */
  private holds(entry: CollabDocument, update: Uint8Array): boolean {
    try {
      return Y.snapshotContainsUpdate(Y.snapshot(entry.doc), update);
    } catch {
      return false;
    }
  }

  private submit(
    entry: CollabDocument,
    participant: Participant,
    update: Uint8Array,
    isStep2: boolean,
  ): DocAck | Promise<DocAck> {
    // A step 2 often carries nothing new (a reader's always should): accept it without storing.
    if ((isStep2 || participant.access !== 'write') && this.holds(entry, update)) return OK;
    if (participant.access !== 'write')
      return fail('forbidden', 'you may read this document but not change it');
    if (this.closing)
      return fail('unavailable', 'the server is restarting: send the update again after reconnecting');
    if (
      entry.queue.length >= this.tuning.maxQueuedWrites ||
      entry.queuedBytes + update.length > this.tuning.maxQueuedBytes
    ) {
      return fail('unavailable', 'too many updates are waiting to be stored: send it again shortly');
    }
    return new Promise<DocAck>((resolve) => {
      entry.queue.push({ update, memberId: participant.memberId, socketId: participant.socketId, resolve });
      entry.queuedBytes += update.length;
      if (!entry.writing) void this.drain(entry);
    });
  }

  /** Stores queued updates in batches; each is applied, relayed and acknowledged only once stored. */
  private async drain(entry: CollabDocument): Promise<void> {
    entry.writing = true;
    try {
      while (entry.queue.length > 0) {
        const batch = this.takeBatch(entry);
        let seqs: number[] = [];
        try {
          seqs = await this.state.append(
            entry.id,
            batch.map((write) => ({ update: write.update, memberId: write.memberId })),
          );
        } catch (error) {
          this.logger.error({ err: error, docId: entry.id }, 'could not store document updates');
        }
        if (seqs.length !== batch.length) {
          for (const write of batch)
            write.resolve(fail('unavailable', 'the update could not be stored: send it again'));
          continue;
        }
        entry.edited = true;
        batch.forEach((write, i) => {
          if (!entry.apply(write.update))
            this.logger.error({ docId: entry.id, seq: seqs[i] }, 'stored update could not be applied');
          entry.markApplied(seqs[i]);
          this.transport?.toRoom(entry.id, 'doc:sync', encodeUpdateMessage(write.update), write.socketId);
          write.resolve(OK);
        });
        this.transport?.toPeers({
          kind: 'updates',
          docId: entry.id,
          seqs,
          updates: batch.map((w) => w.update),
        });
        if (entry.hasGap) this.scheduleCatchUp(entry);
        if (entry.tailLength >= this.tuning.compactAfterUpdates) this.track(this.compact(entry));
      }
    } finally {
      entry.writing = false;
      entry.notifyDrained();
    }
  }

  private takeBatch(entry: CollabDocument): PendingWrite[] {
    let bytes = 0;
    let count = 0;
    while (count < entry.queue.length && count < BATCH_UPDATES) {
      const size = entry.queue[count].update.length;
      if (count > 0 && bytes + size > BATCH_BYTES) break;
      bytes += size;
      count += 1;
    }
    entry.queuedBytes -= bytes;
    return entry.queue.splice(0, count);
  }

  // ---------------------------------------------------------------------------------------------
  // Awareness
  // ---------------------------------------------------------------------------------------------

  /** One `doc:awareness` message: checked whole, applied to the server's awareness, relayed. */
  awareness(socketId: string, docId: string, bytes: Uint8Array): DocAck {
    const entry = this.entries.get(docId);
    const participant = entry?.participants.get(socketId);
    if (!entry || !participant) return fail('invalid', 'join the document first');
    const limit = DOC_LIMITS.awarenessClientsPerConnection;
    const parsed = parseAwarenessUpdate(bytes, limit);
    if ('error' in parsed) return fail('invalid', parsed.error);
    const added = new Set<number>();
    for (const { clientId } of parsed) {
      const owner = entry.awarenessOwners.get(clientId);
      if (owner !== undefined && owner !== socketId)
        return fail('forbidden', `awareness client ${clientId} belongs to another connection`);
      if (!participant.awarenessClients.has(clientId)) added.add(clientId);
    }
    if (participant.awarenessClients.size + added.size > limit)
      return fail('invalid', `a connection may speak for at most ${limit} awareness clients per document`);
    try {
      applyAwarenessUpdate(entry.awareness, bytes, socketId);
    } catch {
      return fail('invalid', 'not a y-protocols awareness update');
    }
    for (const { clientId, state } of parsed) {
      if (state === null) {
        entry.awarenessOwners.delete(clientId);
        participant.awarenessClients.delete(clientId);
      } else {
        entry.awarenessOwners.set(clientId, socketId);
        participant.awarenessClients.add(clientId);
      }
    }
    this.transport?.toRoom(docId, 'doc:awareness', bytes, socketId);
    this.transport?.toPeers({ kind: 'awareness', docId, message: bytes });
    return OK;
  }

  /** Removes a leaving connection's presence and tells the room (and the other processes). */
  private dropAwareness(entry: CollabDocument, participant: Participant): void {
    const clients = [...participant.awarenessClients].filter((id) => entry.awareness.meta.has(id));
    for (const id of participant.awarenessClients) entry.awarenessOwners.delete(id);
    participant.awarenessClients.clear();
    if (clients.length === 0) return;
    removeAwarenessStates(entry.awareness, clients, 'leave');
    const message = encodeAwarenessUpdate(entry.awareness, clients);
    this.transport?.toRoom(entry.id, 'doc:awareness', message);
    this.transport?.toPeers({ kind: 'awareness', docId: entry.id, message });
  }

  // ---------------------------------------------------------------------------------------------
  // Other processes
  // ---------------------------------------------------------------------------------------------

  /** What another process stored or heard: applied here when this process holds the document. */
  onPeerMessage(message: PeerMessage): void {
    const entry = this.entries.get(message.docId);
    if (!entry || entry.destroyed) return;
    if (message.kind === 'awareness-query') {
      const own = [...entry.awarenessOwners.keys()].filter((id) => entry.awareness.getStates().has(id));
      if (own.length === 0) return;
      const states = encodeAwarenessUpdate(entry.awareness, own);
      this.transport?.toRoom(entry.id, 'doc:awareness', states);
      this.transport?.toPeers({ kind: 'awareness', docId: entry.id, message: states });
      return;
    }
    if (message.kind === 'awareness') {
      try {
        applyAwarenessUpdate(entry.awareness, message.message, 'peer');
      } catch (error) {
        this.logger.warn({ err: error, docId: message.docId }, 'malformed awareness from a peer');
      }
      return;
    }
    message.seqs.forEach((seq, i) => {
      if (entry.isApplied(seq)) return;
      if (!entry.apply(message.updates[i]))
        this.logger.error({ docId: entry.id, seq }, 'peer update could not be applied');
      entry.markApplied(seq);
    });
    if (entry.hasGap) this.scheduleCatchUp(entry);
  }

  private scheduleCatchUp(entry: CollabDocument): void {
    if (entry.catchUpTimer || entry.destroyed) return;
    entry.catchUpTimer = setTimeout(() => {
      entry.catchUpTimer = undefined;
      if (!entry.hasGap || entry.destroyed) return;
      this.catchUp(entry).catch((error: unknown) =>
        this.logger.warn({ err: error, docId: entry.id }, 'could not read missing updates'),
      );
    }, this.tuning.catchUpDelayMs);
    entry.catchUpTimer.unref();
  }

  /** Reads what the database has after this process's watermark and applies what is missing. */
  private catchUp(entry: CollabDocument): Promise<void> {
    if (entry.catchingUp) return entry.catchingUp;
    const run = (async () => {
      const stored = await this.state.load(entry.id, entry.appliedThrough);
      if (entry.destroyed) return;
      let highest = entry.appliedThrough;
      if (stored.snapshot) {
        entry.apply(stored.snapshot.state);
        entry.snapshotSeq = Math.max(entry.snapshotSeq, stored.snapshot.upToSeq);
        highest = Math.max(highest, stored.snapshot.upToSeq);
      }
      for (const { seq, update } of stored.updates) {
        if (!entry.isApplied(seq)) entry.apply(update);
        highest = Math.max(highest, seq);
      }
      // Sequence numbers commit in order: everything up to the highest one read is now held.
      entry.advanceTo(highest);
    })();
    entry.catchingUp = run.finally(() => {
      entry.catchingUp = undefined;
    });
    return entry.catchingUp;
  }

  // ---------------------------------------------------------------------------------------------
  // Compaction and unloading
  // ---------------------------------------------------------------------------------------------

  /**
   * Merges every update this process holds up to its watermark into a new snapshot and deletes
   * them. The state is encoded in the same tick the watermark is read, so it holds every update
   * it claims to cover; the repository keeps the furthest snapshot if processes race.
   */
  async compact(entry: CollabDocument): Promise<void> {
    if (entry.compacting || entry.destroyed || this.closing) return;
    const upTo = entry.appliedThrough;
    if (upTo <= entry.snapshotSeq) return;
    const state = Y.encodeStateAsUpdate(entry.doc);
    entry.compacting = true;
    try {
      await this.state.compact(entry.id, upTo, state);
      entry.snapshotSeq = Math.max(entry.snapshotSeq, upTo);
    } catch (error) {
      this.logger.warn({ err: error, docId: entry.id }, 'could not compact document updates');
    } finally {
      entry.compacting = false;
    }
  }

  /** Test hook and operator aid: compacts an open document now. */
  async compactNow(docId: string): Promise<void> {
    const entry = this.entries.get(docId);
    if (!entry) return;
    await entry.drained();
    await this.compact(entry);
  }

  private scheduleUnload(entry: CollabDocument): void {
    if (entry.participants.size > 0 || entry.unloading || entry.destroyed) return;
    entry.unloading = true;
    this.track(
      this.unload(entry).finally(() => {
        entry.unloading = false;
      }),
    );
  }

  private track(task: Promise<unknown>): void {
    const settled = task.catch((error: unknown) =>
      this.logger.error({ err: error }, 'background task failed'),
    );
    this.background.add(settled);
    void settled.finally(() => this.background.delete(settled));
  }

  /** The last editor on this process left: store what is pending, compact, and free the memory. */
  private async unload(entry: CollabDocument): Promise<void> {
    await entry.drained();
    await entry.catchingUp?.catch(() => undefined);
    if (entry.participants.size > 0) return;
    await this.compact(entry);
    if (entry.participants.size > 0 || !entry.idle || entry.destroyed) return;
    this.entries.delete(entry.id);
    // While shutting down the database is about to close: the edits are stored, the session's
    // automatic version is what gets skipped.
    const state = entry.edited && !this.closing ? Y.encodeStateAsUpdate(entry.doc) : undefined;
    entry.destroy();
    if (!state) return;
    // Awaited, so shutdown (which waits for background tasks) lets them finish.
    await Promise.all(
      this.sessionListeners.map((listener) =>
        listener(entry.id, state).catch((error: unknown) =>
          this.logger.error({ err: error, docId: entry.id }, 'editing-session listener failed'),
        ),
      ),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Server-side readers and writers (versions, comments)
  // ---------------------------------------------------------------------------------------------

  /** An open, live entry (loading it when needed) that no unload can destroy while `work` runs. */
  private async withEntry<T>(docId: string, work: (entry: CollabDocument) => Promise<T>): Promise<T> {
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

  /** Reads the document's current content (every stored update applied) without changing it. */
  read<T>(docId: string, reader: (doc: Y.Doc) => T): Promise<T> {
    return this.withEntry(docId, async (entry) => {
      await entry.drained();
      return reader(entry.doc);
    });
  }

  /**
   * A change computed by the server on the live document (e.g. restoring a version), going
   * through the normal write path: stored, applied, relayed to the whole room and to the other
   * processes. `change` returns the Yjs update to apply, or null for nothing to do.
   */
  applyServerChange(
    docId: string,
    memberId: string,
    change: (doc: Y.Doc) => Uint8Array | null,
  ): Promise<DocAck> {
    return this.withEntry(docId, async (entry) => {
      await entry.drained();
      if (this.closing) return fail('unavailable', 'the server is restarting: try again in a moment');
      const update = change(entry.doc);
      if (!update) return OK;
      return new Promise<DocAck>((resolve) => {
        entry.queue.push({ update, memberId, socketId: '', resolve });
        entry.queuedBytes += update.length;
        if (!entry.writing) void this.drain(entry);
      });
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Shutdown
  // ---------------------------------------------------------------------------------------------

  /**
   * Refuses new writes and starts no compaction, then lets queued writes and running compactions
   * reach the database (a few seconds at most) before it closes.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...[...this.entries.values()].map((entry) => entry.drained()), ...this.background]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, 5_000);
      }),
    ]);
    clearTimeout(timer);
  }

  onApplicationShutdown(): void {
    for (const entry of this.entries.values()) entry.destroy();
    this.entries.clear();
    this.socketDocs.clear();
  }
}
