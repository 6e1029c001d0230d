// Messages between the load process's main thread (which schedules and sends the posts) and its
// receiver worker threads (which hold the socket.io clients). Every request carries an `id` that
// the worker's answer repeats.

/**
 * Which set of clients a request is about: a server under test (`ours`, `bare`) or, in
 * bench/scale-out, a deployment (`1 process`, `2 processes`, ...).
 */
export type Target = string;

/** The body marker of post `post` of run `run`, scheduled at `scheduledNs` on process.hrtime.bigint(). */
export const markerOf = (run: number, post: number, scheduledNs: bigint): string =>
  `fanout-${run}-${post}-${scheduledNs}`;
export const MARKER = /fanout-(\d+)-(\d+)-(\d+)/;
/** The cookie bench/scale-out's sticky proxy routes by: `<name>=<upstream index>`. */
export const LANE_COOKIE = 'convergo_lb';

export interface ReceiverWorkerData {
  index: number;
  /** Int32Array, one slot per worker: deliveries recorded in the current run. */
  delivered: SharedArrayBuffer;
  /** BigInt64Array, one slot per worker: hrtime (ns) of the last `post.created` of any run. */
  lastArrival: SharedArrayBuffer;
}

export type WorkerRequest =
  | {
      id: number;
      type: 'connect';
      target: Target;
      base: string;
      /** Client c (numbered over all workers) connects with tokens[c % tokens.length]. */
      tokens: string[];
      /** Rooms every client subscribes to (all at once), plus perTokenRooms[c % tokens.length] if given. */
      rooms: string[];
      perTokenRooms?: string[];
      /** Number of this worker's first client over all workers. */
      first: number;
      clients: number;
      concurrency: number;
      /** When set, client c sends the cookie LANE_COOKIE=<c % lanes> (bench/scale-out's sticky proxy). */
      lanes?: number;
    }
  | { id: number; type: 'begin'; target: Target; run: number; posts: number }
  | { id: number; type: 'end'; run: number }
  | { id: number; type: 'clock'; mainNs: string }
  | { id: number; type: 'close' };

export interface ConnectAnswer {
  id: number;
  type: 'connected';
  connected: number;
  failures: number;
  firstError: string | null;
  /** Per connected client, ms from io() to the last subscribe acknowledgement; transferred. */
  connectMs: Float64Array<ArrayBuffer>;
}

export interface EndAnswer {
  id: number;
  type: 'ended';
  /** Latencies in ms (arrival − scheduled), in arrival order; transferred, not copied. */
  latenciesMs: Float64Array<ArrayBuffer>;
  duplicates: number;
  /** `post.created` events of another run or server that arrived while this run was recorded. */
  stray: number;
  /** The first envelope recorded (the warm-up uses it to size the bare server's payload). */
  sample: unknown;
}

export interface ClockAnswer {
  id: number;
  type: 'clock';
  mainNs: string;
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

export type WorkerAnswer = ConnectAnswer | EndAnswer | ClockAnswer | SimpleAnswer;
