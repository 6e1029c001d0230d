// One bench client of the document protocol (docs/architecture.md, "Shared documents"): a socket.io
// connection, a Y.Doc with the Y.Text "bench", `doc:join` + sync step 1 → step 2. Writers send
// each local transaction as one `doc:sync` update with an acknowledgement; receivers hand every
// update the server relays to a hook (with its arrival time) before applying it.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { io, type Socket } from 'socket.io-client';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { nowNs } from './stats';

export const TEXT_NAME = 'bench';
/** Origin of updates that came from the server, so the writer does not send them back. */
export const REMOTE = 'remote';

export interface DocAckLike {
  ok?: boolean;
  error?: { code?: string; message?: string };
}

export class Peer {
  doc = new Y.Doc();
  docId = '';
  /** Called for every update (or step 2) the server sends, with its arrival time. */
  onRemote?: (update: Uint8Array, arrival: bigint, type: number) => void;
  /** When false, remote updates are handed to `onRemote` only (the caller applies them). */
  applyRemote = true;
  /** When the last `doc:join` was acknowledged (process.hrtime.bigint()). */
  joinAckedAt = 0n;
  private syncedWaiter?: () => void;

  private constructor(readonly socket: Socket) {
    socket.on('doc:sync', (docId: string, data: ArrayBuffer | Uint8Array) => {
      const arrival = nowNs();
      if (docId !== this.docId) return;
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
      const decoder = decoding.createDecoder(bytes);
      const type = decoding.readVarUint(decoder);
      // The server's step 1 is not answered: bench clients never hold anything the server lacks.
      if (type === syncProtocol.messageYjsSyncStep1) return;
      const update = decoding.readVarUint8Array(decoder);
      this.onRemote?.(update, arrival, type);
      if (this.applyRemote || type === syncProtocol.messageYjsSyncStep2)
        Y.applyUpdate(this.doc, update, REMOTE);
      if (type === syncProtocol.messageYjsSyncStep2) {
        const waiter = this.syncedWaiter;
        this.syncedWaiter = undefined;
        waiter?.();
      }
    });
  }

  /** `extraHeaders`: e.g. bench/scale-out's sticky-proxy cookie, to choose the process. */
  static connect(base: string, token: string, extraHeaders?: Record<string, string>): Promise<Peer> {
    const socket = io(base, {
      extraHeaders,
      path: '/socket.io',
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 30_000,
    });
    const peer = new Peer(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(peer));
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
  }

  get text(): Y.Text {
    return this.doc.getText(TEXT_NAME);
  }

  /** A fresh Y.Doc for the next run (the previous document must have been left). */
  reset(): void {
    this.doc.destroy();
    this.doc = new Y.Doc();
  }

  /** `doc:join`, then step 1; resolves once the server's step 2 is applied. */
  async open(docId: string, timeoutMs = 120_000): Promise<void> {
    this.docId = docId;
    const synced = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no sync step 2 for ${docId}`)), timeoutMs);
      this.syncedWaiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    const ack = (await this.socket.timeout(timeoutMs).emitWithAck('doc:join', { docId })) as DocAckLike;
    this.joinAckedAt = nowNs();
    if (!ack || ack.ok !== true) throw new Error(`doc:join refused: ${JSON.stringify(ack)}`);
    const encoder = encoding.createEncoder();
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.socket.emit('doc:sync', docId, encoding.toUint8Array(encoder));
    await synced;
  }

  async leave(): Promise<void> {
    if (!this.docId) return;
    const docId = this.docId;
    this.docId = '';
    await this.socket.timeout(30_000).emitWithAck('doc:leave', { docId });
  }

  /** Sends one update; `done` gets the acknowledgement (or a timeout error as `{ ok: false }`). */
  sendUpdate(update: Uint8Array, done: (ack: DocAckLike) => void): void {
    const encoder = encoding.createEncoder();
    syncProtocol.writeUpdate(encoder, update);
    this.socket
      .timeout(120_000)
      .emit('doc:sync', this.docId, encoding.toUint8Array(encoder), (error: Error | null, ack: DocAckLike) =>
        done(error ? { ok: false, error: { code: 'timeout', message: error.message } } : ack),
      );
  }

  close(): void {
    this.socket.close();
    this.doc.destroy();
  }
}
