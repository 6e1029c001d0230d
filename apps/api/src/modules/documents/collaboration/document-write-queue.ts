import { Injectable, Logger } from '@nestjs/common';
import type { DocAck } from '@convergo/contracts';
import * as Y from 'yjs';
import { DocumentStateRepository } from '../document-state.repository';
import type { CollabDocument, Participant, PendingWrite } from './collab-document';
import { CollaborationLink } from './collaboration-transport';
import { CollaborationTuning } from './collaboration-tuning';
import { DocumentCompactor } from './document-compactor';
import { fail, OK } from './doc-ack';
import { PeerRelay } from './peer-relay';
import { ShutdownGate } from './shutdown-gate';
import { encodeUpdateMessage } from './yjs-protocol';

/*
 * The only way an update reaches a document: queued in the order it arrived, stored in
 * PostgreSQL, and only then applied to the Y.Doc, relayed to the room and to the other
 * processes, and acknowledged — so a crash never loses an acknowledged update and no one sees
 * an edit that was not stored. The queue is bounded per document, so a flood is refused with a
 * retryable error instead of filling memory.
 */

/** Updates stored per INSERT statement at most, by count and by bytes. */
const BATCH_UPDATES = 64;
const BATCH_BYTES = 1024 * 1024;

@Injectable()
export class DocumentWriteQueue {
  private readonly logger = new Logger(DocumentWriteQueue.name);

  constructor(
    private readonly state: DocumentStateRepository,
    private readonly link: CollaborationLink,
    private readonly peers: PeerRelay,
    private readonly compactor: DocumentCompactor,
    private readonly gate: ShutdownGate,
    private readonly tuning: CollaborationTuning,
  ) {}

  /**
   * An update (or sync step 2) from a connection. Nothing is awaited before it is queued, so a
   * connection's updates are stored in the order it sent them.
   */
  submit(
    entry: CollabDocument,
    participant: Participant,
    update: Uint8Array,
    isStep2: boolean,
  ): DocAck | Promise<DocAck> {
    // A step 2 often carries nothing new (a reader's always should): accept it without storing.
    if ((isStep2 || participant.access !== 'write') && this.holds(entry, update)) return OK;
    if (participant.access !== 'write')
      return fail('forbidden', 'you may read this document but not change it');
    if (this.gate.closing)
      return fail('unavailable', 'the server is restarting: send the update again after reconnecting');
    if (
      entry.queue.length >= this.tuning.maxQueuedWrites ||
      entry.queuedBytes + update.length > this.tuning.maxQueuedBytes
    ) {
      return fail('unavailable', 'too many updates are waiting to be stored: send it again shortly');
    }
    return this.enqueue(entry, { update, memberId: participant.memberId, socketId: participant.socketId });
  }

  /**
   * A change computed by the server on the live document (e.g. restoring a version), once the
   * writes before it are stored; relayed to the whole room. `change` returns the Yjs update to
   * apply, or null for nothing to do.
   */
  async serverChange(
    entry: CollabDocument,
    memberId: string,
    change: (doc: Y.Doc) => Uint8Array | null,
  ): Promise<DocAck> {
    await entry.drained();
    if (this.gate.closing) return fail('unavailable', 'the server is restarting: try again in a moment');
    const update = change(entry.doc);
    if (!update) return OK;
    return this.enqueue(entry, { update, memberId, socketId: '' });
  }

  /** Whether the document already holds everything the update carries (then there is nothing to store). */
  private holds(entry: CollabDocument, update: Uint8Array): boolean {
    try {
      return Y.snapshotContainsUpdate(Y.snapshot(entry.doc), update);
    } catch {
      return false;
    }
  }

  private enqueue(entry: CollabDocument, write: Omit<PendingWrite, 'resolve'>): Promise<DocAck> {
    return new Promise<DocAck>((resolve) => {
      entry.queue.push({ ...write, resolve });
      entry.queuedBytes += write.update.length;
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
          this.link.toRoom(entry.id, 'doc:sync', encodeUpdateMessage(write.update), write.socketId);
          write.resolve(OK);
        });
        this.peers.stored(
          entry,
          seqs,
          batch.map((w) => w.update),
        );
        this.compactor.compactWhenLong(entry);
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
}
