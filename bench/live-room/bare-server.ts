// Baseline for bench/live-room: a bare socket.io server (the same socket.io 4.8 as the API) that
// does the transport work of the live room and nothing else (no auth, no database, no presence):
// - `session:join` { sessionId } joins `session:<id>` and acknowledges `{ ok: true, state }`, the
//   state padded to the size of the API's acknowledgement of the same join order (POST /configure);
// - `session:leave` { sessionId } leaves the room and acknowledges `{ ok: true }`;
// - POST /broadcast { sessionId, step, bytes } emits a `session.agenda_step` envelope padded to
//   `bytes` (the API's envelope size) to the room.
// Body of POST /configure: { "ackBytes": [<JSON size of the k-th acknowledgement of a room>, ...] }.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 0);
const host = '127.0.0.1';
let ackBytes: number[] = [];
/** Joins each room acknowledged so far: the k-th gets the API's k-th acknowledgement size. */
const joinsPerRoom = new Map<string, number>();

function readJson(req: http.IncomingMessage): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        resolve(typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined);
      } catch {
        resolve(undefined);
      }
    });
  });
}

/** Pads `target.pad` so that JSON.stringify(whole) is `bytes` long (when it is shorter). */
function padTo(whole: unknown, target: { pad: string }, bytes: number): void {
  const missing = bytes - JSON.stringify(whole).length;
  if (missing > 0) target.pad = 'x'.repeat(missing);
}

const httpServer = http.createServer((req, res) => {
  void readJson(req).then((body) => {
    if (req.method !== 'POST' || !body) {
      res.writeHead(req.method === 'POST' ? 400 : 404).end();
      return;
    }
    if (req.url === '/configure' && Array.isArray(body.ackBytes)) {
      ackBytes = body.ackBytes.map(Number);
      joinsPerRoom.clear();
      res.writeHead(204).end();
      return;
    }
    if (req.url !== '/broadcast' || typeof body.sessionId !== 'string' || typeof body.step !== 'number') {
      res.writeHead(req.url === '/broadcast' ? 400 : 404).end();
      return;
    }
    const room = `session:${body.sessionId}`;
    const item = { title: '', minutes: null, pad: '' };
    const envelope = {
      id: randomUUID(),
      type: 'session.agenda_step',
      room,
      at: new Date().toISOString(),
      data: { sessionId: body.sessionId, step: body.step, item },
    };
    padTo(envelope, item, Number(body.bytes ?? 0));
    io.to(room).emit('session.agenda_step', envelope);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ step: body.step }));
  });
});

// BARE_RECOVERY=1 (run.ts --bare-recovery) turns on the API's connection-state recovery settings.
const recovery = process.env.BARE_RECOVERY === '1';
const io = new Server(httpServer, {
  path: '/socket.io',
  transports: ['websocket'],
  serveClient: false,
  ...(recovery
    ? { connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false } }
    : {}),
});

const sessionIdOf = (body: unknown): string | undefined => {
  const id =
    typeof body === 'object' && body !== null ? (body as { sessionId?: unknown }).sessionId : undefined;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
};

io.on('connection', (socket) => {
  socket.on('session:join', (body: unknown, ack?: (answer: unknown) => void) => {
    const sessionId = sessionIdOf(body);
    if (!sessionId) {
      ack?.({ ok: false, error: { code: 'invalid', message: 'sessionId' } });
      return;
    }
    const room = `session:${sessionId}`;
    const k = joinsPerRoom.get(room) ?? 0;
    joinsPerRoom.set(room, k + 1);
    void Promise.resolve(socket.join(room)).then(() => {
      const state = {
        session: { id: sessionId },
        currentStep: null,
        present: [],
        hands: [],
        polls: [],
        timerEndsAt: null,
        myVotes: {},
        myRole: 'participant',
        pad: '',
      };
      const answer = { ok: true, state };
      padTo(answer, state, ackBytes.length ? ackBytes[Math.min(k, ackBytes.length - 1)] : 0);
      ack?.(answer);
    });
  });
  socket.on('session:leave', (body: unknown, ack?: (answer: unknown) => void) => {
    const sessionId = sessionIdOf(body);
    if (sessionId) void Promise.resolve(socket.leave(`session:${sessionId}`)).then(() => ack?.({ ok: true }));
    else ack?.({ ok: false, error: { code: 'invalid', message: 'sessionId' } });
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
