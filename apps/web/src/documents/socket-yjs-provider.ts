import {
  DOC_EVENTS,
  DOC_LIMITS,
  DOCUMENT_CONTENT_FRAGMENT,
  type DocAccess,
  type DocAccessChange,
  type DocAck,
  type DocErrorCode,
  type DocJoinAck,
} from '@convergo/contracts';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/**
 * What the provider needs of a socket.io socket: the tab's socket satisfies it, and the unit
 * spec drives it with an in-memory server. Acknowledged emits take `(error, answer)` like
 * `socket.timeout(ms).emit(...)`: the error is a timeout or a disconnection.
 */
export interface DocTransport {
  readonly connected: boolean;
  emitWithAck<T>(event: string, args: unknown[], ack: (error: Error | null, answer?: T) => void): void;
  emit(event: string, args: unknown[]): void;
  on(event: string, listener: (...args: unknown[]) => void): void;
  off(event: string, listener: (...args: unknown[]) => void): void;
}

/**
 * `connecting`: joining or first sync under way; `ready`: joined and synced; `offline`: the
 * socket is down (edits stay local and merge on reconnect); `error`: refused for good.
 */
export type ProviderPhase = 'connecting' | 'ready' | 'offline' | 'error';

export interface ProviderState {
  phase: ProviderPhase;
  access: DocAccess | null;
  /** Why the join was refused (`forbidden`, `not_found`…), when `phase` is `error`. */
  error: DocErrorCode | null;
  /** Local changes the server has not acknowledged yet (sent and waiting, or made offline). */
  unsaved: boolean;
  /** The server's content has arrived at least once: the editor may show it. */
  synced: boolean;
  /**
   * A change is larger than the server accepts in one message (a huge paste): it is kept here but
   * cannot be saved until it is made smaller (undone or split); the user must be told.
   */
  tooLarge: boolean;
}

/** Origin of what the server sent, so the update observer does not echo it back. */
export const REMOTE_ORIGIN = 'socket-yjs-provider:remote';
/** The server's notice that the rights on a joined document changed. */
const DOC_ACCESS_EVENT = 'doc:access';
/** Retry after a refused-for-now update (`unavailable`) or a failed join. */
const RETRY_MS = 2_000;

const asBytes = (data: unknown): Uint8Array | null =>
  data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null;

/**
 * Yjs over the tab's socket.io connection (docs/architecture.md, "Shared documents"): `doc:join`,
 * then y-protocols sync in `doc:sync` and awareness in `doc:awareness`. Local updates are sent
 * with an acknowledgement; anything not acknowledged (a failed ack, edits made offline) is
 * recovered by the state exchange of the next sync, since the Y.Doc itself keeps it: the server's
 * step 1 is answered with a step 2 carrying everything the server lacks.
 */
export class SocketYjsProvider {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  private state: ProviderState = {
    phase: 'connecting',
    access: null,
    error: null,
    unsaved: false,
    synced: false,
    tooLarge: false,
  };
  private readonly listeners = new Set<() => void>();
  private joined = false;
  /** Bumped at every (re)join: answers to an older join are ignored. */
  private session = 0;
  private inflight = 0;
  /** Local changes that only a future step 2 can deliver; `dirtyEpoch` dates the latest. */
  private dirty = false;
  private dirtyEpoch = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  constructor(
    readonly docId: string,
    private readonly transport: DocTransport,
    doc: Y.Doc = new Y.Doc(),
  ) {
    this.doc = doc;
    this.awareness = new awarenessProtocol.Awareness(doc);
    transport.on('connect', this.onConnect);
    transport.on('disconnect', this.onDisconnect);
    transport.on(DOC_EVENTS.sync, this.onSync);
    transport.on(DOC_EVENTS.awareness, this.onAwareness);
    transport.on(DOC_ACCESS_EVENT, this.onAccess);
    doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    if (transport.connected) this.join();
    else this.patch({ phase: 'offline' });
  }

  /** The rich text TipTap edits. */
  get content(): Y.XmlFragment {
    return this.doc.getXmlFragment(DOCUMENT_CONTENT_FRAGMENT);
  }

  getState = (): ProviderState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Leaves the document: presence removed for the others, then `doc:leave`. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.joined && this.transport.connected) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], 'local');
      this.transport.emitWithAck(DOC_EVENTS.leave, [{ docId: this.docId }], () => undefined);
    }
    this.joined = false;
    this.transport.off('connect', this.onConnect);
    this.transport.off('disconnect', this.onDisconnect);
    this.transport.off(DOC_EVENTS.sync, this.onSync);
    this.transport.off(DOC_EVENTS.awareness, this.onAwareness);
    this.transport.off(DOC_ACCESS_EVENT, this.onAccess);
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.listeners.clear();
  }

  private patch(change: Partial<ProviderState>): void {
    const next = { ...this.state, ...change };
    next.unsaved = this.inflight > 0 || this.dirty;
    const same = (Object.keys(next) as (keyof ProviderState)[]).every((k) => next[k] === this.state[k]);
    if (same) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  private readonly onConnect = (): void => {
    if (!this.destroyed) this.join();
  };

  private readonly onDisconnect = (): void => {
    this.joined = false;
    this.session += 1;
    // Unanswered sends are now unknown: the next step 2 carries whatever the server lacks.
    if (this.inflight > 0) this.markDirty();
    this.inflight = 0;
    // Others' presence cannot be kept fresh while offline; it comes back with the next join.
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, others, REMOTE_ORIGIN);
    if (this.state.phase !== 'error') this.patch({ phase: 'offline' });
  };

  private join(): void {
    const session = ++this.session;
    this.joined = false;
    if (this.state.phase !== 'error') this.patch({ phase: 'connecting' });
    this.transport.emitWithAck<DocJoinAck>(DOC_EVENTS.join, [{ docId: this.docId }], (error, ack) => {
      if (this.destroyed || session !== this.session) return;
      if (error || !ack) return this.retryLater(() => this.join());
      if (!ack.ok) {
        if (ack.error.code === 'unavailable' || ack.error.code === 'invalid')
          return this.retryLater(() => this.join());
        return this.patch({ phase: 'error', error: ack.error.code, access: null });
      }
      this.joined = true;
      this.patch({ access: ack.access, error: null });
      this.sendStep1();
      if (this.awareness.getLocalState() !== null) {
        const message = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]);
        this.transport.emit(DOC_EVENTS.awareness, [this.docId, message]);
      }
    });
  }

  private sendStep1(): void {
    const encoder = encoding.createEncoder();
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.transport.emit(DOC_EVENTS.sync, [this.docId, encoding.toUint8Array(encoder)]);
  }

  private retryLater(action: () => void): void {
    if (this.retryTimer || this.destroyed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.destroyed && this.transport.connected) action();
    }, RETRY_MS);
  }

  private markDirty(): void {
    this.dirty = true;
    this.dirtyEpoch += 1;
  }

  /** Sends a message that may carry changes and tracks its acknowledgement. */
  private sendTracked(message: Uint8Array): void {
    if (message.byteLength > DOC_LIMITS.syncBytes) {
      // The server would refuse it as `invalid`: retrying cannot help, only a smaller change can.
      this.markDirty();
      this.patch({ tooLarge: true });
      return;
    }
    const session = this.session;
    const epoch = this.dirtyEpoch;
    this.inflight += 1;
    this.patch({});
    this.transport.emitWithAck<DocAck>(DOC_EVENTS.sync, [this.docId, message], (error, ack) => {
      if (session !== this.session) return; // counted as dirty by the disconnect already
      this.inflight = Math.max(0, this.inflight - 1);
      if (error || !ack || !ack.ok) {
        this.markDirty();
        this.patch({});
        if (ack && !ack.ok && ack.error.code === 'forbidden') return; // a reader: nothing to retry
        // Ask again: the server's step 1 in return is answered with what it lacks.
        this.retryLater(() => this.sendStep1());
        return;
      }
      // A step 2 computed after the latest offline change delivered all of them.
      if (this.dirty && this.dirtyEpoch === epoch && this.isStep2(message)) this.dirty = false;
      this.patch(this.dirty ? {} : { tooLarge: false });
    });
  }

  private isStep2(message: Uint8Array): boolean {
    return decoding.readVarUint(decoding.createDecoder(message)) === syncProtocol.messageYjsSyncStep2;
  }

  private readonly onSync = (...args: unknown[]): void => {
    const [docId, data] = args;
    const bytes = asBytes(data);
    if (docId !== this.docId || !bytes || !this.joined || this.destroyed) return;
    const decoder = decoding.createDecoder(bytes);
    const encoder = encoding.createEncoder();
    let type: number;
    try {
      type = syncProtocol.readSyncMessage(decoder, encoder, this.doc, REMOTE_ORIGIN);
    } catch (error) {
      console.error('malformed doc:sync message', error);
      return;
    }
    // The server's step 1: answer with what it lacks, edits made offline included.
    if (encoding.length(encoder) > 0) {
      if (this.state.access === 'write') this.sendTracked(encoding.toUint8Array(encoder));
      else this.transport.emit(DOC_EVENTS.sync, [this.docId, encoding.toUint8Array(encoder)]);
    }
    if (type === syncProtocol.messageYjsSyncStep2) this.patch({ phase: 'ready', synced: true });
  };

  /**
   * Rights changed while the document is open (e.g. removed from the space): a writer made reader
   * gets a read-only editor at once; one who may no longer read is out, as after a refused join.
   */
  private readonly onAccess = (...args: unknown[]): void => {
    const [docId, change] = args as [unknown, DocAccessChange | undefined];
    if (docId !== this.docId || !change || this.destroyed) return;
    if (change.access === 'none') {
      this.joined = false;
      this.session += 1;
      const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
      awarenessProtocol.removeAwarenessStates(this.awareness, others, REMOTE_ORIGIN);
      this.patch({ phase: 'error', error: change.error.code, access: null });
      return;
    }
    this.patch({ access: change.access });
  };

  private readonly onAwareness = (...args: unknown[]): void => {
    const [docId, data] = args;
    const bytes = asBytes(data);
    if (docId !== this.docId || !bytes || this.destroyed) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, bytes, REMOTE_ORIGIN);
    } catch (error) {
      console.error('malformed doc:awareness message', error);
    }
  };

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === REMOTE_ORIGIN || this.destroyed) return;
    if (this.state.access === 'read') return; // refused by the server anyway; the editor is read-only
    if (!this.joined || !this.transport.connected) {
      this.markDirty();
      this.patch({});
      return;
    }
    if (this.state.tooLarge) {
      // The oversized change is still unsent: only a state exchange can deliver it, once the
      // document no longer carries it (deleted content is not sent again).
      this.markDirty();
      this.patch({});
      this.retryLater(() => this.sendStep1());
      return;
    }
    const encoder = encoding.createEncoder();
    syncProtocol.writeUpdate(encoder, update);
    this.sendTracked(encoding.toUint8Array(encoder));
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin === REMOTE_ORIGIN || !this.joined || !this.transport.connected) return;
    // Only our own presence: remote states that time out here are not ours to remove.
    const changed = [...added, ...updated, ...removed].filter((id) => id === this.doc.clientID);
    if (changed.length === 0) return;
    const message = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    this.transport.emit(DOC_EVENTS.awareness, [this.docId, message]);
  };
}
