// Small statistics helpers shared by the editing-traces scenarios.

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

export function round(x: number | null | undefined, digits: number): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function median(values: unknown[]): number | null {
  const v = values
    .filter((x): x is number => typeof x === 'number' && Number.isFinite(x))
    .sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** p50/p99/p99.9/max (ms) of latencies collected in the first `count` slots of `values`. */
export function latencySummary(values: Float64Array, count: number): Record<string, number | null> {
  const sorted = values.slice(0, count).sort();
  return {
    p50Ms: round(percentile(sorted, 0.5), 3),
    p99Ms: round(percentile(sorted, 0.99), 3),
    p999Ms: round(percentile(sorted, 0.999), 3),
    maxMs: round(sorted.length ? sorted[sorted.length - 1] : NaN, 3),
  };
}

export const nowNs = (): bigint => process.hrtime.bigint();
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
export const log = (...args: string[]): void => {
  process.stderr.write(`[editing-traces] ${args.join(' ')}\n`);
};

/**
 * A full GC of the load process (started with --expose-gc by run.ts), so that a run does not pay
 * for the garbage of the runs before it (eleven copies of the trace each). Without it ours' second
 * K = 10 run found the load process late by 36–231 ms at p99 (`sendLagP99Ms`; 3–5 ms in the other
 * runs) and measured that as the server's latency: p99 130–478 ms (bench/README.md, stop 21).
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
