import { type BeforeApplicationShutdown, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { DocAccess, DocAck } from '@convergo/contracts';
import type * as Y from 'yjs';
import type { AuthMember } from '../../auth/auth-member';
import { AwarenessRelay } from './awareness-relay';
import type { CollabDocument } from './collab-document';
import { CollaborationLink, type CollaborationTransport, type PeerMessage } from './collaboration-transport';
import { CollaborationTuning } from './collaboration-tuning';
import { DocumentCompactor } from './document-compactor';
import { DocumentWriteQueue } from './document-write-queue';
import { fail, OK } from './doc-ack';
import { EditingSessions, type JoinedConnection, type JoinResult } from './editing-sessions';
import { PeerRelay } from './peer-relay';
import { ShutdownGate } from './shutdown-gate';
import { encodeSyncStep1, encodeSyncStep2, parseSyncMessage } from './yjs-protocol';

/*
 * The face of Yjs co-editing for the socket handlers, versions, comments, export and the access review:
 * it routes each message to the part that owns it (sessions, write queue, awareness, peer relay,
 * compaction) and owns the order of shutdown, the one thing that spans all of them.
 *
 * One Y.Doc per open document per process, fed only with updates that are already stored. The
 * write path of an update is: validate, append to PostgreSQL, apply to the Y.Doc, relay to the
 * room, acknowledge — so a crash never loses an acknowledged update. Documents are loaded from
 * the latest snapshot plus the updates after it, and compacted into a new snapshot in the
 * background (every `compactAfterUpdates` updates and when the last editor of this process
 * leaves).
 *
 * Scale-out: relays go through the socket.io adapter to every process's connections; the
 * stored updates are also sent to the other processes (`toPeers`) so their Y.Docs stay fresh.
 * A process that notices a gap in sequence numbers, and any process answering a sync step 1 in
 * a cluster, reads the missing updates from the database.
 */

export interface SyncResult {
  ack: DocAck;
  /** Messages for the sender only, before the acknowledgement (the answer to a step 1). */
  replies: Uint8Array[];
}

@Injectable()
export class CollaborationService implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly sessions: EditingSessions,
    private readonly writes: DocumentWriteQueue,
    private readonly awarenessRelay: AwarenessRelay,
    private readonly peers: PeerRelay,
    private readonly compactor: DocumentCompactor,
    private readonly link: CollaborationLink,
    private readonly gate: ShutdownGate,
    /** Limits and timings; tests lower `compactAfterUpdates` to see compaction happen. */
    readonly tuning: CollaborationTuning,
  ) {}

  attach(transport: CollaborationTransport): void {
    this.link.attach(transport);
  }

  /** Whether this process holds the document in memory (for tests and health). */
  isOpen(docId: string): boolean {
    return this.sessions.get(docId) !== undefined;
  }

  isJoined(socketId: string, docId: string): boolean {
    return this.sessions.joined(socketId, docId) !== undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Connections (the socket handlers and the access review)
  // ---------------------------------------------------------------------------------------------

  join(member: AuthMember, socketId: string, docId: string): Promise<JoinResult> {
    return this.sessions.join(member, socketId, docId);
  }

  /**
   * Called once the joiner is in the document's room: in a cluster, asks the other processes to
   * resend the presence of their connections, which this process may never have heard.
   */
  joinedRoom(docId: string): void {
    this.awarenessRelay.askPeers(docId);
  }

  /** Returns whether the connection had joined the document. */
  leave(socketId: string, docId: string): boolean {
    return this.sessions.leave(socketId, docId);
  }

  disconnected(socketId: string): void {
    this.sessions.disconnected(socketId);
  }

  /** Every connection of this process in every open document, for the periodic access review. */
  joinedConnections(): Map<string, JoinedConnection[]> {
    return this.sessions.joinedConnections();
  }

  /**
   * Applies rights found to have changed since the connection joined: a writer demoted to reader
   * has its next updates refused; one who may no longer read is removed from the document.
   */
  changeAccess(socketId: string, docId: string, access: DocAccess | 'none'): void {
    this.sessions.changeAccess(socketId, docId, access);
  }

  /**
   * One `doc:sync` message. Step 1 is answered with step 2 and the server's own step 1; step 2
   * and updates go to the write queue.
   */
  async sync(socketId: string, docId: string, bytes: Uint8Array): Promise<SyncResult> {
    const joined = this.sessions.joined(socketId, docId);
    if (!joined) return { ack: fail('invalid', 'join the document first'), replies: [] };
    const message = parseSyncMessage(bytes);
    if ('error' in message) return { ack: fail('invalid', message.error), replies: [] };
    if (message.type === 'step1') return this.answerStep1(joined.entry, message.stateVector);
    return {
      ack: await this.writes.submit(
        joined.entry,
        joined.participant,
        message.update,
        message.type === 'step2',
      ),
      replies: [],
    };
  }

  private async answerStep1(entry: CollabDocument, stateVector: Uint8Array): Promise<SyncResult> {
    await this.peers.freshen(entry);
    if (entry.destroyed)
      return { ack: fail('unavailable', 'the document was closed: join again'), replies: [] };
    return { ack: OK, replies: [encodeSyncStep2(entry.doc, stateVector), encodeSyncStep1(entry.doc)] };
  }

  /** One `doc:awareness` message. */
  awareness(socketId: string, docId: string, bytes: Uint8Array): DocAck {
    const joined = this.sessions.joined(socketId, docId);
    if (!joined) return fail('invalid', 'join the document first');
    return this.awarenessRelay.receive(joined.entry, joined.participant, bytes);
  }

  /** What another process stored or heard: applied here when this process holds the document. */
  onPeerMessage(message: PeerMessage): void {
    this.peers.receive(message);
  }

  // ---------------------------------------------------------------------------------------------
  // Server-side readers and writers (versions, comments, export)
  // ---------------------------------------------------------------------------------------------

  /** Reads the document's current content (every stored update applied) without changing it. */
  read<T>(docId: string, reader: (doc: Y.Doc) => T): Promise<T> {
    return this.sessions.hold(docId, async (entry) => {
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
    return this.sessions.hold(docId, (entry) => this.writes.serverChange(entry, memberId, change));
  }

  /** Test hook and operator aid: compacts an open document now. */
  async compactNow(docId: string): Promise<void> {
    const entry = this.sessions.get(docId);
    if (!entry) return;
    await entry.drained();
    await this.compactor.compact(entry);
  }

  // ---------------------------------------------------------------------------------------------
  // Shutdown
  // ---------------------------------------------------------------------------------------------

  /**
   * Refuses new joins and writes and starts no compaction, then lets queued writes and running
   * compactions and unloads reach the database (a few seconds at most) before it closes.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.gate.close(this.sessions.drained());
  }

  /** The database is closed: frees every open document (and the timers that keep the process up). */
  onApplicationShutdown(): void {
    this.sessions.destroyAll();
  }
}
