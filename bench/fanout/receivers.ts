// The main thread's handle on the receiver worker threads: it splits the N clients between them,
// starts and ends the recording of a run, and merges what they recorded.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type {
  ClockAnswer,
  ConnectAnswer,
  EndAnswer,
  ReceiverWorkerData,
  Target,
  WorkerAnswer,
  WorkerRequest,
} from './protocol';
import { round } from './stats';

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

export interface RunRecording {
  latencies: Float64Array[];
  duplicates: number;
  stray: number;
  sample: unknown;
}

/** Who connects where: see the `connect` request in protocol.ts. */
export interface ConnectSpec {
  base: string;
  tokens: string[];
  rooms: string[];
  perTokenRooms?: string[];
  lanes?: number;
  n: number;
  /** Connections in flight at once, over all workers. */
  concurrency: number;
}

/** How many of `n` clients worker `index` of `workers` holds. */
export const shareOf = (n: number, workers: number, index: number): number =>
  Math.floor(n / workers) + (index < n % workers ? 1 : 0);

export class ReceiverPool {
  private nextId = 1;
  private readonly pending = new Map<number, (answer: WorkerAnswer) => void>();
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

  static start(count: number): ReceiverPool {
    const delivered = new SharedArrayBuffer(4 * count);
    const lastArrival = new SharedArrayBuffer(8 * count);
    // The worker inherits process.execArgv, so `-r ts-node/register/transpile-only` loads the .ts file.
    const file = path.join(__dirname, `receiver-worker${path.extname(__filename)}`);
    const workers = Array.from({ length: count }, (_, index) => {
      const workerData: ReceiverWorkerData = { index, delivered, lastArrival };
      const worker = new Worker(file, { workerData });
      worker.on('error', (error) => {
        process.stderr.write(`[fanout] receiver worker ${index} failed: ${error.stack ?? error.message}\n`);
        process.exit(1);
      });
      return worker;
    });
    return new ReceiverPool(workers, delivered, lastArrival);
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

  /**
   * Connects n clients to `base` (split between the workers) and subscribes each to its rooms;
   * resolves to each client's ms from io() to its last acknowledgement (unsorted).
   */
  async connect(target: Target, spec: ConnectSpec): Promise<Float64Array[]> {
    const { n } = spec;
    const answers = await this.askAll<ConnectAnswer>((index) => ({
      type: 'connect',
      target,
      base: spec.base,
      tokens: spec.tokens,
      rooms: spec.rooms,
      perTokenRooms: spec.perTokenRooms,
      lanes: spec.lanes,
      first: Array.from({ length: index }, (_, i) => shareOf(n, this.size, i)).reduce((a, b) => a + b, 0),
      clients: shareOf(n, this.size, index),
      concurrency: Math.max(1, Math.ceil(spec.concurrency / this.size)),
    }));
    const failures = answers.reduce((sum, a) => sum + a.failures, 0);
    if (failures > 0) {
      const first = answers.find((a) => a.firstError)?.firstError;
      throw new Error(`${target}: ${failures}/${n} clients could not connect+subscribe (${first})`);
    }
    return answers.map((a) => a.connectMs);
  }

  /** Arms every worker for `run`; resolves once all of them record. */
  async begin(target: Target, run: number, posts: number): Promise<void> {
    await this.askAll(() => ({ type: 'begin', target, run, posts }));
  }

  /** Stops recording `run` and returns what the workers recorded. */
  async end(run: number): Promise<RunRecording> {
    const answers = await this.askAll<EndAnswer>(() => ({ type: 'end', run }));
    return {
      latencies: answers.map((a) => a.latenciesMs),
      duplicates: answers.reduce((sum, a) => sum + a.duplicates, 0),
      stray: answers.reduce((sum, a) => sum + a.stray, 0),
      sample: answers.find((a) => a.sample !== null)?.sample ?? null,
    };
  }

  /** Deliveries recorded so far in the current run (all workers). */
  deliveredSoFar(): number {
    let sum = 0;
    for (let i = 0; i < this.delivered.length; i++) sum += Atomics.load(this.delivered, i);
    return sum;
  }

  /** hrtime (ns) of the most recent `post.created` any client received. */
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
    const answers = await this.askAll<ClockAnswer>(() => ({
      type: 'clock',
      mainNs: process.hrtime.bigint().toString(),
    }));
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

/** The CPU list the calling thread may run on (from /proc/thread-self/status). */
export function cpusAllowed(pid: number | 'thread-self' = 'thread-self'): string {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return /Cpus_allowed_list:\s*(\S+)/.exec(status)?.[1] ?? 'unknown';
}
