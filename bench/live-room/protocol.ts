// Messages between the live-room load process's main thread (which schedules the agenda steps and
// the join storms) and its client worker threads (which hold the socket.io clients). Every request
// carries an `id` that the worker's answer repeats. Times are process.hrtime.bigint() nanoseconds,
// sent as decimal strings.

export type Target = 'ours' | 'bare';

export interface ClientWorkerData {
  index: number;
  /** Int32Array, one slot per worker: agenda-step deliveries recorded in the current run. */
  delivered: SharedArrayBuffer;
  /** BigInt64Array, one slot per worker: hrtime (ns) of the last event of any kind any client got. */
  lastArrival: SharedArrayBuffer;
}

/** One client of a worker: its index among the N clients and its access token (ours). */
export interface ClientSpec {
  client: number;
  token: string;
}

/** One scheduled `session:join`: client `client` emits it at t0 + offsetNs. */
export interface JoinSpec {
  client: number;
  offsetNs: string;
}

export type WorkerRequest =
  | {
      id: number;
      type: 'connect';
      target: Target;
      base: string;
      clients: ClientSpec[];
      concurrency: number;
    }
  | { id: number; type: 'storm'; target: Target; sessionId: string; t0Ns: string; joins: JoinSpec[] }
  | { id: number; type: 'leave'; target: Target; sessionId: string }
  | {
      id: number;
      type: 'begin';
      target: Target;
      sessionId: string;
      steps: number;
      t0Ns: string;
      periodNs: string;
    }
  | { id: number; type: 'end' }
  | { id: number; type: 'clock'; mainNs: string }
  | { id: number; type: 'close' };

export interface ConnectAnswer {
  id: number;
  type: 'connected';
  connected: number;
  failures: number;
  firstError: string | null;
}

export interface StormAnswer {
  id: number;
  type: 'stormed';
  /** Per join of this worker, in the request's order: ack arrival − scheduled (ms); NaN without an ack. */
  ackMs: Float64Array<ArrayBuffer>;
  /** Per join: emit − scheduled (ms), how late this worker sent it. */
  sendLagMs: Float64Array<ArrayBuffer>;
  /** Per join: JSON length of the acknowledgement (0 without one). */
  ackBytes: Int32Array<ArrayBuffer>;
  /** Latest ack arrival (hrtime ns, '0' when none). */
  lastAckNs: string;
  ok: number;
  failures: number;
  firstError: string | null;
  /** Events (by name) the worker's clients of this target got from the first join to the answer. */
  events: Record<string, number>;
  /** JSON bytes of those events, by name, received by the worker's first client only. */
  sampledBytes: Record<string, number>;
}

export interface LeaveAnswer {
  id: number;
  type: 'left';
  ok: number;
  failures: number;
  firstError: string | null;
}

export interface EndAnswer {
  id: number;
  type: 'ended';
  /** Latencies in ms (arrival − scheduled), in arrival order; transferred, not copied. */
  latenciesMs: Float64Array<ArrayBuffer>;
  duplicates: number;
  /** `session.agenda_step` events of another session or step range while this run was recorded. */
  stray: number;
  /** Events (by name, `session.agenda_step` included) the clients got while this run was recorded. */
  events: Record<string, number>;
  /** JSON bytes of those events, by name, received by the worker's first client only. */
  sampledBytes: Record<string, number>;
  /** The first envelope recorded (the warm-up uses it to size the bare server's payload). */
  sample: unknown;
}

export interface ClockAnswer {
  id: number;
  type: 'clock';
  workerNs: string;
  /** performance.timeOrigin + performance.now() − hrtime, in ms, read in the worker. */
  perfMinusHrtimeMs: number;
  cpusAllowed: string;
}

export interface SimpleAnswer {
  id: number;
  type: 'ok' | 'error';
  message?: string;
}

export type WorkerAnswer = ConnectAnswer | StormAnswer | LeaveAnswer | EndAnswer | ClockAnswer | SimpleAnswer;
