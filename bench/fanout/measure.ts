// One measured fan-out run, shared by bench/fanout and bench/scale-out: open-loop posts scheduled
// on process.hrtime.bigint(), the deliveries the receiver workers record, and the costs read from
// /proc around it (server, PostgreSQL backends, the load process itself).
import { backendCpuDelta } from '../common/api-under-test';
import { loadavg } from '../common/load-process';
import { markerOf } from './protocol';
import type { ReceiverPool } from './receivers';
import { cpuSeconds, runQueueWaitSeconds, type ServerUnderTest, sleep } from './servers';
import { mergeSorted, percentile, round } from './stats';

export type RunResult = Record<string, unknown> & { server: string };

export interface RunShape {
  /** Posts per second (open loop). */
  rate: number;
  /** Seconds of posting. */
  duration: number;
  /** Seconds to wait for deliveries after the last scheduled post. */
  drain: number;
}

const nowNs = () => process.hrtime.bigint();
/** Summed over the server's processes (several API processes behind a proxy in bench/scale-out). */
const serverPids = (server: ServerUnderTest) => server.pids ?? [server.pid];
const sumOver = (pids: number[], read: (pid: number) => number) => pids.reduce((s, pid) => s + read(pid), 0);

/** The main thread's own CPU (s): the sender, apart from the receiver workers. */
const mainThreadCpu = () => cpuSeconds(process.pid, process.pid);
/** The whole load process's CPU (s), every thread. */
const loadProcessCpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

// One measured run: open-loop posts, then wait for the deliveries (bounded by --drain).
let runCounter = 0;

export async function measure(
  server: ServerUnderTest,
  pool: ReceiverPool,
  n: number,
  options: RunShape,
): Promise<{ result: RunResult; sample: unknown }> {
  const run = ++runCounter;
  const count = Math.round(options.rate * options.duration);
  const periodNs = BigInt(Math.round(1e9 / options.rate));
  const expected = count * n;
  await pool.begin(server.kind, run, count);

  const sendLagMs = new Float64Array(count);
  const httpMs: number[] = [];
  const statuses: Record<string, number> = {};
  let httpErrors = 0;
  const pending: Promise<void>[] = [];
  const loadavgAtStart = loadavg();

  const serverCpuBefore = sumOver(serverPids(server), (pid) => cpuSeconds(pid));
  const serverWaitBefore = sumOver(serverPids(server), runQueueWaitSeconds);
  const loadWaitBefore = runQueueWaitSeconds(process.pid);
  const dbCpuBefore = await server.dbCpuSeconds();
  const loadCpuBefore = loadProcessCpu();
  const mainCpuBefore = mainThreadCpu();
  const wallBefore = nowNs();
  const t0 = nowNs() + 100_000_000n;
  const scheduled = Array.from({ length: count }, (_, i) => t0 + BigInt(i) * periodNs);
  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = () => {
      while (next < count && scheduled[next] <= nowNs()) {
        const i = next++;
        const sentAt = nowNs();
        sendLagMs[i] = Number(sentAt - scheduled[i]) / 1e6;
        pending.push(
          server.send(markerOf(run, i, scheduled[i])).then(
            async (response) => {
              httpMs.push(Number(nowNs() - sentAt) / 1e6);
              statuses[response.status] = (statuses[response.status] ?? 0) + 1;
              await response.arrayBuffer();
            },
            () => {
              httpErrors++;
            },
          ),
        );
      }
      if (next >= count) {
        resolve();
        return;
      }
      setTimeout(tick, Math.max(0, Math.floor(Number(scheduled[next] - nowNs()) / 1e6)));
    };
    setTimeout(tick, Math.max(0, Math.floor(Number(t0 - nowNs()) / 1e6)));
  });
  const drainUntil = scheduled[count - 1] + BigInt(Math.round(options.drain * 1e9));
  while (pool.deliveredSoFar() < expected && nowNs() < drainUntil) await sleep(10);
  const drainedAt = nowNs();
  await Promise.race([Promise.allSettled(pending), sleep(2000)]);
  const serverCpu = sumOver(serverPids(server), (pid) => cpuSeconds(pid)) - serverCpuBefore;
  const serverWait = sumOver(serverPids(server), runQueueWaitSeconds) - serverWaitBefore;
  const loadWait = runQueueWaitSeconds(process.pid) - loadWaitBefore;
  const dbCpu = backendCpuDelta(dbCpuBefore, await server.dbCpuSeconds());
  const loadCpu = loadProcessCpu() - loadCpuBefore;
  const mainCpu = mainThreadCpu() - mainCpuBefore;
  const wallS = Number(nowNs() - wallBefore) / 1e9;
  const recording = await pool.end(run);

  const lat = mergeSorted(recording.latencies);
  const delivered = lat.length;
  const lag = sendLagMs.slice().sort();
  const http = Float64Array.from(httpMs).sort();
  const result: RunResult = {
    server: server.kind,
    n,
    posts: count,
    delivered,
    expected,
    deliveredRatio: round(delivered / expected, 5),
    p50Ms: round(percentile(lat, 0.5), 3),
    p90Ms: round(percentile(lat, 0.9), 3),
    p99Ms: round(percentile(lat, 0.99), 3),
    p999Ms: round(percentile(lat, 0.999), 3),
    maxMs: round(lat.length ? lat[lat.length - 1] : NaN, 3),
    serverCpuS: round(serverCpu, 3),
    cpuPerDeliveryUs: delivered ? round((serverCpu * 1e6) / delivered, 3) : null,
    cpuPerPostMs: round((serverCpu * 1e3) / count, 3),
    dbCpuS: server.kind === 'bare' ? null : round(dbCpu, 3),
    sendLagP50Ms: round(percentile(lag, 0.5), 3),
    sendLagP99Ms: round(percentile(lag, 0.99), 3),
    sendLagMaxMs: round(lag[lag.length - 1], 3),
    httpP50Ms: round(percentile(http, 0.5), 3),
    httpP99Ms: round(percentile(http, 0.99), 3),
    // Share of core 0 the load process used over the run (1 = saturated: then it is the bottleneck).
    loadCpuShare: round(loadCpu / wallS, 3),
    loadMainThreadCpuShare: round(mainCpu / wallS, 3),
    loadCpuPerDeliveryUs: delivered ? round((loadCpu * 1e6) / delivered, 3) : null,
    // Time the threads were runnable but waited for their core (other processes, or each other).
    serverRunQueueWaitS: round(serverWait, 3),
    loadRunQueueWaitS: round(loadWait, 3),
    drainS: round(Number(drainedAt - scheduled[count - 1]) / 1e9, 3),
    httpStatuses: statuses,
    httpErrors,
    duplicates: recording.duplicates,
    stray: recording.stray,
    loadavg: loadavgAtStart,
  };
  return { result, sample: recording.sample };
}

/**
 * Waits (at most 30 s) until no event arrived for 500 ms, so a late run does not spill into the
 * next; returns the seconds waited (more than ~0.5 s means the previous run left a backlog).
 */
export async function quiesce(pool: ReceiverPool): Promise<number> {
  const started = Date.now();
  await sleep(500);
  while (Date.now() - started < 30000 && nowNs() - pool.lastArrivalNs() < 500_000_000n) await sleep(100);
  return round((Date.now() - started) / 1000, 1) ?? 0;
}
