// Baseline for bench/fanout: a bare socket.io server (the same socket.io 4.8.3 as the API) that
// broadcasts one `post.created`-shaped envelope to a room on every HTTP POST /broadcast.
// Clients join with `emitWithAck('subscribe', { room })`, like the API's gateway (no auth, no DB).
// Body of POST /broadcast: { "room": "thread:<id>", "marker": "fanout-...", "bytes": <envelope JSON size> }.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

interface BroadcastRequest {
  room?: unknown;
  marker?: unknown;
  bytes?: unknown;
}

const port = Number(process.env.PORT ?? 0);
const host = '127.0.0.1';

const httpServer = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/broadcast') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let request: BroadcastRequest;
    try {
      request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BroadcastRequest;
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (typeof request.room !== 'string' || typeof request.marker !== 'string') {
      res.writeHead(400).end();
      return;
    }
    const envelope = {
      id: randomUUID(),
      type: 'post.created',
      room: request.room,
      at: new Date().toISOString(),
      data: { id: randomUUID(), body: request.marker, pad: '' },
    };
    // Pad so the serialized envelope has the same size as the API's.
    const missing = Number(request.bytes ?? 0) - JSON.stringify(envelope).length;
    if (missing > 0) envelope.data.pad = 'x'.repeat(missing);
    io.to(request.room).emit('post.created', envelope);
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: envelope.data.id }));
  });
});

// BARE_RECOVERY=1 (run.ts --bare-recovery) turns on the API's connection-state recovery settings, to
// tell their cost apart from the rest of the API's.
const recovery = process.env.BARE_RECOVERY === '1';
const io = new Server(httpServer, {
  path: '/socket.io',
  transports: ['websocket'],
  serveClient: false,
  ...(recovery
    ? { connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false } }
    : {}),
});
io.on('connection', (socket) => {
  socket.on('subscribe', (body: { room?: unknown } | undefined, ack?: (answer: unknown) => void) => {
    const room = body && typeof body.room === 'string' ? body.room : undefined;
    if (!room) {
      ack?.({ ok: false, error: { code: 'invalid', message: 'room' } });
      return;
    }
    void Promise.resolve(socket.join(room)).then(() => ack?.({ ok: true }));
  });
});

httpServer.listen(port, host, () => {
  const address = httpServer.address() as AddressInfo;
  // The runner reads this line to learn the port.
  process.stdout.write(`LISTENING ${address.port}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    void io.close();
    httpServer.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  });
}
