// bench/live-room: N participants in one live session room (issue 10), against a bare socket.io
// server doing the same transport work, alternating ours / bare in one run:
//   (1) join storm: N connected, authenticated sockets emit `session:join` spread evenly over
//       --storm seconds (open loop): time from the first join to the last acknowledgement, ack
//       latency percentiles, every ack ok, server CPU per join;
//   (2) agenda steps: the tutor posts --rate steps/s for --duration s into the room of the N
//       (open loop): delivery latency from the scheduled send to arrival, server CPU per delivery.
// ONE load process (this one, pinned to core 0) with client worker threads on one monotonic clock;
// both servers pinned to core 1. Usage (see bench/README.md):
//   node -r ts-node/register/transpile-only bench/live-room/run.ts [--n 300] [--rate 2] [--duration 20]
//     [--storm 5] [--runs 5] [--workers 4] [--drain 3] [--budget 600] [--nice 0] [--skip-build] [--keep-db]
import fs from 'node:fs';
// A runtime value: ts-node does not map the @convergo/contracts path, so the source file itself.
import { SESSION_LIMITS } from '../../libs/contracts/src/sessions';
import {
  buildApi,
  gitHead,
  loadavg,
  machine,
  openFilesLimit,
  pinLoadProcess,
  readAutogroup,
} from '../common/load-process';
import { cpuSeconds, sleep } from '../common/processes';
import { cpusAllowed } from '../fanout/receivers';
import { runQueueWaitSeconds, snapshotDist } from '../fanout/servers';
import { median, mergeSorted, percentile, round } from '../fanout/stats';
import { type ClockCheck, ClientPool } from './clients';
import {
  backendCpuDelta,
  log,
  PINNED_ENV,
  type ServerOptions,
  type ServerUnderTest,
  startBare,
  startOurs,
} from './servers';

interface Options extends ServerOptions {
  n: number;
  rate: number;
  duration: number;
  storm: number;
  runs: number;
  drain: number;
  workers: number;
  build: boolean;
  loadCpu: string;
  connectConcurrency: number;
  budget: number;
  nice: number;
}

type Result = Record<string, unknown> & { server: string };

function parseArgs(argv: string[]): Options {
  const options: Options = {
    n: 300,
    rate: 2,
    duration: 20,
    storm: 5,
    runs: 5,
    drain: 3,
    workers: 4,
    build: true,
    keepDb: false,
    pg: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    loadCpu: '0',
    serverCpu: '1',
    connectConcurrency: 50,
    setupConcurrency: 4,
    agendaItems: SESSION_LIMITS.agendaItems,
    budget: 600,
    nice: 0,
    profileDir: null,
    bareRecovery: false,
  };
  const numbers: Record<string, keyof Options> = {
    '--n': 'n',
    '--rate': 'rate',
    '--duration': 'duration',
    '--storm': 'storm',
    '--runs': 'runs',
    '--drain': 'drain',
    '--workers': 'workers',
    '--budget': 'budget',
    '--nice': 'nice',
    '--setup-concurrency': 'setupConcurrency',
  };
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg in numbers) {
      (options[numbers[arg]] as number) = Number(value());
      continue;
    }
    switch (arg) {
      case '--pg':
        options.pg = value();
        break;
      case '--profile':
        options.profileDir = value();
        break;
      case '--bare-recovery':
        options.bareRecovery = true;
        break;
      case '--skip-build':
        options.build = false;
        break;
      case '--keep-db':
        options.keepDb = true;
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  const bad = (x: number, max: number) => !Number.isFinite(x) || x <= 0 || x > max;
  const badInt = (x: number, max: number) => bad(x, max) || !Number.isInteger(x);
  if (badInt(options.n, 5000)) throw new Error('--n: 1..5000');
  if (bad(options.rate, 100)) throw new Error('--rate: 0..100 steps/s');
  if (bad(options.duration, 120)) throw new Error('--duration: 0..120 s');
  if (Math.round(options.rate * options.duration) > options.agendaItems)
    throw new Error(`--rate x --duration: at most ${options.agendaItems} steps (the agenda's items) per run`);
  if (bad(options.storm, 120)) throw new Error('--storm: 0..120 s');
  if (badInt(options.runs, 10)) throw new Error('--runs: 1..10');
  if (bad(options.drain, 30)) throw new Error('--drain: 0..30 s');
  if (badInt(options.workers, 32)) throw new Error('--workers: 1..32');
  if (badInt(options.setupConcurrency, 32)) throw new Error('--setup-concurrency: 1..32');
  if (bad(options.budget, 3600)) throw new Error('--budget: 0..3600 s');
  if (!Number.isInteger(options.nice) || options.nice < -20 || options.nice > 19)
    throw new Error('--nice: -20..19');
  return options;
}

const nowNs = () => process.hrtime.bigint();
const STARTED_MS = Date.now();
const budgetLeft = (options: Options) => options.budget - (Date.now() - STARTED_MS) / 1000;
const mainThreadCpu = () => cpuSeconds(process.pid, process.pid);
const loadProcessCpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/** What a measured window cost the server, its database, and the load process. */
async function costMeter(server: ServerUnderTest) {
  const serverCpu = cpuSeconds(server.pid);
  const serverWait = runQueueWaitSeconds(server.pid);
  const loadWait = runQueueWaitSeconds(process.pid);
  const db = await server.dbCpuSeconds();
  const loadCpu = loadProcessCpu();
  const mainCpu = mainThreadCpu();
  const wall = nowNs();
  return async () => {
    const wallS = Number(nowNs() - wall) / 1e9;
    return {
      serverCpuS: cpuSeconds(server.pid) - serverCpu,
      dbCpuS: server.kind === 'ours' ? backendCpuDelta(db, await server.dbCpuSeconds()) : null,
      wallS,
      // Share of core 0 the load process used (1 = saturated: then it is the bottleneck).
      loadCpuShare: (loadProcessCpu() - loadCpu) / wallS,
      loadMainThreadCpuShare: (mainThreadCpu() - mainCpu) / wallS,
      // Time the threads were runnable but waited for their core (other processes, or each other).
      serverRunQueueWaitS: runQueueWaitSeconds(server.pid) - serverWait,
      loadRunQueueWaitS: runQueueWaitSeconds(process.pid) - loadWait,
    };
  };
}

/**
 * Waits (at most 30 s) until no event arrived for 500 ms, so that one phase's traffic (presence
 * signals after joins and leaves) does not spill into the next; returns the seconds waited.
 */
async function quiesce(pool: ClientPool): Promise<number> {
  const started = Date.now();
  await sleep(500);
  while (Date.now() - started < 30000 && nowNs() - pool.lastArrivalNs() < 500_000_000n) await sleep(50);
  return round((Date.now() - started) / 1000, 2) ?? 0;
}

const ms = (x: number, digits = 3) => round(x, digits);
const perClient = (events: Record<string, number>, per: number, digits = 3) =>
  Object.fromEntries(Object.entries(events).map(([name, count]) => [name, round(count / per, digits)]));

// ---------------------------------------------------------------------------------------------
// (1) The join storm: client c emits `session:join` at t0 + c x storm / N.
async function joinStorm(
  server: ServerUnderTest,
  pool: ClientPool,
  sessionId: string,
  options: Pick<Options, 'n' | 'storm'>,
): Promise<{ result: Result; ackBytes: number[] }> {
  const n = options.n;
  const spanNs = BigInt(Math.round(options.storm * 1e9));
  const offsets = Array.from({ length: n }, (_, c) => (spanNs * BigInt(c)) / BigInt(n));
  const loadavgAtStart = loadavg();
  const meter = await costMeter(server);
  const t0 = nowNs() + 100_000_000n;
  const rec = await pool.storm(server.kind, sessionId, t0, offsets);
  const settleS = await quiesce(pool);
  const cost = await meter();
  const acks = Float64Array.from(rec.ackMs.filter((x) => Number.isFinite(x))).sort();
  const lag = rec.sendLagMs.slice().sort();
  const bytes = Array.from(rec.ackBytes);
  const lastJoinNs = t0 + offsets[n - 1];
  const result: Result = {
    server: server.kind,
    joins: n,
    acksOk: rec.ok,
    failures: rec.failures,
    firstError: rec.firstError,
    allOk: rec.ok === n,
    // From the first scheduled join to the last acknowledgement (the storm's span included).
    firstJoinToLastAckMs: rec.lastAckNs ? ms(Number(rec.lastAckNs - t0) / 1e6, 1) : null,
    lastJoinToLastAckMs: rec.lastAckNs ? ms(Number(rec.lastAckNs - lastJoinNs) / 1e6, 1) : null,
    ackP50Ms: ms(percentile(acks, 0.5)),
    ackP90Ms: ms(percentile(acks, 0.9)),
    ackP99Ms: ms(percentile(acks, 0.99)),
    ackMaxMs: ms(acks.length ? acks[acks.length - 1] : NaN),
    ackBytesFirst: bytes[0],
    ackBytesLast: bytes[n - 1],
    ackBytesMax: Math.max(...bytes),
    // Per client: `session.presence` signals (and anything else) the storm brought each one.
    presenceSignals: rec.events['session.presence'] ?? 0,
    eventsPerClient: perClient(rec.events, n),
    // JSON bytes one client received, by event (sampled on one client per worker); x N is what the server wrote.
    bytesPerClient: perClient(rec.sampledBytes, rec.sampledClients, 0),
    presenceMB: round((((rec.sampledBytes['session.presence'] ?? 0) / rec.sampledClients) * n) / 1e6, 1),
    serverCpuS: ms(cost.serverCpuS),
    cpuPerJoinMs: ms((cost.serverCpuS * 1e3) / n),
    dbCpuS: cost.dbCpuS === null ? null : ms(cost.dbCpuS),
    dbCpuPerJoinMs: cost.dbCpuS === null ? null : ms((cost.dbCpuS * 1e3) / n),
    cpuWithDbPerJoinMs: ms(((cost.serverCpuS + (cost.dbCpuS ?? 0)) * 1e3) / n),
    sendLagP50Ms: ms(percentile(lag, 0.5)),
    sendLagP99Ms: ms(percentile(lag, 0.99)),
    // Quiet wait after the last ack (the CPU window ends after it: presence signals included).
    settleS,
    windowS: ms(cost.wallS),
    loadCpuShare: ms(cost.loadCpuShare),
    serverRunQueueWaitS: ms(cost.serverRunQueueWaitS),
    loadRunQueueWaitS: ms(cost.loadRunQueueWaitS),
    loadavg: loadavgAtStart,
  };
  return { result, ackBytes: bytes };
}

// (2) Agenda steps: step i of the session scheduled at t0 + i / rate and posted then (open loop).
async function agendaSteps(
  server: ServerUnderTest,
  pool: ClientPool,
  sessionId: string,
  options: Pick<Options, 'n' | 'rate' | 'duration' | 'drain'>,
): Promise<{ result: Result; sample: unknown }> {
  const count = Math.round(options.rate * options.duration);
  const periodNs = BigInt(Math.round(1e9 / options.rate));
  const expected = count * options.n;
  const loadavgAtStart = loadavg();
  const t0 = nowNs() + 100_000_000n;
  await pool.begin(server.kind, sessionId, count, t0, periodNs);
  const meter = await costMeter(server);
  const scheduled = Array.from({ length: count }, (_, i) => t0 + BigInt(i) * periodNs);
  const sendLagMs = new Float64Array(count);
  const httpMs: number[] = [];
  const statuses: Record<string, number> = {};
  let httpErrors = 0;
  let firstHttpError: string | null = null;
  const pending: Promise<void>[] = [];
  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = () => {
      while (next < count && scheduled[next] <= nowNs()) {
        const i = next++;
        const sentAt = nowNs();
        sendLagMs[i] = Number(sentAt - scheduled[i]) / 1e6;
        pending.push(
          server.sendStep(sessionId, i).then(
            async (response) => {
              httpMs.push(Number(nowNs() - sentAt) / 1e6);
              statuses[response.status] = (statuses[response.status] ?? 0) + 1;
              const text = await response.text();
              if (!response.ok) firstHttpError ??= `${response.status} ${text.slice(0, 300)}`;
            },
            (error: Error) => {
              httpErrors++;
              firstHttpError ??= error.message;
            },
          ),
        );
      }
      if (next >= count) return resolve();
      setTimeout(tick, Math.max(0, Math.floor(Number(scheduled[next] - nowNs()) / 1e6)));
    };
    setTimeout(tick, Math.max(0, Math.floor(Number(t0 - nowNs()) / 1e6)));
  });
  const drainUntil = scheduled[count - 1] + BigInt(Math.round(options.drain * 1e9));
  while (pool.deliveredSoFar() < expected && nowNs() < drainUntil) await sleep(10);
  const drainedAt = nowNs();
  await Promise.race([Promise.allSettled(pending), sleep(2000)]);
  const cost = await meter();
  const recording = await pool.end();
  const lat = mergeSorted(recording.latencies);
  const delivered = lat.length;
  const lag = sendLagMs.slice().sort();
  const http = Float64Array.from(httpMs).sort();
  const result: Result = {
    server: server.kind,
    n: options.n,
    steps: count,
    delivered,
    expected,
    deliveredRatio: round(delivered / expected, 5),
    p50Ms: ms(percentile(lat, 0.5)),
    p90Ms: ms(percentile(lat, 0.9)),
    p99Ms: ms(percentile(lat, 0.99)),
    maxMs: ms(lat.length ? lat[lat.length - 1] : NaN),
    serverCpuS: ms(cost.serverCpuS),
    cpuPerDeliveryUs: delivered ? ms((cost.serverCpuS * 1e6) / delivered) : null,
    cpuPerStepMs: ms((cost.serverCpuS * 1e3) / count),
    dbCpuS: cost.dbCpuS === null ? null : ms(cost.dbCpuS),
    dbCpuPerStepMs: cost.dbCpuS === null ? null : ms((cost.dbCpuS * 1e3) / count),
    dbCpuPerDeliveryUs: cost.dbCpuS === null || !delivered ? null : ms((cost.dbCpuS * 1e6) / delivered),
    // The API and its PostgreSQL backends together (bare: the server alone).
    cpuWithDbPerDeliveryUs: delivered ? ms(((cost.serverCpuS + (cost.dbCpuS ?? 0)) * 1e6) / delivered) : null,
    sendLagP50Ms: ms(percentile(lag, 0.5)),
    sendLagP99Ms: ms(percentile(lag, 0.99)),
    httpP50Ms: ms(percentile(http, 0.5)),
    httpP99Ms: ms(percentile(http, 0.99)),
    httpStatuses: statuses,
    httpErrors,
    firstHttpError,
    loadCpuShare: ms(cost.loadCpuShare),
    loadMainThreadCpuShare: ms(cost.loadMainThreadCpuShare),
    serverRunQueueWaitS: ms(cost.serverRunQueueWaitS),
    loadRunQueueWaitS: ms(cost.loadRunQueueWaitS),
    drainS: ms(Number(drainedAt - scheduled[count - 1]) / 1e9),
    duplicates: recording.duplicates,
    stray: recording.stray,
    // Per client and step: what else each step brought (e.g. `session.updated`), besides the step.
    eventsPerClientStep: perClient(recording.events, options.n * count),
    bytesPerClientStep: perClient(recording.sampledBytes, recording.sampledClients * count, 0),
    loadavg: loadavgAtStart,
  };
  return { result, sample: recording.sample };
}

/** One room's life on one server: a fresh session, the storm, the steps, everyone leaves. */
async function room(
  server: ServerUnderTest,
  pool: ClientPool,
  options: Pick<Options, 'n' | 'storm' | 'rate' | 'duration' | 'drain'>,
) {
  const sessionId = server.nextSession();
  const quietBeforeStormS = await quiesce(pool);
  const storm = await joinStorm(server, pool, sessionId, options);
  if (storm.result.acksOk === 0)
    throw new Error(`${server.kind} acknowledged no join: ${String(storm.result.firstError)}`);
  const quietBeforeStepsS = await quiesce(pool);
  const steps = await agendaSteps(server, pool, sessionId, options);
  const left = await pool.leave(server.kind, sessionId);
  if (left.failures) log(`${server.kind}: ${left.failures} leaves failed (${left.firstError})`);
  storm.result.quiesceBeforeS = quietBeforeStormS;
  steps.result.quiesceBeforeS = quietBeforeStepsS;
  steps.result.leaveFailures = left.failures;
  return { storm, steps };
}

const STORM_KEYS = [
  'firstJoinToLastAckMs',
  'lastJoinToLastAckMs',
  'ackP50Ms',
  'ackP90Ms',
  'ackP99Ms',
  'ackMaxMs',
  'cpuPerJoinMs',
  'dbCpuPerJoinMs',
  'cpuWithDbPerJoinMs',
  'presenceSignals',
  'presenceMB',
  'sendLagP99Ms',
  'loadCpuShare',
  'serverRunQueueWaitS',
];
const STEP_KEYS = [
  'p50Ms',
  'p90Ms',
  'p99Ms',
  'maxMs',
  'deliveredRatio',
  'cpuPerDeliveryUs',
  'dbCpuPerDeliveryUs',
  'cpuWithDbPerDeliveryUs',
  'cpuPerStepMs',
  'dbCpuPerStepMs',
  'httpP50Ms',
  'sendLagP99Ms',
  'loadCpuShare',
  'serverRunQueueWaitS',
];

function summarise(runs: Result[], keys: string[], ratioKeys: Record<string, string>) {
  const medians: Record<string, Record<string, number | null>> = {};
  for (const kind of ['ours', 'bare']) {
    const mine = runs.filter((r) => r.server === kind);
    medians[kind] = Object.fromEntries(keys.map((k) => [k, round(median(mine.map((r) => r[k])), 3)]));
    medians[kind].runs = mine.length;
  }
  const ratioOursOverBare = Object.fromEntries(
    Object.entries(ratioKeys).map(([name, key]) => {
      const a = medians.ours[key];
      const b = medians.bare[key];
      return [name, a !== null && a !== undefined && b ? round(a / b, 3) : null];
    }),
  );
  return { medians, ratioOursOverBare };
}

async function bench(options: Options, mainJs: string): Promise<Record<string, unknown>> {
  const pool = ClientPool.start(options.workers, log);
  const outcome: Record<string, unknown> = {};
  const storms: Result[] = [];
  const steps: Result[] = [];
  let ours: ServerUnderTest | undefined;
  let bare: ServerUnderTest | undefined;
  try {
    const clock: ClockCheck = await pool.clockCheck(5);
    outcome.clockCheck = clock;
    if (!clock.ordered) throw new Error(`worker clocks are not the main thread's: ${JSON.stringify(clock)}`);
    log(`setting up the API (fresh database, ${options.n} participants) on core ${options.serverCpu}`);
    ours = await startOurs(options, mainJs, options.n, options.runs + 1);
    outcome.setup = ours.setup;
    log(`set-up done: ${JSON.stringify(ours.setup)}`);
    bare = await startBare(options, options.n);
    outcome.serverCpusAllowed = { ours: cpusAllowed(ours.pid), bare: cpusAllowed(bare.pid) };
    for (const server of [ours, bare]) {
      const t = Date.now();
      await pool.connect(server.kind, server.base, server.tokens, options.connectConcurrency);
      log(`${options.n} clients connected to ${server.kind} in ${Date.now() - t} ms (${pool.size} workers)`);
    }

    // Warm-up (not measured): a whole room on each; ours' sizes set the bare server's padding.
    const warm = { ...options, duration: Math.min(options.duration, 4 / options.rate) };
    const warmOurs = await room(ours, pool, warm);
    if (!warmOurs.steps.sample) throw new Error('no session.agenda_step arrived from the API during warm-up');
    if (!warmOurs.storm.result.allOk)
      throw new Error(`the API refused joins during warm-up: ${String(warmOurs.storm.result.firstError)}`);
    const envelopeBytes = JSON.stringify(warmOurs.steps.sample).length;
    await bare.configure({ ackBytes: warmOurs.storm.ackBytes, envelopeBytes });
    const warmBare = await room(bare, pool, warm);
    outcome.envelopeBytes = envelopeBytes;
    outcome.warmup = { ours: warmOurs.storm.result, bare: warmBare.storm.result };
    log(
      `warm-up: envelope ${envelopeBytes} bytes, acks ${String(warmOurs.storm.result.ackBytesFirst)}..` +
        `${String(warmOurs.storm.result.ackBytesLast)} bytes; measuring ${options.runs} runs each, alternating`,
    );

    // A pair lasts about 2 x (storm + duration + drain + 4 s of quiet waits); stop before --budget.
    const pairS = 2 * (options.storm + options.duration + options.drain + 4);
    outcome.skippedPairs = 0;
    for (let r = 0; r < options.runs; r++) {
      if (budgetLeft(options) < pairS) {
        outcome.skippedPairs = options.runs - r;
        log(`--budget reached, skipping ${options.runs - r} pair(s) of runs`);
        break;
      }
      for (const server of [ours, bare]) {
        const { storm, steps: step } = await room(server, pool, options);
        storm.result.run = r + 1;
        step.result.run = r + 1;
        storms.push(storm.result);
        steps.push(step.result);
        const s = storm.result;
        const a = step.result;
        log(
          `${server.kind} #${r + 1}: storm last ack ${s.firstJoinToLastAckMs} ms after the first join, ` +
            `ack p50 ${s.ackP50Ms} p99 ${s.ackP99Ms} ms, ${s.acksOk}/${s.joins} ok, ${s.cpuPerJoinMs} ms CPU/join; ` +
            `steps p50 ${a.p50Ms} p99 ${a.p99Ms} ms, ${a.delivered}/${a.expected}, ${a.cpuPerDeliveryUs} us CPU/delivery, ` +
            `loadavg ${String(a.loadavg)}`,
        );
      }
    }
  } catch (error) {
    outcome.error = (error as Error).message;
    log(`stopped early: ${(error as Error).message}`);
  } finally {
    await pool.close();
    if (ours) await ours.stop();
    if (bare) await bare.stop();
  }
  return {
    ...outcome,
    agendaStep: summarise(steps, STEP_KEYS, {
      p50: 'p50Ms',
      p99: 'p99Ms',
      cpuPerDelivery: 'cpuPerDeliveryUs',
      cpuWithDbPerDelivery: 'cpuWithDbPerDeliveryUs',
    }),
    joinStorm: summarise(storms, STORM_KEYS, {
      firstJoinToLastAck: 'firstJoinToLastAckMs',
      lastJoinToLastAck: 'lastJoinToLastAckMs',
      ackP50: 'ackP50Ms',
      ackP99: 'ackP99Ms',
      cpuPerJoin: 'cpuPerJoinMs',
      cpuWithDbPerJoin: 'cpuWithDbPerJoinMs',
    }),
    runs: { agendaStep: steps, joinStorm: storms },
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv);
  pinLoadProcess(options.loadCpu, PINNED_ENV, options.nice !== 0);
  if (options.nice !== 0) fs.writeFileSync('/proc/self/autogroup', String(options.nice));
  const started = Date.now();
  const loadBefore = loadavg();
  const softLimit = Number(openFilesLimit().split(' ')[0]);
  if (Number.isFinite(softLimit) && softLimit < 2 * options.n + 500)
    throw new Error(`open files limit ${softLimit} < 2 x ${options.n} + 500: raise it with ulimit -n`);
  if (options.build) buildApi(log);
  const dist = snapshotDist();
  let results: Record<string, unknown>;
  try {
    results = await bench(options, dist.main);
  } finally {
    fs.rmSync(dist.dir, { recursive: true, force: true });
  }
  const { runs, agendaStep, joinStorm, ...rest } = results;
  const document = {
    benchmark: 'live-room: join storm and session.agenda_step to N participants',
    startedAt: new Date(started).toISOString(),
    elapsedS: round((Date.now() - started) / 1000, 1),
    config: {
      n: options.n,
      stormS: options.storm,
      stepRatePerS: options.rate,
      stepDurationS: options.duration,
      stepsPerRun: Math.round(options.rate * options.duration),
      runsEach: options.runs,
      order: 'ours, bare, ours, bare, ... (each run: a fresh session, the storm, then the steps, then leave)',
      drainS: options.drain,
      clientWorkers: options.workers,
      budgetS: options.budget,
      autogroup: readAutogroup(),
      bareConnectionStateRecovery: options.bareRecovery,
      loadCpu: options.loadCpu,
      loadCpusAllowed: cpusAllowed(process.pid),
      serverCpu: options.serverCpu,
      openFilesLimit: openFilesLimit(),
      api: gitHead(),
      node: process.version,
      machine: machine(),
      loadavgBefore: loadBefore,
      loadavgAfter: loadavg(),
    },
    summary: { agendaStep, joinStorm },
    ...rest,
    runs,
  };
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    log(`failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
