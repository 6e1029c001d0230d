// The main thread's handle on the client worker threads: client c of the N lives in worker
// c mod workers; it connects them, runs join storms and leaves, records agenda-step runs and merges
// what the workers recorded.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { round } from '../fanout/stats';
import type {
  ClientWorkerData,
  ClockAnswer,
  ConnectAnswer,
  EndAnswer,
  JoinSpec,
  LeaveAnswer,
  StormAnswer,
  Target,
  WorkerAnswer,
  WorkerRequest,
} from './protocol';

type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

export interface ClockCheck {
  rounds: number;
  /** True when main-send <= worker-read <= main-receive held for every round and worker. */
  ordered: boolean;
  maxRoundTripMs: number | null;
  /** Spread between threads of (performance.timeOrigin + performance.now()) − hrtime: ~0 means one clock. */
  perfOffsetSpreadMs: number | null;
  workerCpusAllowed: string[];
}

export interface StormRecording {
  /** Indexed by client: ack − scheduled (ms, NaN without an ack), emit − scheduled, ack JSON length. */
  ackMs: Float64Array;
  sendLagMs: Float64Array;
  ackBytes: Int32Array;
  lastAckNs: bigint;
  ok: number;
  failures: number;
  firstError: string | null;
  events: Record<string, number>;
  /** JSON bytes per event name, summed over each worker's first client (`sampledClients` of them). */
  sampledBytes: Record<string, number>;
  sampledClients: number;
}

export interface StepRecording {
  latencies: Float64Array[];
  duplicates: number;
  stray: number;
  events: Record<string, number>;
  sampledBytes: Record<string, number>;
  sampledClients: number;
  sample: unknown;
}

function addCounts(sum: Record<string, number>, more: Record<string, number>): Record<string, number> {
  for (const [name, count] of Object.entries(more)) sum[name] = (sum[name] ?? 0) + count;
  return sum;
}

export class ClientPool {
  private nextId = 1;
  private readonly pending = new Map<number, (answer: WorkerAnswer) => void>();
  /** Clients per target (the N), as connected. */
  private clients = 0;
  private readonly delivered: Int32Array;
  private readonly lastArrival: BigInt64Array;

  private constructor(
    private readonly workers: Worker[],
    delivered: SharedArrayBuffer,
    lastArrival: SharedArrayBuffer,
  ) {
    this.delivered = new Int32Array(delivered);
    this.lastArrival = new BigInt64Array(lastArrival);
    for (const worker of workers) {
      worker.on('message', (answer: WorkerAnswer) => {
        const resolve = this.pending.get(answer.id);
        this.pending.delete(answer.id);
        resolve?.(answer);
      });
    }
  }

  static start(count: number, log: (...args: string[]) => void): ClientPool {
    const delivered = new SharedArrayBuffer(4 * count);
    const lastArrival = new SharedArrayBuffer(8 * count);
    // The worker inherits process.execArgv, so `-r ts-node/register/transpile-only` loads the .ts file.
    const file = path.join(__dirname, `client-worker${path.extname(__filename)}`);
    const workers = Array.from({ length: count }, (_, index) => {
      const workerData: ClientWorkerData = { index, delivered, lastArrival };
      const worker = new Worker(file, { workerData });
      worker.on('error', (error) => {
        log(`client worker ${index} failed: ${error.stack ?? error.message}`);
        process.exit(1);
      });
      return worker;
    });
    return new ClientPool(workers, delivered, lastArrival);
  }

  get size(): number {
    return this.workers.length;
  }

  private ask<A extends WorkerAnswer>(worker: Worker, request: Request): Promise<A> {
    const id = this.nextId++;
    return new Promise<A>((resolve, reject) => {
      this.pending.set(id, (answer) => {
        if (answer.type === 'error') reject(new Error(answer.message));
        else resolve(answer as A);
      });
      worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }

  private askAll<A extends WorkerAnswer>(request: (index: number) => Request): Promise<A[]> {
    return Promise.all(this.workers.map((worker, index) => this.ask<A>(worker, request(index))));
  }

  /** The clients (indices among the N) worker `index` holds. */
  private clientsOf(index: number, n: number): number[] {
    const clients: number[] = [];
    for (let c = index; c < n; c += this.size) clients.push(c);
    return clients;
  }

  /** Connects n clients to `base`, client c with `tokens[c]`; throws if any could not connect. */
  async connect(target: Target, base: string, tokens: string[], concurrency: number): Promise<void> {
    const n = tokens.length;
    this.clients = n;
    const answers = await this.askAll<ConnectAnswer>((index) => ({
      type: 'connect',
      target,
      base,
      clients: this.clientsOf(index, n).map((client) => ({ client, token: tokens[client] })),
      concurrency: Math.max(1, Math.ceil(concurrency / this.size)),
    }));
    const failures = answers.reduce((sum, a) => sum + a.failures, 0);
    if (failures > 0) {
      const first = answers.find((a) => a.firstError)?.firstError;
      throw new Error(`${target}: ${failures}/${n} clients could not connect (${first})`);
    }
  }

  /** Client c emits `session:join` at t0 + offsetsNs[c]; resolves once every join was answered. */
  async storm(target: Target, sessionId: string, t0Ns: bigint, offsetsNs: bigint[]): Promise<StormRecording> {
    const n = offsetsNs.length;
    const perWorker = this.workers.map((_, index) => this.clientsOf(index, n));
    const answers = await this.askAll<StormAnswer>((index) => ({
      type: 'storm',
      target,
      sessionId,
      t0Ns: t0Ns.toString(),
      joins: perWorker[index].map((client): JoinSpec => ({ client, offsetNs: offsetsNs[client].toString() })),
    }));
    const recording: StormRecording = {
      ackMs: new Float64Array(n),
      sendLagMs: new Float64Array(n),
      ackBytes: new Int32Array(n),
      lastAckNs: 0n,
      ok: 0,
      failures: 0,
      firstError: null,
      events: {},
      sampledBytes: {},
      sampledClients: Math.min(this.size, n),
    };
    answers.forEach((answer, index) => {
      perWorker[index].forEach((client, i) => {
        recording.ackMs[client] = answer.ackMs[i];
        recording.sendLagMs[client] = answer.sendLagMs[i];
        recording.ackBytes[client] = answer.ackBytes[i];
      });
      const last = BigInt(answer.lastAckNs);
      if (last > recording.lastAckNs) recording.lastAckNs = last;
      recording.ok += answer.ok;
      recording.failures += answer.failures;
      recording.firstError ??= answer.firstError;
      addCounts(recording.events, answer.events);
      addCounts(recording.sampledBytes, answer.sampledBytes);
    });
    return recording;
  }

  /** Every client of `target` leaves the session's room (`session:leave`). */
  async leave(
    target: Target,
    sessionId: string,
  ): Promise<{ ok: number; failures: number; firstError: string | null }> {
    const answers = await this.askAll<LeaveAnswer>(() => ({ type: 'leave', target, sessionId }));
    return {
      ok: answers.reduce((sum, a) => sum + a.ok, 0),
      failures: answers.reduce((sum, a) => sum + a.failures, 0),
      firstError: answers.find((a) => a.firstError)?.firstError ?? null,
    };
  }

  /** Arms every worker to record steps 0..steps-1 of `sessionId`, step i scheduled at t0 + i x period. */
  async begin(
    target: Target,
    sessionId: string,
    steps: number,
    t0Ns: bigint,
    periodNs: bigint,
  ): Promise<void> {
    await this.askAll(() => ({
      type: 'begin',
      target,
      sessionId,
      steps,
      t0Ns: t0Ns.toString(),
      periodNs: periodNs.toString(),
    }));
  }

  async end(): Promise<StepRecording> {
    const answers = await this.askAll<EndAnswer>(() => ({ type: 'end' }));
    return {
      latencies: answers.map((a) => a.latenciesMs),
      duplicates: answers.reduce((sum, a) => sum + a.duplicates, 0),
      stray: answers.reduce((sum, a) => sum + a.stray, 0),
      events: answers.reduce((sum, a) => addCounts(sum, a.events), {}),
      sampledBytes: answers.reduce((sum, a) => addCounts(sum, a.sampledBytes), {}),
      sampledClients: Math.min(this.size, this.clients),
      sample: answers.find((a) => a.sample !== null)?.sample ?? null,
    };
  }

  /** Agenda-step deliveries recorded so far in the current run (all workers). */
  deliveredSoFar(): number {
    let sum = 0;
    for (let i = 0; i < this.delivered.length; i++) sum += Atomics.load(this.delivered, i);
    return sum;
  }

  /** hrtime (ns) of the most recent event any client received. */
  lastArrivalNs(): bigint {
    let last = 0n;
    for (let i = 0; i < this.lastArrival.length; i++) {
      const t = Atomics.load(this.lastArrival, i);
      if (t > last) last = t;
    }
    return last;
  }

  /**
   * Checks that the workers' process.hrtime.bigint() is the main thread's clock: a value read in
   * a worker must lie between the main thread's send and receive of the same request.
   */
  async clockCheck(rounds: number): Promise<ClockCheck> {
    let ordered = true;
    let maxRoundTrip = 0;
    const offsets: number[] = [];
    const mainOffset = () =>
      performance.timeOrigin + performance.now() - Number(process.hrtime.bigint()) / 1e6;
    // Not timed: the first answer waits for the workers to load.
    await this.askAll(() => ({ type: 'clock', mainNs: '0' }));
    for (let r = 0; r < rounds; r++) {
      offsets.push(mainOffset());
      for (const worker of this.workers) {
        const sent = process.hrtime.bigint();
        const answer = await this.ask<ClockAnswer>(worker, { type: 'clock', mainNs: sent.toString() });
        const received = process.hrtime.bigint();
        const read = BigInt(answer.workerNs);
        if (!(sent <= read && read <= received)) ordered = false;
        maxRoundTrip = Math.max(maxRoundTrip, Number(received - sent) / 1e6);
        offsets.push(answer.perfMinusHrtimeMs);
      }
    }
    const answers = await this.askAll<ClockAnswer>(() => ({ type: 'clock', mainNs: '0' }));
    return {
      rounds,
      ordered,
      maxRoundTripMs: round(maxRoundTrip, 3),
      perfOffsetSpreadMs: round(Math.max(...offsets) - Math.min(...offsets), 3),
      workerCpusAllowed: answers.map((a) => a.cpusAllowed),
    };
  }

  async close(): Promise<void> {
    await this.askAll(() => ({ type: 'close' })).catch(() => undefined);
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
