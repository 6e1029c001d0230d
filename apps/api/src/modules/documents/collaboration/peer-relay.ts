import { Injectable, Logger } from '@nestjs/common';
import { DocumentStateRepository } from '../document-state.repository';
import { AwarenessRelay } from './awareness-relay';
import type { CollabDocument } from './collab-document';
import { CollaborationLink, type PeerMessage } from './collaboration-transport';
import { CollaborationTuning } from './collaboration-tuning';
import { EditingSessions } from './editing-sessions';

/*
 * Keeping this process's copy of a document in step with the other API processes. Every process
 * stores updates in the same log but applies to its own Y.Doc only what it stored or heard of,
 * so stored updates are announced to the others, and a process that sees a gap in sequence
 * numbers (a message lost or late) or must answer a sync step 1 in a cluster reads what it
 * misses from the database. Peer messages are a shortcut; the database is the truth.
 */
@Injectable()
export class PeerRelay {
  private readonly logger = new Logger(PeerRelay.name);

  constructor(
    private readonly sessions: EditingSessions,
    private readonly awareness: AwarenessRelay,
    private readonly state: DocumentStateRepository,
    private readonly link: CollaborationLink,
    private readonly tuning: CollaborationTuning,
  ) {}

  /** What another process stored or heard: applied here when this process holds the document. */
  receive(message: PeerMessage): void {
    const entry = this.sessions.get(message.docId);
    if (!entry || entry.destroyed) return;
    if (message.kind === 'awareness-query') return this.awareness.answerPeers(entry);
    if (message.kind === 'awareness') return this.awareness.fromPeer(entry, message.message);
    message.seqs.forEach((seq, i) => {
      if (entry.isApplied(seq)) return;
      if (!entry.apply(message.updates[i]))
        this.logger.error({ docId: entry.id, seq }, 'peer update could not be applied');
      entry.markApplied(seq);
    });
    if (entry.hasGap) this.scheduleCatchUp(entry);
  }

  /** Updates this process just stored and applied: told to the others; a gap seen meanwhile is read. */
  stored(entry: CollabDocument, seqs: number[], updates: Uint8Array[]): void {
    this.link.toPeers({ kind: 'updates', docId: entry.id, seqs, updates });
    if (entry.hasGap) this.scheduleCatchUp(entry);
  }

  /** Before answering a sync step 1 in a cluster: reads what the other processes stored. */
  async freshen(entry: CollabDocument): Promise<void> {
    if (!this.link.clustered) return;
    try {
      await this.catchUp(entry);
    } catch (error) {
      this.logger.warn({ err: error, docId: entry.id }, 'could not read updates of other processes');
    }
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
      entry.applyStored(stored);
    })();
    entry.catchingUp = run.finally(() => {
      entry.catchingUp = undefined;
    });
    return entry.catchingUp;
  }
}
