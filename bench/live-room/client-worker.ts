// A client worker thread of the live-room load process: it holds a share of the N socket.io clients
// of each server (ours: one member each, with that member's token), emits the `session:join`s of a
// join storm at their scheduled times, and timestamps acknowledgements and `session.agenda_step`
// arrivals with process.hrtime.bigint(), the main thread's monotonic clock (checked with `clock`).
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { AgendaStepEvent } from '@convergo/contracts';
import { io, type Socket } from 'socket.io-client';
import type { ClientWorkerData, Target, WorkerAnswer, WorkerRequest } from './protocol';

type Request<T extends WorkerRequest['type']> = Extract<WorkerRequest, { type: T }>;

interface StepRecording {
  target: Target;
  sessionId: string;
  steps: number;
  t0Ns: bigint;
  periodNs: bigint;
  /** [step * clients + slot]: 1 once that client got that step. */
  seen: Uint8Array;
  latenciesMs: Float64Array;
  count: number;
  duplicates: number;
  stray: number;
  sample: unknown;
}

const port = parentPort;
if (!port) throw new Error('client-worker.ts runs as a worker thread');
const data = workerData as ClientWorkerData;
const delivered = new Int32Array(data.delivered);
const lastArrival = new BigInt64Array(data.lastArrival);
/** This worker's sockets per target, by slot; `slotOf` maps a client's index among the N to its slot. */
const sockets: Record<Target, Socket[]> = { ours: [], bare: [] };
const slotOf: Record<Target, Map<number, number>> = { ours: new Map(), bare: new Map() };
/** Events the clients of each target received, by name, since they connected. */
const received: Record<Target, Map<string, number>> = { ours: new Map(), bare: new Map() };
/**
 * JSON bytes of the events the worker's first client of each target received, by name: what one
 * client was sent (serialising every client's copy would cost core 0 more than the decoding).
 */
const sampledBytes: Record<Target, Map<string, number>> = { ours: new Map(), bare: new Map() };
let steps: StepRecording | null = null;
/** `received[target]` and `sampledBytes[target]` when the current step recording began. */
let receivedAtBegin = new Map<string, number>();
let bytesAtBegin = new Map<string, number>();

const nowNs = () => process.hrtime.bigint();

/** Events received by the clients of `target` since the `before` snapshot, by name. */
function receivedSince(now: Map<string, number>, before: Map<string, number>): Record<string, number> {
  const since: Record<string, number> = {};
  for (const [event, count] of now) {
    if (count > (before.get(event) ?? 0)) since[event] = count - (before.get(event) ?? 0);
  }
  return since;
}
/** A join or leave not acknowledged by then counts as failed. */
const ACK_TIMEOUT_MS = 30000;

function onStep(target: Target, slot: number, envelope: { data?: AgendaStepEvent } | undefined): void {
  const now = nowNs();
  const rec = steps;
  if (!rec) return;
  const step = envelope?.data?.step;
  if (rec.target !== target || envelope?.data?.sessionId !== rec.sessionId || typeof step !== 'number') {
    rec.stray++;
    return;
  }
  if (!Number.isInteger(step) || step < 0 || step >= rec.steps) {
    rec.stray++;
    return;
  }
  const at = step * sockets[target].length + slot;
  if (rec.seen[at]) {
    rec.duplicates++;
    return;
  }
  rec.seen[at] = 1;
  // Step i of the run was scheduled at t0 + i x period: a late POST still counts from its schedule.
  rec.latenciesMs[rec.count++] = Number(now - (rec.t0Ns + BigInt(step) * rec.periodNs)) / 1e6;
  Atomics.store(delivered, data.index, rec.count);
  if (rec.sample === null) rec.sample = envelope;
}

async function connectOne(target: Target, base: string, token: string, slot: number): Promise<Socket> {
  const socket = io(base, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 60000,
  });
  socket.onAny((event: string, payload: unknown) => {
    Atomics.store(lastArrival, data.index, nowNs());
    received[target].set(event, (received[target].get(event) ?? 0) + 1);
    if (slot === 0) {
      const bytes = JSON.stringify(payload ?? null).length;
      sampledBytes[target].set(event, (sampledBytes[target].get(event) ?? 0) + bytes);
    }
  });
  socket.on('session.agenda_step', (envelope: { data?: AgendaStepEvent } | undefined) =>
    onStep(target, slot, envelope),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  } catch (error) {
    socket.close();
    throw error;
  }
}

async function connect(request: Request<'connect'>): Promise<WorkerAnswer> {
  const list = sockets[request.target];
  let failures = 0;
  let firstError: string | null = null;
  const first = list.length;
  let next = 0;
  const lane = async () => {
    while (next < request.clients.length) {
      const slot = first + next;
      const spec = request.clients[next++];
      slotOf[request.target].set(spec.client, slot);
      try {
        list[slot] = await connectOne(request.target, request.base, spec.token, slot);
      } catch (error) {
        failures++;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(request.concurrency, request.clients.length) }, lane));
  return {
    id: request.id,
    type: 'connected',
    connected: request.clients.length - failures,
    failures,
    firstError,
  };
}

/**
 * Open loop: every join is emitted at its scheduled time whatever happened to the earlier ones;
 * answers once every join was acknowledged or failed (acks time out after 30 s).
 */
async function storm(request: Request<'storm'>): Promise<WorkerAnswer> {
  const t0 = BigInt(request.t0Ns);
  const count = request.joins.length;
  const scheduled = request.joins.map((j) => t0 + BigInt(j.offsetNs));
  const ackMs = new Float64Array(count).fill(NaN);
  const sendLagMs = new Float64Array(count);
  const ackBytes = new Int32Array(count);
  let lastAck = 0n;
  let ok = 0;
  let failures = 0;
  let firstError: string | null = null;
  const receivedBefore = new Map(received[request.target]);
  const bytesBefore = new Map(sampledBytes[request.target]);
  const pending: Promise<void>[] = [];
  const emit = (i: number) => {
    const slot = slotOf[request.target].get(request.joins[i].client);
    const socket = slot === undefined ? undefined : sockets[request.target][slot];
    sendLagMs[i] = Number(nowNs() - scheduled[i]) / 1e6;
    if (!socket) {
      failures++;
      firstError ??= `client ${request.joins[i].client} is not connected`;
      return;
    }
    pending.push(
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('session:join', { sessionId: request.sessionId })
        .then(
          (ack: { ok?: boolean; error?: unknown } | undefined) => {
            const at = nowNs();
            if (at > lastAck) lastAck = at;
            ackMs[i] = Number(at - scheduled[i]) / 1e6;
            ackBytes[i] = JSON.stringify(ack ?? null).length;
            if (ack?.ok === true) ok++;
            else {
              failures++;
              firstError ??= `join refused: ${JSON.stringify(ack).slice(0, 300)}`;
            }
          },
          (error: Error) => {
            failures++;
            firstError ??= error.message;
          },
        ),
    );
  };
  await new Promise<void>((resolve) => {
    let next = 0;
    const order = scheduled.map((_, i) => i).sort((a, b) => (scheduled[a] < scheduled[b] ? -1 : 1));
    const tick = () => {
      while (next < count && scheduled[order[next]] <= nowNs()) emit(order[next++]);
      if (next >= count) return resolve();
      setTimeout(tick, Math.max(0, Math.floor(Number(scheduled[order[next]] - nowNs()) / 1e6)));
    };
    tick();
  });
  await Promise.all(pending);
  return {
    id: request.id,
    type: 'stormed',
    ackMs,
    sendLagMs,
    ackBytes,
    lastAckNs: lastAck.toString(),
    ok,
    failures,
    firstError,
    events: receivedSince(received[request.target], receivedBefore),
    sampledBytes: receivedSince(sampledBytes[request.target], bytesBefore),
  };
}

async function leave(request: Request<'leave'>): Promise<WorkerAnswer> {
  let ok = 0;
  let failures = 0;
  let firstError: string | null = null;
  await Promise.all(
    sockets[request.target].map((socket) =>
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('session:leave', { sessionId: request.sessionId })
        .then(
          (ack: { ok?: boolean } | undefined) => {
            if (ack?.ok === true) ok++;
            else {
              failures++;
              firstError ??= `leave refused: ${JSON.stringify(ack).slice(0, 300)}`;
            }
          },
          (error: Error) => {
            failures++;
            firstError ??= error.message;
          },
        ),
    ),
  );
  return { id: request.id, type: 'left', ok, failures, firstError };
}

function begin(request: Request<'begin'>): WorkerAnswer {
  const clients = sockets[request.target].length;
  steps = {
    target: request.target,
    sessionId: request.sessionId,
    steps: request.steps,
    t0Ns: BigInt(request.t0Ns),
    periodNs: BigInt(request.periodNs),
    seen: new Uint8Array(request.steps * clients),
    latenciesMs: new Float64Array(request.steps * clients),
    count: 0,
    duplicates: 0,
    stray: 0,
    sample: null,
  };
  receivedAtBegin = new Map(received[request.target]);
  bytesAtBegin = new Map(sampledBytes[request.target]);
  Atomics.store(delivered, data.index, 0);
  return { id: request.id, type: 'ok' };
}

function end(request: Request<'end'>): WorkerAnswer {
  const rec = steps;
  steps = null;
  return {
    id: request.id,
    type: 'ended',
    latenciesMs: rec ? rec.latenciesMs.slice(0, rec.count) : new Float64Array(0),
    duplicates: rec?.duplicates ?? 0,
    stray: rec?.stray ?? 0,
    events: rec ? receivedSince(received[rec.target], receivedAtBegin) : {},
    sampledBytes: rec ? receivedSince(sampledBytes[rec.target], bytesAtBegin) : {},
    sample: rec?.sample ?? null,
  };
}

function clock(request: Request<'clock'>): WorkerAnswer {
  const workerNs = nowNs();
  const perfMs = performance.timeOrigin + performance.now();
  const status = fs.readFileSync('/proc/thread-self/status', 'utf8');
  return {
    id: request.id,
    type: 'clock',
    workerNs: workerNs.toString(),
    perfMinusHrtimeMs: perfMs - Number(workerNs) / 1e6,
    cpusAllowed: /Cpus_allowed_list:\s*(\S+)/.exec(status)?.[1] ?? 'unknown',
  };
}

function close(request: Request<'close'>): WorkerAnswer {
  for (const target of ['ours', 'bare'] as const) {
    for (const socket of sockets[target]) socket?.close();
    sockets[target] = [];
    slotOf[target].clear();
  }
  return { id: request.id, type: 'ok' };
}

function handle(request: WorkerRequest): WorkerAnswer | Promise<WorkerAnswer> {
  switch (request.type) {
    case 'connect':
      return connect(request);
    case 'storm':
      return storm(request);
    case 'leave':
      return leave(request);
    case 'begin':
      return begin(request);
    case 'end':
      return end(request);
    case 'clock':
      return clock(request);
    case 'close':
      return close(request);
  }
}

port.on('message', (request: WorkerRequest) => {
  Promise.resolve()
    .then(() => handle(request))
    .then(
      (answer) => {
        if (answer.type === 'ended') port.postMessage(answer, [answer.latenciesMs.buffer]);
        else if (answer.type === 'stormed')
          port.postMessage(answer, [answer.ackMs.buffer, answer.sendLagMs.buffer, answer.ackBytes.buffer]);
        else port.postMessage(answer);
      },
      (error: unknown) =>
        port.postMessage({
          id: request.id,
          type: 'error',
          message: (error as Error).message,
        } as WorkerAnswer),
    );
});
