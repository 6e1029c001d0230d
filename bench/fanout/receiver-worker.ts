// A receiver worker thread of the fan-out load process: it holds a share of the N socket.io clients
// of each server and timestamps every `post.created` with process.hrtime.bigint(), the same
// monotonic clock the main thread schedules posts on (CLOCK_MONOTONIC is process-wide; the main
// thread checks the ordering with `clock` requests). Decoding N x rate messages a second here, off
// the main thread, keeps the sender on time.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import {
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
const sockets: Record<Target, Socket[]> = { ours: [], bare: [] };
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

async function connectOne(
  request: Extract<WorkerRequest, { type: 'connect' }>,
  client: number,
): Promise<Socket> {
  const socket = io(request.base, {
    auth: { token: request.token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 60000,
  });
  socket.on('post.created', (envelope: Envelope | undefined) => onPost(request.target, client, envelope));
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const ack = (await socket.timeout(60000).emitWithAck('subscribe', { room: request.room })) as
      { ok?: boolean } | undefined;
    if (!ack || ack.ok !== true) throw new Error(`subscribe refused: ${JSON.stringify(ack)}`);
    return socket;
  } catch (error) {
    socket.close();
    throw error;
  }
}

async function connect(request: Extract<WorkerRequest, { type: 'connect' }>): Promise<WorkerAnswer> {
  const list = sockets[request.target];
  let failures = 0;
  let firstError: string | null = null;
  let next = 0;
  const lane = async () => {
    while (next < request.clients) {
      const client = next++;
      try {
        list[client] = await connectOne(request, client);
      } catch (error) {
        failures++;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(request.concurrency, request.clients) }, lane));
  return { id: request.id, type: 'connected', connected: request.clients - failures, failures, firstError };
}

function begin(request: Extract<WorkerRequest, { type: 'begin' }>): WorkerAnswer {
  const clients = sockets[request.target].length;
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
  for (const target of ['ours', 'bare'] as const) {
    for (const socket of sockets[target]) socket?.close();
    sockets[target] = [];
  }
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
      if (message.type === 'ended') port.postMessage(message, [message.latenciesMs.buffer as ArrayBuffer]);
      else port.postMessage(message);
    },
    (error: unknown) =>
      port.postMessage({ id: request.id, type: 'error', message: (error as Error).message } as WorkerAnswer),
  );
});
