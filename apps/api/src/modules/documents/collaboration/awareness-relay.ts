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
/**
 * A connection's presence reaches the others at most this often; the latest state always goes
 * out (trailing). socket.io's connection state recovery keeps every broadcast of the last two
 * minutes for replay, so an unthrottled flood of awareness updates grew memory by gigabytes.
 */
export const AWARENESS_RELAY_INTERVAL_MS = 100;

interface PendingRelay {
  entry: CollabDocument;
  socketId: string;
  clients: Set<number>;
  timer: NodeJS.Timeout;
}

@Injectable()
export class AwarenessRelay {
  private readonly logger = new Logger(AwarenessRelay.name);
  /** Per document and connection: when its presence was last relayed, and what waits to be. */
  private readonly lastRelayed = new Map<string, number>();
  private readonly pending = new Map<string, PendingRelay>();

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
    this.relay(
      entry,
      socketId,
      parsed.map(({ clientId }) => clientId),
    );
    return OK;
  }

  /** Relays now when the connection has been quiet for an interval, else once the interval ends, with the state then. */
  private relay(entry: CollabDocument, socketId: string, clients: number[]): void {
    const key = `${entry.id} ${socketId}`;
    const waiting = this.pending.get(key);
    if (waiting) {
      for (const id of clients) waiting.clients.add(id);
      return;
    }
    const wait = (this.lastRelayed.get(key) ?? 0) + AWARENESS_RELAY_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      this.send(key, entry, socketId, clients);
      return;
    }
    const timer = setTimeout(() => {
      const due = this.pending.get(key);
      this.pending.delete(key);
      if (due) this.send(key, due.entry, due.socketId, [...due.clients]);
    }, wait);
    timer.unref();
    this.pending.set(key, { entry, socketId, clients: new Set(clients), timer });
  }

  private send(key: string, entry: CollabDocument, socketId: string, clients: number[]): void {
    const known = clients.filter((id) => entry.awareness.meta.has(id));
    this.lastRelayed.set(key, Date.now());
    if (known.length > 0) this.broadcast(entry.id, encodeAwarenessUpdate(entry.awareness, known), socketId);
  }

  private forget(entry: CollabDocument, socketId: string): void {
    const key = `${entry.id} ${socketId}`;
    clearTimeout(this.pending.get(key)?.timer);
    this.pending.delete(key);
    this.lastRelayed.delete(key);
  }

  /** Every presence the server knows, for a joiner; undefined when there is none. */
  known(entry: CollabDocument): Uint8Array | undefined {
    const known = [...entry.awareness.getStates().keys()];
    return known.length > 0 ? encodeAwarenessUpdate(entry.awareness, known) : undefined;
  }

  /** Removes a leaving connection's presence and tells the room (and the other processes). */
  drop(entry: CollabDocument, participant: Participant): void {
    // The removal below supersedes whatever presence of this connection was still waiting.
    this.forget(entry, participant.socketId);
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
