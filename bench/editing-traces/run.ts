// bench/editing-traces: the shared documents on real typing (issue 5), see bench/README.md.
// One load process (this one, pinned to core 0) drives the servers under test (pinned to core 1):
//   ours: the built API on a fresh PostgreSQL database (or PGlite with --pglite),
//   bare: bench/editing-traces/bare-relay.ts, a bare Yjs relay over socket.io (no DB, no auth).
// Scenarios: (1) `automerge-paper` replayed by one writer while K clients receive it, ours and bare
// alternating; (2) `friendsforever` typed by two concurrent writers; (3) load time of a document
// with 100,000 stored updates before and after compaction. One JSON document on stdout.
// Usage: node -r ts-node/register/transpile-only bench/editing-traces/run.ts [--k 50,10,1] [--runs 3,3,1]
//   [--rate 500] [--measure 10000] [--tail-group 50,10,1] [--window 256] [--ff-rate 1000] [--ff-runs 3]
//   [--typist-rate 10] [--typist-updates 200] [--typist-runs 2] [--load-updates 100000] [--load-reps 3] [--scenarios sequential,concurrent,load] [--pglite]
//   [--patches N] [--skip-build] [--keep-db] [--pg URL]   (see bench/README.md)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runConcurrent } from './concurrent-replay';
import { runLoadTime } from './load-time';
import { machineMonitor } from './machine-monitor';
import { Peer } from './peer';
import { runSequential, type RunResult, type SequentialConfig } from './sequential-replay';
import {
  BUILD_DIR,
  build,
  CLK_TCK,
  memoryMiB,
  startBare,
  startOurs,
  type Server,
  type ServerOptions,
  withPg,
} from './servers';
import { log, median, round, sleep } from './stats';
import { assertAscii, loadTrace, planConcurrent, TRACES_DIR, truncateTrace } from './trace';

interface Options extends ServerOptions {
  k: number[];
  /** Empty: 1 run for K = 1 (its completion sends the whole trace one patch per update), 3 otherwise. */
  runs: number[];
  rate: number;
  measure: number;
  window: number;
  /** Empty: K patches per update, so each K's completion delivers about the same number of updates in all. */
  tailGroup: number[];
  drain: number;
  ffRate: number;
  ffRuns: number;
  typistRate: number;
  typistUpdates: number;
  typistRuns: number;
  patches: number;
  loadUpdates: number;
  loadReps: number;
  scenarios: Set<string>;
  build: boolean;
  loadCpu: string;
  /** Directory for V8 CPU profiles of our API (`--cpu-prof`), one per server start. */
  profileDir?: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    // Largest first: the K that gets three runs each is measured while the machine is idlest.
    k: [50, 10, 1],
    runs: [],
    rate: 500,
    measure: 10000,
    window: 256,
    tailGroup: [],
    drain: 5,
    ffRate: 1000,
    ffRuns: 3,
    typistRate: 10,
    typistUpdates: 200,
    typistRuns: 2,
    patches: Infinity,
    loadUpdates: 100_000,
    loadReps: 3,
    scenarios: new Set(['sequential', 'concurrent', 'load']),
    build: true,
    keepDb: false,
    pg: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    usePg: true,
    loadCpu: '0',
    serverCpu: '1',
  };
  const numbers = (s: string) => s.split(',').map((x) => Number(x.trim()));
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--k':
        options.k = numbers(value());
        break;
      case '--runs':
        options.runs = numbers(value());
        break;
      case '--rate':
        options.rate = Number(value());
        break;
      case '--measure':
        options.measure = Number(value());
        break;
      case '--window':
        options.window = Number(value());
        break;
      case '--tail-group':
        options.tailGroup = numbers(value());
        break;
      case '--drain':
        options.drain = Number(value());
        break;
      case '--ff-rate':
        options.ffRate = Number(value());
        break;
      case '--ff-runs':
        options.ffRuns = Number(value());
        break;
      case '--typist-rate':
        options.typistRate = Number(value());
        break;
      case '--typist-updates':
        options.typistUpdates = Number(value());
        break;
      case '--typist-runs':
        options.typistRuns = Number(value());
        break;
      case '--patches':
        options.patches = Number(value());
        break;
      case '--load-updates':
        options.loadUpdates = Number(value());
        break;
      case '--load-reps':
        options.loadReps = Number(value());
        break;
      case '--scenarios':
        options.scenarios = new Set(value().split(','));
        break;
      case '--pg':
        options.pg = value();
        break;
      case '--pglite':
        options.usePg = false;
        break;
      case '--skip-build':
        options.build = false;
        break;
      case '--keep-db':
        options.keepDb = true;
        break;
      case '--profile':
        options.profileDir = path.resolve(value());
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  const bad = (x: number, max: number) => !Number.isFinite(x) || x <= 0 || x > max;
  if (options.k.some((k) => bad(k, 200) || !Number.isInteger(k))) throw new Error('--k: 1..200');
  if (options.runs.some((r) => bad(r, 10) || !Number.isInteger(r))) throw new Error('--runs: 1..10');
  if (bad(options.rate, 20000) || bad(options.ffRate, 20000))
    throw new Error('--rate, --ff-rate: 0..20000/s');
  if (bad(options.measure, 259_778)) throw new Error('--measure: 1..259778 patches');
  if (
    bad(options.typistRate, 100) ||
    bad(options.typistUpdates, 10000) ||
    !(options.typistRuns >= 0 && options.typistRuns <= 10)
  )
    throw new Error('--typist-rate 0..100, --typist-updates 1..10000, --typist-runs 0..10');
  if (bad(options.window, 1024)) throw new Error('--window: 1..1024 (the API queues at most 2048 writes)');
  if (options.tailGroup.some((g) => bad(g, 10000) || !Number.isInteger(g)))
    throw new Error('--tail-group: 1..10000');
  for (const [name, list] of [
    ['--runs', options.runs],
    ['--tail-group', options.tailGroup],
  ] as const)
    if (list.length > 1 && list.length !== options.k.length)
      throw new Error(`${name}: one value, or one per --k`);
  if (bad(options.loadUpdates, 259_778) || bad(options.loadReps, 10))
    throw new Error('--load-updates/--load-reps');
  for (const s of options.scenarios)
    if (!['sequential', 'concurrent', 'load'].includes(s)) throw new Error(`unknown scenario ${s}`);
  if (options.scenarios.has('load') && !options.usePg) throw new Error('scenario load needs PostgreSQL');
  return options;
}

/** The value of a per-K option (one value for every K, or one per --k). */
function perK(options: Options, list: number[], k: number, fallback: number): number {
  if (list.length === 0) return fallback;
  return list.length === 1 ? list[0] : list[options.k.indexOf(k)];
}

/** Re-exec under `taskset -c <loadCpu>` unless already pinned. */
function ensurePinned(options: Options): boolean {
  if (process.env.EDITING_TRACES_PINNED === '1') return false;
  // --expose-gc: the load process collects its garbage between runs (collectGarbage in stats.ts).
  const argv = [process.execPath, '--expose-gc', ...process.execArgv, ...process.argv.slice(1)];
  const result = spawnSync('taskset', ['-c', options.loadCpu, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, EDITING_TRACES_PINNED: '1' },
  });
  if (result.error) throw result.error;
  process.exit(result.status ?? 1);
  return true;
}

async function connectPeers(server: Server, count: number): Promise<Peer[]> {
  const peers: Peer[] = [];
  for (let i = 0; i < count; i++) peers.push(await Peer.connect(server.base, server.token));
  return peers;
}

const seqKeys = [
  ['p50Ms', (r: RunResult) => (r.measured as Record<string, unknown>).p50Ms],
  ['p99Ms', (r: RunResult) => (r.measured as Record<string, unknown>).p99Ms],
  ['p999Ms', (r: RunResult) => (r.measured as Record<string, unknown>).p999Ms],
  ['maxMs', (r: RunResult) => (r.measured as Record<string, unknown>).maxMs],
  ['ackP99Ms', (r: RunResult) => (r.measured as Record<string, unknown>).ackP99Ms],
  ['cpuPerUpdateUs', (r: RunResult) => (r.measured as Record<string, unknown>).cpuPerUpdateUs],
  ['cpuWithDbPerUpdateUs', (r: RunResult) => (r.measured as Record<string, unknown>).cpuWithDbPerUpdateUs],
  ['loadProcessCpuShare', (r: RunResult) => (r.measured as Record<string, unknown>).loadProcessCpuShare],
  ['rssPeakMiB', (r: RunResult) => (r.measured as Record<string, unknown>).rssPeakMiB],
  ['completionUpdatesPerS', (r: RunResult) => (r.completion as Record<string, unknown>).updatesPerS],
  ['completionCpuPerUpdateUs', (r: RunResult) => (r.completion as Record<string, unknown>).cpuPerUpdateUs],
  // The full-speed replay's peak: what issue 14's K = 1 memory target compares.
  ['completionRssPeakMiB', (r: RunResult) => (r.completion as Record<string, unknown>).rssPeakMiB],
] as const;

function summarizeTypist(runs: RunResult[], options: Options): Record<string, unknown> {
  const measured = (r: RunResult) => r.measured as Record<string, unknown>;
  const keys = ['p50Ms', 'p99Ms', 'maxMs', 'cpuPerUpdateUs', 'cpuWithDbPerUpdateUs'];
  const medians = Object.fromEntries(
    ['ours', 'bare'].map((kind) => [
      kind,
      Object.fromEntries(
        keys.map((key) => [key, median(runs.filter((r) => r.server === kind).map((r) => measured(r)[key]))]),
      ),
    ]),
  ) as Record<string, Record<string, number | null>>;
  const ratio = (key: string) => {
    const a = medians.ours[key];
    const b = medians.bare[key];
    return a !== null && b ? round(a / b, 3) : null;
  };
  return {
    ratePerS: options.typistRate,
    updates: options.typistUpdates,
    runsEach: options.typistRuns,
    ok: runs.every((r) => r.ok === true),
    medians,
    ratioOursOverBare: { p50: ratio('p50Ms'), p99: ratio('p99Ms'), cpuPerUpdate: ratio('cpuPerUpdateUs') },
    runs: runs.map((r) => ({ server: r.server, run: r.run, ok: r.ok, ...measured(r) })),
  };
}

async function benchK(
  options: Options,
  k: number,
  trace: ReturnType<typeof loadTrace>,
): Promise<Record<string, unknown>> {
  const runs = perK(options, options.runs, k, k === 1 ? 1 : 3);
  const config: SequentialConfig = {
    measurePatches: options.measure,
    rate: options.rate,
    window: options.window,
    tailGroup: perK(options, options.tailGroup, k, k),
    drainS: options.drain,
    complete: true,
    pg: options.pg,
  };
  const servers: Server[] = [];
  const peers = new Map<Server, Peer[]>();
  try {
    log(
      `K=${k}: starting the API (fresh ${options.usePg ? 'PostgreSQL database' : 'PGlite DATA_DIR'}) and the bare relay`,
    );
    const ours = await startOurs(options, `k${k}`);
    servers.push(ours);
    const bare = await startBare(options);
    servers.push(bare);
    for (const server of servers) peers.set(server, await connectPeers(server, k + 1));
    // Warm-up (not measured): 2,000 patches on each, receivers checked against the writer.
    for (const server of servers) {
      const [writer, ...receivers] = peers.get(server)!;
      const warm = await runSequential(
        server,
        writer,
        receivers,
        trace,
        { ...config, measurePatches: 2000, complete: false },
        'warm-up',
      );
      if (!warm.ok) throw new Error(`${server.kind}: warm-up receivers disagree with the writer`);
    }
    const results: RunResult[] = [];
    for (let r = 0; r < runs; r++) {
      for (const server of servers) {
        await sleep(1000);
        const [writer, ...receivers] = peers.get(server)!;
        const result = await runSequential(server, writer, receivers, trace, config, `#${r + 1}`);
        result.run = r + 1;
        results.push(result);
      }
    }
    // A single typist's pace, on the largest K only: the latency without any queueing.
    const typist: RunResult[] = [];
    if (k === Math.max(...options.k))
      for (let r = 0; r < options.typistRuns; r++)
        for (const server of servers) {
          await sleep(1000);
          const [writer, ...receivers] = peers.get(server)!;
          const typistConfig = {
            ...config,
            rate: options.typistRate,
            measurePatches: options.typistUpdates,
            complete: false,
          };
          const result = await runSequential(
            server,
            writer,
            receivers,
            trace,
            typistConfig,
            `typist #${r + 1}`,
          );
          result.run = r + 1;
          typist.push(result);
        }
    const medians: Record<string, Record<string, number | null>> = {};
    for (const kind of ['ours', 'bare'])
      medians[kind] = Object.fromEntries(
        seqKeys.map(([key, get]) => [key, median(results.filter((x) => x.server === kind).map(get))]),
      );
    const ratio = (key: string) => {
      const a = medians.ours[key];
      const b = medians.bare[key];
      return a !== null && b ? round(a / b, 3) : null;
    };
    return {
      k,
      runsEach: runs,
      ok: [...results, ...typist].every((x) => x.ok === true),
      serverPeakRssMiB: { ours: round(memoryMiB(ours.pid).hwm, 1), bare: round(memoryMiB(bare.pid).hwm, 1) },
      medians,
      ratioOursOverBare: {
        p50: ratio('p50Ms'),
        p99: ratio('p99Ms'),
        cpuPerUpdate: ratio('cpuPerUpdateUs'),
        cpuWithDbPerUpdate: ratio('cpuWithDbPerUpdateUs'),
        completionUpdatesPerS: ratio('completionUpdatesPerS'),
        completionRssPeak: ratio('completionRssPeakMiB'),
      },
      runs: results,
      ...(typist.length > 0 ? { typist: summarizeTypist(typist, options) } : {}),
    };
  } finally {
    for (const list of peers.values()) for (const peer of list) peer.close();
    for (const server of servers) await server.stop();
  }
}

/** The headline figures, so the JSON can be read without walking every run. */
function summarize(results: Record<string, unknown>): Record<string, unknown> {
  const summary: Record<string, unknown> = {};
  const sequential = results.sequential as Record<string, unknown>[] | undefined;
  if (sequential)
    summary.sequential = sequential.map((x) => {
      const medians = x.medians as Record<string, Record<string, number | null>>;
      const pick = (kind: string) => ({
        p50Ms: medians[kind].p50Ms,
        p99Ms: medians[kind].p99Ms,
        cpuPerUpdateUs: medians[kind].cpuPerUpdateUs,
        cpuWithDbPerUpdateUs: medians[kind].cpuWithDbPerUpdateUs,
        maxMs: medians[kind].maxMs,
        rssPeakMiB: medians[kind].rssPeakMiB,
        completionUpdatesPerS: medians[kind].completionUpdatesPerS,
        completionRssPeakMiB: medians[kind].completionRssPeakMiB,
      });
      const runs = x.runs as RunResult[];
      const oursLast = runs.filter((r) => r.server === 'ours').at(-1);
      return {
        k: x.k,
        runsEach: x.runsEach,
        ok: x.ok,
        ours: pick('ours'),
        bare: pick('bare'),
        ratioOursOverBare: x.ratioOursOverBare,
        storedLive: oursLast?.storedLive ?? null,
        storedAfterLeave: oursLast?.storedAfterLeave ?? null,
        typist: x.typist
          ? {
              medians: (x.typist as Record<string, unknown>).medians,
              ratioOursOverBare: (x.typist as Record<string, unknown>).ratioOursOverBare,
            }
          : undefined,
        bytesSent: oursLast?.bytesSent ?? null,
        updatesSent: oursLast?.updatesSent ?? null,
      };
    });
  const concurrent = results.concurrent as Record<string, unknown> | undefined;
  if (concurrent) summary.concurrent = { ok: concurrent.ok, medians: concurrent.medians };
  const loadTime = results.loadTime as Record<string, unknown> | undefined;
  if (loadTime)
    summary.loadTime = {
      ok: loadTime.ok,
      storedUpdates: loadTime.storedUpdates,
      medians: loadTime.medians,
    };
  return summary;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv);
  if (ensurePinned(options)) return;
  const started = Date.now();
  const loadavgBefore = os.loadavg().map((x) => round(x, 2));
  const monitor = machineMonitor();
  if (options.build) {
    log(`building the API into ${path.relative(process.cwd(), BUILD_DIR)}`);
    build();
  }
  if (!fs.existsSync(path.join(BUILD_DIR, 'apps/api/src/main.js')))
    throw new Error(`no build in ${BUILD_DIR}`);
  const paperFull = loadTrace('automerge-paper');
  assertAscii(paperFull);
  const paper = truncateTrace(paperFull, options.patches);
  const friends = loadTrace('friendsforever');
  assertAscii(friends);
  const plan = planConcurrent(friends);

  const postgres = options.usePg
    ? await withPg(options.pg, async (c) =>
        Object.fromEntries(
          (
            await c.query<{ name: string; setting: string }>(
              `SELECT name, setting FROM pg_settings
               WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'shared_buffers')`,
            )
          ).rows.map((row) => [row.name, row.setting]),
        ),
      )
    : null;
  const results: Record<string, unknown> = {};
  if (options.scenarios.has('sequential')) {
    const perK: Record<string, unknown>[] = [];
    for (const k of options.k) perK.push(await benchK(options, k, paper));
    results.sequential = perK;
  }
  if (options.scenarios.has('concurrent') || options.scenarios.has('load')) {
    const servers: Server[] = [];
    try {
      const ours = await startOurs(options, 'ff');
      servers.push(ours);
      if (options.scenarios.has('concurrent')) {
        const bare = await startBare(options);
        servers.push(bare);
        results.concurrent = await runConcurrent(servers, friends, plan, {
          rate: options.ffRate,
          runs: options.ffRuns,
          pg: options.pg,
        });
      }
      if (options.scenarios.has('load'))
        results.loadTime = await runLoadTime(ours, paperFull, {
          updates: options.loadUpdates,
          reps: options.loadReps,
        });
    } finally {
      for (const server of servers) await server.stop();
    }
  }

  const document = {
    benchmark: 'editing traces (shared documents, Yjs over socket.io)',
    summary: summarize(results),
    startedAt: new Date(started).toISOString(),
    elapsedS: round((Date.now() - started) / 1000, 1),
    config: {
      database: options.usePg ? 'PostgreSQL (fresh database per server start)' : 'PGlite (fresh DATA_DIR)',
      postgres,
      traces: TRACES_DIR,
      sequentialTrace: paper.name,
      sequentialPatches: paper.patchCount,
      k: options.k,
      runsPerK: options.k.map((k) => perK(options, options.runs, k, k === 1 ? 1 : 3)),
      measuredPatches: options.measure,
      ratePerS: options.rate,
      completionWindow: options.window,
      completionPatchesPerUpdate: options.k.map((k) => perK(options, options.tailGroup, k, k)),
      drainS: options.drain,
      typist: {
        ratePerS: options.typistRate,
        updates: options.typistUpdates,
        runsEach: options.typistRuns,
        largestKOnly: true,
      },
      friendsforeverRatePerS: options.ffRate,
      friendsforeverRuns: options.ffRuns,
      loadUpdates: options.loadUpdates,
      loadReps: options.loadReps,
      loadCpu: options.loadCpu,
      serverCpu: options.serverCpu,
      clkTck: CLK_TCK,
      node: process.version,
      cpus: os.cpus().length,
      loadavgBefore,
      loadavgAfter: os.loadavg().map((x) => round(x, 2)),
      duringRun: monitor.stop(),
    },
    ok: Object.values(results).every((r) =>
      Array.isArray(r)
        ? r.every((x) => (x as { ok?: unknown }).ok === true)
        : (r as { ok?: unknown }).ok === true,
    ),
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
