// Baseline for bench/editing-traces: a bare Yjs relay over socket.io (the same socket.io 4.8.3 as
// the API), without persistence, authentication or validation. It speaks the API's document
// protocol (docs/architecture.md, "Shared documents"): `doc:join {docId}` → `{ ok, access }`, then
// y-protocols sync messages in `doc:sync (docId, bytes)`. A step 1 is answered from an in-memory
// Y.Doc with step 2 and the relay's own step 1; a step 2 or an update is applied to that Y.Doc,
// relayed to the rest of the room as an update and acknowledged `{ ok: true }`.
// Prints `LISTENING <port>` on stdout once it accepts connections.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Server } from 'socket.io';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

type Ack = (answer: unknown) => void;

const port = Number(process.env.PORT ?? 0);
const host = '127.0.0.1';
const docs = new Map<string, Y.Doc>();
const roomOf = (docId: string): string => `doc:${docId}`;

function docFor(docId: string): Y.Doc {
  let doc = docs.get(docId);
  if (!doc) docs.set(docId, (doc = new Y.Doc()));
  return doc;
}

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

const httpServer = http.createServer((_req, res) => res.writeHead(404).end());
// The API's socket.io options (REALTIME_GATEWAY_OPTIONS), so the ratio measures what the
// application adds (auth, validation, storage, Nest), not socket.io's connection-state recovery.
const io = new Server(httpServer, {
  path: '/socket.io',
  serveClient: false,
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
});

/** Like the API unloading a document when its last editor leaves: the relay keeps no history. */
function forgetIfEmpty(docId: string): void {
  if ((io.of('/').adapter.rooms.get(roomOf(docId))?.size ?? 0) > 0) return;
  docs.get(docId)?.destroy();
  docs.delete(docId);
}

io.on('connection', (socket) => {
  const joined = new Set<string>();
  socket.on('disconnect', () => {
    for (const docId of joined) forgetIfEmpty(docId);
  });
  socket.on('doc:join', (body: { docId?: unknown } | undefined, ack?: Ack) => {
    const docId = body && typeof body.docId === 'string' ? body.docId : undefined;
    if (!docId) {
      ack?.({ ok: false, error: { code: 'invalid', message: 'docId' } });
      return;
    }
    docFor(docId);
    joined.add(docId);
    void Promise.resolve(socket.join(roomOf(docId))).then(() => ack?.({ ok: true, access: 'write' }));
  });
  socket.on('doc:leave', (body: { docId?: unknown } | undefined, ack?: Ack) => {
    const docId = body && typeof body.docId === 'string' ? body.docId : '';
    joined.delete(docId);
    void Promise.resolve(socket.leave(roomOf(docId))).then(() => {
      forgetIfEmpty(docId);
      ack?.({ ok: true });
    });
  });
  socket.on('doc:sync', (docId: unknown, data: unknown, ack?: Ack) => {
    if (typeof docId !== 'string' || !joined.has(docId) || !(data instanceof Uint8Array)) {
      ack?.({ ok: false, error: { code: 'invalid', message: 'join first, then send (docId, bytes)' } });
      return;
    }
    const doc = docFor(docId);
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (type === syncProtocol.messageYjsSyncStep1) {
        const step2 = encoding.createEncoder();
        syncProtocol.writeSyncStep2(step2, doc, payload);
        socket.emit('doc:sync', docId, encoding.toUint8Array(step2));
        const step1 = encoding.createEncoder();
        syncProtocol.writeSyncStep1(step1, doc);
        socket.emit('doc:sync', docId, encoding.toUint8Array(step1));
      } else if (type === syncProtocol.messageYjsSyncStep2 || type === syncProtocol.messageYjsUpdate) {
        Y.applyUpdate(doc, payload, socket.id);
        socket.to(roomOf(docId)).emit('doc:sync', docId, updateMessage(payload));
      }
      ack?.({ ok: true });
    } catch {
      ack?.({ ok: false, error: { code: 'invalid', message: 'not a y-protocols sync message' } });
    }
  });
});

httpServer.listen(port, host, () => {
  process.stdout.write(`LISTENING ${(httpServer.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  void io.close();
  process.exit(0);
});
