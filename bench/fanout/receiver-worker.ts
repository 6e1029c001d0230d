// A receiver worker thread of the fan-out load process: it holds a share of the N socket.io clients
// of each server and timestamps every `post.created` with process.hrtime.bigint(), the same
// monotonic clock the main thread schedules posts on (CLOCK_MONOTONIC is process-wide; the main
// thread checks the ordering with `clock` requests). Decoding N x rate messages a second here, off
// the main thread, keeps the sender on time.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import {
  LANE_COOKIE,
  MARKER,
  type ReceiverWorkerData,
  type Target,
  type WorkerAnswer,
  type WorkerRequest,
} from './protocol';

interface Recording {
  target: Target;
  run: number;
  posts: number;
  clients: number;
  /** [post * clients + client]: 1 once that client got that post. */
  seen: Uint8Array;
  latenciesMs: Float64Array;
  count: number;
  duplicates: number;
  stray: number;
  sample: unknown;
}

interface Envelope {
  data?: { body?: unknown };
}

const port = parentPort;
if (!port) throw new Error('receiver-worker.ts runs as a worker thread');
const data = workerData as ReceiverWorkerData;
const delivered = new Int32Array(data.delivered);
const lastArrival = new BigInt64Array(data.lastArrival);
const sockets = new Map<Target, Socket[]>();
let recording: Recording | null = null;

function onPost(target: Target, client: number, envelope: Envelope | undefined): void {
  const now = process.hrtime.bigint();
  Atomics.store(lastArrival, data.index, now);
  const rec = recording;
  if (!rec) return;
  const body = envelope && envelope.data ? envelope.data.body : undefined;
  const match = typeof body === 'string' ? MARKER.exec(body) : null;
  if (!match) return;
  const post = Number(match[2]);
  if (rec.target !== target || Number(match[1]) !== rec.run || post >= rec.posts) {
    rec.stray++;
    return;
  }
  const slot = post * rec.clients + client;
  if (rec.seen[slot]) {
    rec.duplicates++;
    return;
  }
  rec.seen[slot] = 1;
  // The scheduled time travels in the payload: a late send still counts from its schedule.
  rec.latenciesMs[rec.count++] = Number(now - BigInt(match[3])) / 1e6;
  Atomics.store(delivered, data.index, rec.count);
  if (rec.sample === null) rec.sample = envelope;
}

type ConnectRequest = Extract<WorkerRequest, { type: 'connect' }>;

/** Connects client `client` of this worker and subscribes it to its rooms; resolves to ms taken. */
async function connectOne(request: ConnectRequest, client: number, list: Socket[]): Promise<number> {
  const started = process.hrtime.bigint();
  const c = request.first + client;
  const slot = c % request.tokens.length;
  const rooms = request.perTokenRooms ? [...request.rooms, request.perTokenRooms[slot]] : request.rooms;
  const socket = io(request.base, {
    auth: { token: request.tokens[slot] },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 60000,
    ...(request.lanes ? { extraHeaders: { cookie: `${LANE_COOKIE}=${c % request.lanes}` } } : {}),
  });
  socket.on('post.created', (envelope: Envelope | undefined) => onPost(request.target, client, envelope));
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const acks = (await Promise.all(
      rooms.map((room) => socket.timeout(60000).emitWithAck('subscribe', { room })),
    )) as ({ ok?: boolean } | undefined)[];
    const refused = acks.findIndex((ack) => !ack || ack.ok !== true);
    if (refused >= 0)
      throw new Error(`subscribe ${rooms[refused]} refused: ${JSON.stringify(acks[refused])}`);
    list[client] = socket;
    return Number(process.hrtime.bigint() - started) / 1e6;
  } catch (error) {
    socket.close();
    throw error;
  }
}

async function connect(request: ConnectRequest): Promise<WorkerAnswer> {
  const list = sockets.get(request.target) ?? [];
  sockets.set(request.target, list);
  const connectMs = new Float64Array(request.clients);
  let connected = 0;
  let failures = 0;
  let firstError: string | null = null;
  let next = 0;
  const lane = async () => {
    while (next < request.clients) {
      const client = next++;
      try {
        const ms = await connectOne(request, client, list);
        connectMs[connected++] = ms;
      } catch (error) {
        failures++;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(request.concurrency, request.clients) }, lane));
  return {
    id: request.id,
    type: 'connected',
    connected,
    failures,
    firstError,
    connectMs: connectMs.slice(0, connected),
  };
}

function begin(request: Extract<WorkerRequest, { type: 'begin' }>): WorkerAnswer {
  const clients = sockets.get(request.target)?.length ?? 0;
  recording = {
    target: request.target,
    run: request.run,
    posts: request.posts,
    clients,
    seen: new Uint8Array(request.posts * clients),
    latenciesMs: new Float64Array(request.posts * clients),
    count: 0,
    duplicates: 0,
    stray: 0,
    sample: null,
  };
  Atomics.store(delivered, data.index, 0);
  return { id: request.id, type: 'ok' };
}

function end(request: Extract<WorkerRequest, { type: 'end' }>): WorkerAnswer & { type: 'ended' } {
  const rec = recording;
  recording = null;
  if (!rec || rec.run !== request.run) {
    return {
      id: request.id,
      type: 'ended',
      latenciesMs: new Float64Array(0),
      duplicates: 0,
      stray: 0,
      sample: null,
    };
  }
  return {
    id: request.id,
    type: 'ended',
    latenciesMs: rec.latenciesMs.slice(0, rec.count),
    duplicates: rec.duplicates,
    stray: rec.stray,
    sample: rec.sample,
  };
}

function clock(request: Extract<WorkerRequest, { type: 'clock' }>): WorkerAnswer {
  const workerNs = process.hrtime.bigint();
  const perfMs = performance.timeOrigin + performance.now();
  const status = fs.readFileSync('/proc/thread-self/status', 'utf8');
  return {
    id: request.id,
    type: 'clock',
    mainNs: request.mainNs,
    workerNs: workerNs.toString(),
    perfMinusHrtimeMs: perfMs - Number(workerNs) / 1e6,
    cpusAllowed: /Cpus_allowed_list:\s*(\S+)/.exec(status)?.[1] ?? 'unknown',
  };
}

function close(request: Extract<WorkerRequest, { type: 'close' }>): WorkerAnswer {
  for (const list of sockets.values()) for (const socket of list) socket?.close();
  sockets.clear();
  return { id: request.id, type: 'ok' };
}

port.on('message', (request: WorkerRequest) => {
  const answer = (async (): Promise<WorkerAnswer> => {
    switch (request.type) {
      case 'connect':
        return connect(request);
      case 'begin':
        return begin(request);
      case 'end':
        return end(request);
      case 'clock':
        return clock(request);
      case 'close':
        return close(request);
    }
  })();
  answer.then(
    (message) => {
      if (message.type === 'ended') port.postMessage(message, [message.latenciesMs.buffer]);
      else if (message.type === 'connected') port.postMessage(message, [message.connectMs.buffer]);
      else port.postMessage(message);
    },
    (error: unknown) =>
      port.postMessage({ id: request.id, type: 'error', message: (error as Error).message } as WorkerAnswer),
  );
});
