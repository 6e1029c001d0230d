import { Injectable, Logger } from '@nestjs/common';
import { DOC_LIMITS, type DocAck } from '@convergo/contracts';
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type { CollabDocument, Participant } from './collab-document';
import { CollaborationLink } from './collaboration-transport';
import { fail, OK } from './doc-ack';
import { parseAwarenessUpdate } from './yjs-protocol';

/*
 * Presence (cursors, names) of an open document. It is never stored, but the server keeps its
 * own copy so a joiner sees who is already there, and it polices ownership: a connection speaks
 * only for the awareness clients it introduced, within a limit, and its presence is removed
 * for everyone when it leaves. Other processes get every change and, when someone joins there,
 * resend the presence of their own connections.
 */
@Injectable()
export class AwarenessRelay {
  private readonly logger = new Logger(AwarenessRelay.name);

  constructor(private readonly link: CollaborationLink) {}

  /** One `doc:awareness` message: checked whole, applied to the server's awareness, relayed. */
  receive(entry: CollabDocument, participant: Participant, bytes: Uint8Array): DocAck {
    const socketId = participant.socketId;
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
    this.broadcast(entry.id, bytes, socketId);
    return OK;
  }

  /** Every presence the server knows, for a joiner; undefined when there is none. */
  known(entry: CollabDocument): Uint8Array | undefined {
    const known = [...entry.awareness.getStates().keys()];
    return known.length > 0 ? encodeAwarenessUpdate(entry.awareness, known) : undefined;
  }

  /** Removes a leaving connection's presence and tells the room (and the other processes). */
  drop(entry: CollabDocument, participant: Participant): void {
    const clients = [...participant.awarenessClients].filter((id) => entry.awareness.meta.has(id));
    for (const id of participant.awarenessClients) entry.awarenessOwners.delete(id);
    participant.awarenessClients.clear();
    if (clients.length === 0) return;
    removeAwarenessStates(entry.awareness, clients, 'leave');
    this.broadcast(entry.id, encodeAwarenessUpdate(entry.awareness, clients));
  }

  /**
   * Called once a joiner is in the document's room: in a cluster, asks the other processes to
   * resend the presence of their connections, which this process may never have heard.
   */
  askPeers(docId: string): void {
    this.link.toPeers({ kind: 'awareness-query', docId });
  }

  /** Another process's joiner asked: resends the presence of this process's own connections. */
  answerPeers(entry: CollabDocument): void {
    const own = [...entry.awarenessOwners.keys()].filter((id) => entry.awareness.getStates().has(id));
    if (own.length === 0) return;
    this.broadcast(entry.id, encodeAwarenessUpdate(entry.awareness, own));
  }

  /** Presence another process heard: kept here too (its room already got it from there). */
  fromPeer(entry: CollabDocument, message: Uint8Array): void {
    try {
      applyAwarenessUpdate(entry.awareness, message, 'peer');
    } catch (error) {
      this.logger.warn({ err: error, docId: entry.id }, 'malformed awareness from a peer');
    }
  }

  private broadcast(docId: string, message: Uint8Array, exceptSocketId?: string): void {
    this.link.toRoom(docId, 'doc:awareness', message, exceptSocketId);
    this.link.toPeers({ kind: 'awareness', docId, message });
  }
}
