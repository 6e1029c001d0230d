import type { DocAccess, DocAck } from '@convergo/contracts';
import type { AuthMember } from '../../auth/auth-member';
import type { StoredState } from '../document-state.repository';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';

/** Origin of every update this process applies, so Yjs observers can tell them from local edits. */
export const STORED_ORIGIN = 'convergo:stored';

/** One connection that joined the document on this process. */
export interface Participant {
  socketId: string;
  memberId: string;
  /** The member as authenticated at the handshake; absent for the server's own holds. */
  member?: AuthMember;
  access: DocAccess;
  /** Awareness client ids this connection speaks for. */
  awarenessClients: Set<number>;
}

/** An update waiting to be stored, then applied, relayed and acknowledged. */
export interface PendingWrite {
  update: Uint8Array;
  memberId: string;
  socketId: string;
  resolve(ack: DocAck): void;
}

/**
 * A document open on this process: its Y.Doc, the awareness of who is here, who joined, the
 * writes waiting for the database, and which stored updates the Y.Doc already holds.
 *
 * `appliedThrough` is a watermark: every stored update with seq <= appliedThrough is in the
 * Y.Doc. Updates applied out of order (another process stored the one in between) wait in
 * `appliedAbove` until the gap is filled, from a peer message or from the database.
 */
export class CollabDocument {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly participants = new Map<string, Participant>();
  /** Awareness client id → the connection that speaks for it. */
  readonly awarenessOwners = new Map<number, string>();

  appliedThrough = 0;
  private readonly appliedAbove = new Set<number>();
  /** The stored snapshot covers updates up to here. */
  snapshotSeq = 0;

  readonly queue: PendingWrite[] = [];
  queuedBytes = 0;
  writing = false;
  private drainWaiters: (() => void)[] = [];

  compacting = false;
  catchingUp?: Promise<void>;
  catchUpTimer?: NodeJS.Timeout;
  unloading = false;
  destroyed = false;
  /** Whether any update was stored through this process since the document was loaded. */
  edited = false;
  /** Updates that could not be applied (kept in the database, skipped here). */
  failedApplies = 0;

  constructor(readonly id: string) {
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
  }

  /** Applies a stored update; false when Yjs refused it (the document keeps its state). */
  apply(update: Uint8Array): boolean {
    try {
      Y.applyUpdate(this.doc, update, STORED_ORIGIN);
      return true;
    } catch {
      this.failedApplies += 1;
      return false;
    }
  }

  isApplied(seq: number): boolean {
    return seq <= this.appliedThrough || this.appliedAbove.has(seq);
  }

  markApplied(seq: number): void {
    if (seq <= this.appliedThrough) return;
    this.appliedAbove.add(seq);
    while (this.appliedAbove.delete(this.appliedThrough + 1)) this.appliedThrough += 1;
  }

  /** The database says nothing up to `seq` is missing any more (read in one statement). */
  advanceTo(seq: number): void {
    if (seq <= this.appliedThrough) return;
    this.appliedThrough = seq;
    for (const above of this.appliedAbove) if (above <= seq) this.appliedAbove.delete(above);
    while (this.appliedAbove.delete(this.appliedThrough + 1)) this.appliedThrough += 1;
  }

  /**
   * Applies content read from the database after this document's watermark: the snapshot, then
   * each update not held yet. Sequence numbers commit in order, so everything up to the highest
   * one read is held afterwards. Returns what Yjs refused, for the caller to report.
   */
  applyStored(stored: StoredState): { snapshotRefused: boolean; refusedSeqs: number[] } {
    let highest = this.appliedThrough;
    let snapshotRefused = false;
    const refusedSeqs: number[] = [];
    if (stored.snapshot) {
      snapshotRefused = !this.apply(stored.snapshot.state);
      this.snapshotSeq = Math.max(this.snapshotSeq, stored.snapshot.upToSeq);
      highest = Math.max(highest, stored.snapshot.upToSeq);
    }
    for (const { seq, update } of stored.updates) {
      if (!this.isApplied(seq) && !this.apply(update)) refusedSeqs.push(seq);
      highest = Math.max(highest, seq);
    }
    this.advanceTo(highest);
    return { snapshotRefused, refusedSeqs };
  }

  get hasGap(): boolean {
    return this.appliedAbove.size > 0;
  }

  /** Highest stored seq this Y.Doc holds (it may miss some below it while `hasGap`). */
  get highestApplied(): number {
    let highest = this.appliedThrough;
    for (const seq of this.appliedAbove) highest = Math.max(highest, seq);
    return highest;
  }

  /** Stored updates not yet merged into the snapshot, as far as this process knows. */
  get tailLength(): number {
    return this.highestApplied - this.snapshotSeq;
  }

  get idle(): boolean {
    return !this.writing && this.queue.length === 0;
  }

  /** Resolves once no write is waiting or in flight. */
  drained(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  notifyDrained(): void {
    if (!this.idle) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Frees the Y.Doc and stops the awareness timer (which would otherwise keep the process alive). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.catchUpTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
