// bench/fanout: fan-out latency of `post.created` to N socket.io clients (issue 4).
// ONE load process (this one, pinned to core 0) drives both servers under test (pinned to core 1).
// Its main thread schedules post i at t0 + i/rate on process.hrtime.bigint() (open loop: sent
// whatever happened to the earlier ones) and puts the scheduled time in the post; the N receiving
// clients live in receiver worker threads of the same process, which timestamp each arrival on the
// same monotonic clock: latency = arrival − scheduled, so a late send counts against the figure.
// Usage (see bench/README.md):
//   ulimit -n 20000; node -r ts-node/register/transpile-only bench/fanout/run.ts [--n 1000,5000] [--rate 5]
//     [--duration 20] [--warmup 2] [--runs 5] [--workers 4] [--drain 3] [--budget 840] [--nice 0] [--skip-build] [--keep-db]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { buildApi } from '../common/load-process';
import { measure, quiesce, type RunResult } from './measure';
import { type ClockCheck, cpusAllowed, ReceiverPool } from './receivers';
import { log, ROOT, type ServerUnderTest, snapshotDist, startBare, startOurs } from './servers';
import { median, round } from './stats';

interface Options {
  n: number[];
  rate: number;
  duration: number;
  /** Seconds of unmeasured posting before the runs, at the measured rate (JIT warm-up). */
  warmup: number;
  runs: number;
  drain: number;
  workers: number;
  build: boolean;
  keepDb: boolean;
  pg: string;
  loadCpu: string;
  serverCpu: string;
  connectConcurrency: number;
  bodyBytes: number;
  budget: number;
  nice: number;
  profileDir: string | null;
  bareRecovery: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    n: [1000, 5000],
    rate: 5,
    duration: 20,
    warmup: 2,
    runs: 5,
    drain: 3,
    workers: 4,
    build: true,
    keepDb: false,
    pg: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    loadCpu: '0',
    serverCpu: '1',
    connectConcurrency: 100,
    bodyBytes: 200,
    budget: 840,
    nice: 0,
    profileDir: null,
    bareRecovery: false,
  };
  const numbers: Record<string, keyof Options> = {
    '--rate': 'rate',
    '--duration': 'duration',
    '--warmup': 'warmup',
    '--runs': 'runs',
    '--drain': 'drain',
    '--workers': 'workers',
    '--body-bytes': 'bodyBytes',
    '--budget': 'budget',
    '--nice': 'nice',
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
      case '--n':
        options.n = value()
          .split(',')
          .map((s) => Number(s.trim()));
        break;
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
  if (options.n.some((n) => badInt(n, 20000))) throw new Error('--n: 1..20000');
  if (bad(options.rate, 500)) throw new Error('--rate: 0..500 posts/s');
  if (bad(options.duration, 120)) throw new Error('--duration: 0..120 s');
  if (bad(options.warmup, 300)) throw new Error('--warmup: 0..300 s');
  if (badInt(options.runs, 10)) throw new Error('--runs: 1..10');
  if (bad(options.drain, 30)) throw new Error('--drain: 0..30 s');
  if (badInt(options.workers, 32)) throw new Error('--workers: 1..32');
  if (bad(options.budget, 3600)) throw new Error('--budget: 0..3600 s');
  if (!Number.isInteger(options.nice) || options.nice < -20 || options.nice > 19)
    throw new Error('--nice: -20..19');
  return options;
}

// Pinning: re-exec under `taskset -c <loadCpu>` unless already pinned; worker threads inherit it.
function ensurePinned(options: Options): boolean {
  if (process.env.FANOUT_PINNED === '1') return false;
  const argv = [process.execPath, ...process.execArgv, ...process.argv.slice(1)];
  // With --nice, a session of its own: the kernel's autogroup scheduling shares CPU between
  // sessions, so only the new session's autogroup nice (set in main) weighs against other sessions.
  const command = options.nice !== 0 ? ['setsid', '-w', 'taskset'] : ['taskset'];
  const result = spawnSync(command[0], [...command.slice(1), '-c', options.loadCpu, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, FANOUT_PINNED: '1' },
  });
  if (result.error) throw result.error;
  process.exit(result.status ?? 1);
  return true;
}

const STARTED_MS = Date.now();
/** Seconds left of the --budget (the whole benchmark, build included). */
const budgetLeft = (options: Options) => options.budget - (Date.now() - STARTED_MS) / 1000;
const loadavg = () => os.loadavg().map((x) => round(x, 2));

// ---------------------------------------------------------------------------------------------
const MEDIAN_KEYS = [
  'p50Ms',
  'p90Ms',
  'p99Ms',
  'p999Ms',
  'maxMs',
  'deliveredRatio',
  'cpuPerDeliveryUs',
  'cpuPerPostMs',
  'dbCpuS',
  'sendLagP50Ms',
  'sendLagP99Ms',
  'httpP50Ms',
  'loadCpuShare',
  'loadCpuPerDeliveryUs',
  'serverRunQueueWaitS',
  'loadRunQueueWaitS',
];

async function benchN(options: Options, mainJs: string, n: number): Promise<Record<string, unknown>> {
  const label = `n${n}`;
  let ours: ServerUnderTest | undefined;
  let bare: ServerUnderTest | undefined;
  const pool = ReceiverPool.start(options.workers);
  const runs: RunResult[] = [];
  const outcome: Record<string, unknown> = { n };
  try {
    const clock: ClockCheck = await pool.clockCheck(5);
    outcome.clockCheck = clock;
    if (!clock.ordered) throw new Error(`worker clocks are not the main thread's: ${JSON.stringify(clock)}`);
    log(`N=${n}: starting the API (fresh database) and the bare server on core ${options.serverCpu}`);
    ours = await startOurs(options, mainJs, label);
    bare = await startBare(options);
    outcome.serverCpusAllowed = { ours: cpusAllowed(ours.pid), bare: cpusAllowed(bare.pid) };
    for (const server of [ours, bare]) {
      const t = Date.now();
      await pool.connect(server.kind, {
        base: server.base,
        tokens: [server.token],
        rooms: [server.room],
        n,
        concurrency: options.connectConcurrency,
      });
      log(`N=${n}: ${n} clients subscribed to ${server.kind} in ${Date.now() - t} ms (${pool.size} workers)`);
    }

    // Warm-up (not measured, --warmup s at the measured rate, 2 by default): also gives the
    // envelope size the bare server pads to. A longer one measures the servers after their JIT
    // has compiled the hot paths, as they run once up for a while.
    const warm = { rate: options.rate, duration: options.warmup, drain: options.drain };
    const warmOurs = await measure(ours, pool, n, warm);
    if (!warmOurs.sample) throw new Error('no post.created arrived from the API during warm-up');
    bare.envelopeBytes = JSON.stringify(warmOurs.sample).length;
    outcome.envelopeBytes = bare.envelopeBytes;
    await quiesce(pool);
    await measure(bare, pool, n, warm);
    log(`N=${n}: envelope ${bare.envelopeBytes} bytes; measuring ${options.runs} runs each, alternating`);

    // A pair of runs lasts about 2 x (duration + drain + 2 s); stop early rather than exceed --budget.
    const pairS = 2 * (options.duration + options.drain + 2);
    outcome.skippedPairs = 0;
    for (let r = 0; r < options.runs; r++) {
      if (budgetLeft(options) < pairS) {
        outcome.skippedPairs = options.runs - r;
        log(`N=${n}: --budget reached, skipping ${options.runs - r} pair(s) of runs`);
        break;
      }
      for (const server of [ours, bare]) {
        const quiesceS = await quiesce(pool);
        const { result } = await measure(server, pool, n, options);
        result.run = r + 1;
        result.quiesceBeforeS = quiesceS;
        log(
          `N=${n} ${server.kind} #${r + 1}: p50 ${result.p50Ms} p99 ${result.p99Ms} p99.9 ${result.p999Ms} ms, ` +
            `${result.delivered}/${result.expected}, ${result.cpuPerDeliveryUs} us CPU/delivery, ` +
            `send lag p99 ${result.sendLagP99Ms} ms, load core ${result.loadCpuShare}, loadavg ${String(result.loadavg)}`,
        );
        runs.push(result);
      }
    }
  } catch (error) {
    // Keep what was measured: a server killed from outside should not cost the other N.
    outcome.error = (error as Error).message;
    log(`N=${n}: stopped early: ${(error as Error).message}`);
  } finally {
    await pool.close();
    if (ours) await ours.stop();
    if (bare) await bare.stop();
  }
  const medians: Record<string, Record<string, number | null>> = {};
  for (const kind of ['ours', 'bare']) {
    const mine = runs.filter((r) => r.server === kind);
    medians[kind] = Object.fromEntries(MEDIAN_KEYS.map((k) => [k, round(median(mine.map((r) => r[k])), 3)]));
    medians[kind].runs = mine.length;
  }
  const ratio = (key: string) => {
    const a = medians.ours[key];
    const b = medians.bare[key];
    return a !== null && b ? round(a / b, 3) : null;
  };
  return {
    ...outcome,
    medians,
    ratioOursOverBare: {
      p50: ratio('p50Ms'),
      p99: ratio('p99Ms'),
      p999: ratio('p999Ms'),
      cpuPerDelivery: ratio('cpuPerDeliveryUs'),
    },
    runs,
  };
}

/**
 * Server CPU per post ≈ fixed + perDelivery × N, fitted (least squares) on the medians of each N:
 * `fixedMs` is what a post costs whatever N (HTTP, auth, database, rendering), `perDeliveryUs` what
 * each subscribed client adds. Needs two N or more.
 */
function cpuModel(results: Record<string, unknown>[]): Record<string, unknown> | null {
  const points = (kind: string) =>
    results.flatMap((r) => {
      const medians = r.medians as Record<string, Record<string, number | null>> | undefined;
      const y = medians?.[kind]?.cpuPerPostMs;
      return typeof y === 'number' ? [{ x: r.n as number, y }] : [];
    });
  const fit = (kind: string) => {
    const p = points(kind);
    if (p.length < 2) return null;
    const mx = p.reduce((s, q) => s + q.x, 0) / p.length;
    const my = p.reduce((s, q) => s + q.y, 0) / p.length;
    const sxx = p.reduce((s, q) => s + (q.x - mx) ** 2, 0);
    if (sxx === 0) return null;
    const slope = p.reduce((s, q) => s + (q.x - mx) * (q.y - my), 0) / sxx;
    return { fixedMs: round(my - slope * mx, 3), perDeliveryUs: round(slope * 1000, 3) };
  };
  const ours = fit('ours');
  const bare = fit('bare');
  return ours && bare ? { ours, bare } : null;
}

function openFilesLimit(): string {
  const limits = fs.readFileSync('/proc/self/limits', 'utf8');
  const line = limits.split('\n').find((l) => l.startsWith('Max open files'));
  return line
    ? line.replace(/\s+/g, ' ').replace('Max open files ', '').replace(' files', '').trim()
    : 'unknown';
}

/** This session's scheduler autogroup and its nice (`/autogroup-N nice K`), or 'none'. */
function readAutogroup(): string {
  try {
    return fs.readFileSync('/proc/self/autogroup', 'utf8').trim();
  } catch {
    return 'none';
  }
}

function gitHead(): string {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'apps/api/src', 'libs'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const changed = dirty.stdout.split('\n').filter(Boolean).length;
  return `${head.stdout.trim()}${changed ? ` + ${changed} uncommitted API/libs file(s)` : ''}`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv);
  if (ensurePinned(options)) return;
  if (options.nice !== 0) fs.writeFileSync('/proc/self/autogroup', String(options.nice));
  const started = Date.now();
  const loadBefore = loadavg();
  const maxN = Math.max(...options.n);
  const softLimit = Number(openFilesLimit().split(' ')[0]);
  // Both client sets stay connected: 2 x N sockets plus the worker threads' and node's own.
  if (Number.isFinite(softLimit) && softLimit < 2 * maxN + 500)
    throw new Error(`open files limit ${softLimit} < 2 x ${maxN} + 500: run \`ulimit -n 20000\` first`);
  if (options.build) buildApi(log);
  const dist = snapshotDist();
  const results: Record<string, unknown>[] = [];
  try {
    for (const n of options.n) {
      if (budgetLeft(options) < 90) {
        log(`--budget reached: N=${n} not measured`);
        results.push({ n, skipped: 'budget' });
        continue;
      }
      results.push(await benchN(options, dist.main, n));
    }
  } finally {
    fs.rmSync(dist.dir, { recursive: true, force: true });
  }
  const document = {
    benchmark: 'fanout post.created',
    startedAt: new Date(started).toISOString(),
    elapsedS: round((Date.now() - started) / 1000, 1),
    config: {
      n: options.n,
      ratePerS: options.rate,
      durationS: options.duration,
      warmupS: options.warmup,
      postsPerRun: Math.round(options.rate * options.duration),
      runsEach: options.runs,
      order: 'ours, bare, ours, bare, ...',
      drainS: options.drain,
      receiverWorkers: options.workers,
      postBodyBytes: options.bodyBytes,
      budgetS: options.budget,
      autogroup: readAutogroup(),
      bareConnectionStateRecovery: options.bareRecovery,
      loadCpu: options.loadCpu,
      loadCpusAllowed: cpusAllowed(process.pid),
      serverCpu: options.serverCpu,
      openFilesLimit: openFilesLimit(),
      api: gitHead(),
      node: process.version,
      machine: `${os.cpus().length} x ${os.cpus()[0]?.model.trim()}, ${round(os.totalmem() / 2 ** 30, 1)} GiB, Linux ${os.release()}`,
      loadavgBefore: loadBefore,
      loadavgAfter: loadavg(),
    },
    summary: results.map((r) => ({
      n: r.n,
      medians: r.medians,
      ratioOursOverBare: r.ratioOursOverBare,
    })),
    serverCpuPerPostModel: cpuModel(results),
    results,
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
