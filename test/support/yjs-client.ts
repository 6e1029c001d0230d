import {
  DOCUMENT_CONTENT_FRAGMENT,
  type DocAck,
  type DocClientToServerEvents,
  type DocJoinAck,
  type DocServerToClientEvents,
} from '@convergo/contracts';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { io, type Socket } from 'socket.io-client';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

type DocClientSocket = Socket<DocServerToClientEvents, DocClientToServerEvents>;

/** Origin of what the server sent, so the update observer does not echo it back. */
const REMOTE = 'remote';
const ACK_TIMEOUT_MS = 10_000;

export interface YjsClientOptions {
  /** Reconnect by itself after a drop. Default false: tests call reconnect(). */
  reconnection?: boolean;
}

export interface SentUpdate {
  update: Uint8Array;
  ack: Promise<DocAck>;
}

const asBytes = (data: Uint8Array | ArrayBuffer): Uint8Array =>
  data instanceof Uint8Array ? data : new Uint8Array(data);

/**
 * A real Yjs client of the document protocol (docs/architecture.md, "Shared documents"), as the web
 * editor is: a Y.Doc and an Awareness synchronised over socket.io with y-protocols messages —
 * `doc:join`, then sync step 1; the server's step 1 is answered with step 2; local updates are
 * sent with an acknowledgement callback; awareness both ways. Edits made while disconnected
 * stay local and reach the server through the state exchange on the next join.
 */
export class YjsClient {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly socket: DocClientSocket;
  /** Every local update sent, with its acknowledgement. */
  readonly sent: SentUpdate[] = [];
  /** Messages received per event, for assertions. */
  readonly received = { sync: 0, awareness: 0 };
  private docId?: string;
  private joined = false;
  private synced = false;
  private syncWaiters: (() => void)[] = [];
  private changeWaiters: (() => void)[] = [];

  private constructor(socket: DocClientSocket) {
    this.socket = socket;
    socket.on('doc:sync', (docId, data) => this.onSync(docId, asBytes(data)));
    socket.on('doc:awareness', (docId, data) => {
      if (docId !== this.docId) return;
      this.received.awareness += 1;
      awarenessProtocol.applyAwarenessUpdate(this.awareness, asBytes(data), REMOTE);
      this.notifyChange();
    });
    socket.on('disconnect', () => {
      this.joined = false;
      this.synced = false;
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.sendUpdate(update);
      this.notifyChange();
    });
    this.awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        if (origin === REMOTE || !this.joined || !this.docId) return;
        // Only our own presence: remote states that time out locally are not ours to remove.
        const changed = [...added, ...updated, ...removed].filter((id) => id === this.doc.clientID);
        if (changed.length === 0) return;
        const message = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
        this.socket.emit('doc:awareness', this.docId, message);
      },
    );
  }

  static connect(baseUrl: string, token: string, options: YjsClientOptions = {}): Promise<YjsClient> {
    const socket: DocClientSocket = io(baseUrl, {
      path: '/socket.io',
      transports: ['websocket'],
      forceNew: true,
      reconnection: options.reconnection ?? false,
      reconnectionDelay: 50,
      reconnectionDelayMax: 100,
      auth: { token },
    });
    const client = new YjsClient(socket);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no connect nor connect_error')), 5_000);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(client);
      });
      socket.once('connect_error', (error) => {
        clearTimeout(timer);
        socket.disconnect();
        reject(error);
      });
    });
  }

  /** The rich text, as TipTap's collaboration extension stores it. */
  get content(): Y.XmlFragment {
    return this.doc.getXmlFragment(DOCUMENT_CONTENT_FRAGMENT);
  }

  /** The text of every paragraph, joined by newlines. */
  text(): string {
    return this.content
      .toArray()
      .map((node) => (node instanceof Y.XmlElement ? node.toArray() : [node]))
      .map((children) =>
        children.map((child) => (child instanceof Y.XmlText ? child.toString() : '')).join(''),
      )
      .join('\n');
  }

  /** The XmlText of paragraph `index`, creating paragraphs up to it. */
  paragraph(index = 0): Y.XmlText {
    while (this.content.length <= index) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText()]);
      this.content.push([paragraph]);
    }
    const paragraph = this.content.get(index) as Y.XmlElement;
    return paragraph.get(0) as Y.XmlText;
  }

  /** Joins, then starts the sync (step 1). Resolves with the join acknowledgement. */
  async join(docId: string): Promise<DocJoinAck> {
    this.docId = docId;
    const ack = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('doc:join', { docId });
    if (!ack.ok) return ack;
    this.joined = true;
    this.synced = false;
    const encoder = encoding.createEncoder();
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.socket.emit('doc:sync', docId, encoding.toUint8Array(encoder));
    if (this.awareness.getLocalState() !== null) {
      const message = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]);
      this.socket.emit('doc:awareness', docId, message);
    }
    return ack;
  }

  /** Joins and waits for the server's step 2; throws when the join is refused. */
  async open(docId: string): Promise<'read' | 'write'> {
    const ack = await this.join(docId);
    if (!ack.ok) throw new Error(`doc:join refused: ${ack.error.code} ${ack.error.message}`);
    await this.whenSynced();
    return ack.access;
  }

  leave(): Promise<DocAck> {
    this.joined = false;
    return this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('doc:leave', { docId: this.docId! });
  }

  whenSynced(timeoutMs = 5_000): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no sync step 2 from the server')), timeoutMs);
      this.syncWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Resolves once `predicate` holds, re-checked after every change of the document or awareness. */
  async waitFor(predicate: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; text: ${JSON.stringify(this.text())}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        this.changeWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Every acknowledgement of the updates sent so far. */
  acks(): Promise<DocAck[]> {
    return Promise.all(this.sent.map((sent) => sent.ack));
  }

  /** Sends raw arguments on an event and resolves with the acknowledgement (for protocol abuse tests). */
  raw(event: string, ...args: unknown[]): Promise<unknown> {
    const untyped = this.socket as unknown as Socket;
    return untyped.timeout(ACK_TIMEOUT_MS).emitWithAck(event, ...args) as Promise<unknown>;
  }

  /** Drops the connection; local edits keep happening in the Y.Doc. */
  disconnect(): void {
    this.socket.disconnect();
  }

  /** Connects again and rejoins: the state exchange merges both sides' edits. */
  async reconnect(): Promise<'read' | 'write'> {
    if (!this.socket.connected) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no reconnect')), 5_000);
        this.socket.once('connect', () => {
          clearTimeout(timer);
          resolve();
        });
        this.socket.connect();
      });
    }
    return this.open(this.docId!);
  }

  close(): void {
    awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], 'close');
    this.awareness.destroy();
    this.socket.disconnect();
    this.doc.destroy();
  }

  private sendUpdate(update: Uint8Array): void {
    // Offline edits are not queued in socket.io's buffer: the state exchange on rejoin carries them.
    if (!this.joined || !this.docId || !this.socket.connected) return;
    const encoder = encoding.createEncoder();
    syncProtocol.writeUpdate(encoder, update);
    const ack = this.socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('doc:sync', this.docId, encoding.toUint8Array(encoder))
      .catch((error: Error): DocAck => ({
        ok: false,
        error: { code: 'unavailable', message: error.message },
      }));
    this.sent.push({ update, ack });
  }

  private onSync(docId: string, message: Uint8Array): void {
    if (docId !== this.docId) return;
    this.received.sync += 1;
    const decoder = decoding.createDecoder(message);
    const encoder = encoding.createEncoder();
    const type = syncProtocol.readSyncMessage(decoder, encoder, this.doc, REMOTE);
    if (encoding.length(encoder) > 0) {
      // The server's step 1: answer with our step 2 (the edits it lacks, offline ones included).
      const ack = this.socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('doc:sync', docId, encoding.toUint8Array(encoder))
        .catch((error: Error): DocAck => ({
          ok: false,
          error: { code: 'unavailable', message: error.message },
        }));
      this.sent.push({ update: new Uint8Array(), ack });
    }
    if (type === syncProtocol.messageYjsSyncStep2) {
      this.synced = true;
      const waiters = this.syncWaiters;
      this.syncWaiters = [];
      for (const resolve of waiters) resolve();
    }
    this.notifyChange();
  }

  private notifyChange(): void {
    const waiters = this.changeWaiters;
    this.changeWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
