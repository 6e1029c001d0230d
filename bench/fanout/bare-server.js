'use strict';
// Baseline for bench/fanout: a bare socket.io server (the same socket.io 4.8.3 as the API) that
// broadcasts one `post.created`-shaped envelope to a room on every HTTP POST /broadcast.
// Clients join with `emitWithAck('subscribe', { room })`, like the API's gateway (no auth, no DB).
// Body of POST /broadcast: { "room": "thread:<id>", "marker": "fanout-...", "bytes": <envelope JSON size> }.
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { Server } = require('socket.io');

const port = Number(process.env.PORT ?? 0);
const host = '127.0.0.1';

const httpServer = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/broadcast') {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let request;
    try {
      request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
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

const io = new Server(httpServer, { path: '/socket.io', transports: ['websocket'], serveClient: false });
io.on('connection', (socket) => {
  socket.on('subscribe', (body, ack) => {
    const room = body && typeof body.room === 'string' ? body.room : undefined;
    if (!room) {
      if (typeof ack === 'function') ack({ ok: false, error: { code: 'invalid', message: 'room' } });
      return;
    }
    void Promise.resolve(socket.join(room)).then(() => {
      if (typeof ack === 'function') ack({ ok: true });
    });
  });
});

httpServer.listen(port, host, () => {
  const address = httpServer.address();
  // The runner reads this line to learn the port.
  process.stdout.write(`LISTENING ${address.port}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    io.close();
    httpServer.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  });
}
