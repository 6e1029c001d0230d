import { Injectable, Logger } from '@nestjs/common';
import * as Y from 'yjs';
import { DocumentStateRepository } from '../document-state.repository';
import type { CollabDocument } from './collab-document';
import { CollaborationTuning } from './collaboration-tuning';
import { ShutdownGate } from './shutdown-gate';

/*
 * Merging a document's stored updates into one snapshot, and when to do it. Loading replays the
 * snapshot plus every update after it, so the log must not grow without bound; compaction runs
 * in the background and races harmlessly with other processes because the repository keeps the
 * furthest snapshot.
 */
@Injectable()
export class DocumentCompactor {
  private readonly logger = new Logger(DocumentCompactor.name);

  constructor(
    private readonly state: DocumentStateRepository,
    private readonly tuning: CollaborationTuning,
    private readonly gate: ShutdownGate,
  ) {}

  /** After stored writes: starts a compaction in the background once the tail is long enough. */
  compactWhenLong(entry: CollabDocument): void {
    if (entry.tailLength >= this.tuning.compactAfterUpdates) this.gate.track(this.compact(entry));
  }

  /**
   * Merges every update this process holds up to its watermark into a new snapshot and deletes
   * them. The state is encoded in the same tick the watermark is read, so it holds every update
   * it claims to cover; the repository keeps the furthest snapshot if processes race.
   */
  async compact(entry: CollabDocument): Promise<void> {
    if (entry.compacting || entry.destroyed || this.gate.closing) return;
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
}
