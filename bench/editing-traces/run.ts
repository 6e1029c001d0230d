// bench/editing-traces: the shared documents on real typing (issue 5), see bench/README.md.
// One load process (this one, pinned to core 0) drives the servers under test (pinned to core 1):
//   ours: the built API on a fresh PostgreSQL database (or PGlite with --pglite),
//   bare: bench/editing-traces/bare-relay.ts, a bare Yjs relay over socket.io (no DB, no auth).
// Scenarios: (1) `automerge-paper` replayed by one writer while K clients receive it, ours and bare
// alternating; (2) `friendsforever` typed by two concurrent writers; (3) load time of a document
// with 100,000 stored updates before and after compaction. One JSON document on stdout.
// Usage: node -r ts-node/register/transpile-only bench/editing-traces/run.ts [options]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runConcurrent } from './concurrent-replay';
import { runLoadTime } from './load-time';
import { Peer } from './peer';
import { runSequential, type RunResult, type SequentialConfig } from './sequential-replay';
import { BUILD_DIR, build, CLK_TCK, memoryMiB, startBare, startOurs, type Server, type ServerOptions } from './servers';
import { log, median, round, sleep } from './stats';
import { assertAscii, loadTrace, planConcurrent, TRACES_DIR, truncateTrace } from './trace';

interface Options extends ServerOptions {
  k: number[];
  runs: number;
  runsSmall: number;
  rate: number;
  measure: number;
  window: number;
  tailGroup: number[];
  drain: number;
  ffRate: number;
  ffRuns: number;
  patches: number;
  loadUpdates: number;
  loadReps: number;
  scenarios: Set<string>;
  build: boolean;
  loadCpu: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    k: [1, 10, 50],
    runs: 3,
    runsSmall: 1,
    rate: 500,
    measure: 15000,
    window: 256,
    tailGroup: [1, 10, 50],
    drain: 5,
    ffRate: 1000,
    ffRuns: 1,
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
        options.runs = Number(value());
        break;
      case '--runs-small':
        options.runsSmall = Number(value());
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
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  const bad = (x: number, max: number) => !Number.isFinite(x) || x <= 0 || x > max;
  if (options.k.some((k) => bad(k, 200) || !Number.isInteger(k))) throw new Error('--k: 1..200');
  if (bad(options.runs, 10) || bad(options.runsSmall, 10)) throw new Error('--runs, --runs-small: 1..10');
  if (bad(options.rate, 20000) || bad(options.ffRate, 20000)) throw new Error('--rate, --ff-rate: 0..20000/s');
  if (bad(options.measure, 259_778)) throw new Error('--measure: 1..259778 patches');
  if (bad(options.window, 1024)) throw new Error('--window: 1..1024 (the API queues at most 2048 writes)');
  if (options.tailGroup.some((g) => bad(g, 10000) || !Number.isInteger(g))) throw new Error('--tail-group: 1..10000');
  if (options.tailGroup.length !== 1 && options.tailGroup.length !== options.k.length)
    throw new Error('--tail-group: one value, or one per --k');
  if (bad(options.loadUpdates, 259_778) || bad(options.loadReps, 10)) throw new Error('--load-updates/--load-reps');
  for (const s of options.scenarios)
    if (!['sequential', 'concurrent', 'load'].includes(s)) throw new Error(`unknown scenario ${s}`);
  if (options.scenarios.has('load') && !options.usePg) throw new Error('scenario load needs PostgreSQL');
  return options;
}

/** Re-exec under `taskset -c <loadCpu>` unless already pinned. */
function ensurePinned(options: Options): boolean {
  if (process.env.EDITING_TRACES_PINNED === '1') return false;
  const argv = [process.execPath, ...process.execArgv, ...process.argv.slice(1)];
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
  ['ackP99Ms', (r: RunResult) => (r.measured as Record<string, unknown>).ackP99Ms],
  ['cpuPerUpdateUs', (r: RunResult) => (r.measured as Record<string, unknown>).cpuPerUpdateUs],
  ['rssPeakMiB', (r: RunResult) => (r.measured as Record<string, unknown>).rssPeakMiB],
  ['completionUpdatesPerS', (r: RunResult) => (r.completion as Record<string, unknown>).updatesPerS],
  ['completionCpuPerUpdateUs', (r: RunResult) => (r.completion as Record<string, unknown>).cpuPerUpdateUs],
] as const;

async function benchK(options: Options, k: number, trace: ReturnType<typeof loadTrace>): Promise<Record<string, unknown>> {
  const runs = k === Math.max(...options.k) ? options.runs : options.runsSmall;
  const config: SequentialConfig = {
    measurePatches: options.measure,
    rate: options.rate,
    window: options.window,
    tailGroup: options.tailGroup[options.tailGroup.length === 1 ? 0 : options.k.indexOf(k)],
    drainS: options.drain,
    complete: true,
    pg: options.pg,
  };
  const servers: Server[] = [];
  const peers = new Map<Server, Peer[]>();
  try {
    log(`K=${k}: starting the API (fresh ${options.usePg ? 'PostgreSQL database' : 'PGlite DATA_DIR'}) and the bare relay`);
    const ours = await startOurs(options, `k${k}`);
    servers.push(ours);
    const bare = await startBare(options);
    servers.push(bare);
    for (const server of servers) peers.set(server, await connectPeers(server, k + 1));
    // Warm-up (not measured): 2,000 patches on each, receivers checked against the writer.
    for (const server of servers) {
      const [writer, ...receivers] = peers.get(server)!;
      const warm = await runSequential(server, writer, receivers, trace, { ...config, measurePatches: 2000, complete: false }, 'warm-up');
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
      ok: results.every((x) => x.ok === true),
      serverPeakRssMiB: { ours: round(memoryMiB(ours.pid).hwm, 1), bare: round(memoryMiB(bare.pid).hwm, 1) },
      medians,
      ratioOursOverBare: { p50: ratio('p50Ms'), p99: ratio('p99Ms'), cpuPerUpdate: ratio('cpuPerUpdateUs') },
      runs: results,
    };
  } finally {
    for (const list of peers.values()) for (const peer of list) peer.close();
    for (const server of servers) await server.stop();
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv);
  if (ensurePinned(options)) return;
  const started = Date.now();
  const loadavgBefore = os.loadavg().map((x) => round(x, 2));
  if (options.build) {
    log(`building the API into ${path.relative(process.cwd(), BUILD_DIR)}`);
    build();
  }
  if (!fs.existsSync(path.join(BUILD_DIR, 'apps/api/src/main.js'))) throw new Error(`no build in ${BUILD_DIR}`);
  const paper = truncateTrace(loadTrace('automerge-paper'), options.patches);
  assertAscii(paper);
  const friends = loadTrace('friendsforever');
  assertAscii(friends);
  const plan = planConcurrent(friends);

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
        results.loadTime = await runLoadTime(ours, paper, { updates: options.loadUpdates, reps: options.loadReps });
    } finally {
      for (const server of servers) await server.stop();
    }
  }

  const document = {
    benchmark: 'editing traces (shared documents, Yjs over socket.io)',
    startedAt: new Date(started).toISOString(),
    elapsedS: round((Date.now() - started) / 1000, 1),
    config: {
      database: options.usePg ? 'PostgreSQL (fresh database per server start)' : 'PGlite (fresh DATA_DIR)',
      traces: TRACES_DIR,
      sequentialTrace: paper.name,
      sequentialPatches: paper.patchCount,
      k: options.k,
      runsLargestK: options.runs,
      runsOtherK: options.runsSmall,
      measuredPatches: options.measure,
      ratePerS: options.rate,
      completionWindow: options.window,
      completionPatchesPerUpdate: options.tailGroup,
      drainS: options.drain,
      friendsforeverRatePerS: options.ffRate,
      loadUpdates: options.loadUpdates,
      loadReps: options.loadReps,
      loadCpu: options.loadCpu,
      serverCpu: options.serverCpu,
      clkTck: CLK_TCK,
      node: process.version,
      cpus: os.cpus().length,
      loadavgBefore,
      loadavgAfter: os.loadavg().map((x) => round(x, 2)),
    },
    ok: Object.values(results).every((r) =>
      Array.isArray(r) ? r.every((x) => (x as { ok?: unknown }).ok === true) : (r as { ok?: unknown }).ok === true,
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
