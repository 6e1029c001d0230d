// bench/connections: N authenticated sockets on one API process, each subscribed to 3 rooms, against
// a bare socket.io server (issue 14, "Sockets"). ONE load process (this one, pinned to core 0) holds
// the N clients of each server in receiver worker threads (bench/fanout's); the servers are pinned
// to core 1. Per server: the time to connect and subscribe them all (per socket and in total), the
// server's CPU for it, and its V8 heap after forced full collections (bench/common/heap-probe.cjs,
// preloaded: no inspector, no product code) before and after, per socket, ours over bare.
// Usage (see bench/README.md):
//   ulimit -n 20000; node -r ts-node/register/transpile-only bench/connections/run.ts [--n 10000]
//     [--members 100] [--workers 4] [--concurrency 100] [--bare-recovery] [--skip-build] [--keep-db]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs as parseCli } from 'node:util';
import { backendCpuDelta, startApiUnderTest, type ApiUnderTest } from '../common/api-under-test';
import { HEAP_PROBE_ARGS, readHeap, type HeapReading } from '../common/heap';
import { buildApi, gitHead, loadavg, machine, openFilesLimit, pinLoadProcess } from '../common/load-process';
import { createMembers } from '../common/members';
import { api, cpuSeconds, sleep } from '../common/processes';
import { cpusAllowed, ReceiverPool } from '../fanout/receivers';
import { snapshotDist, startBare } from '../fanout/servers';
import { mergeSorted, percentile, round } from '../fanout/stats';

const PINNED_ENV = 'CONNECTIONS_BENCH_PINNED';
const log = (...args: string[]): void => {
  process.stderr.write(`[connections] ${new Date().toISOString().slice(11, 19)} ${args.join(' ')}\n`);
};

interface Options {
  n: number;
  members: number;
  workers: number;
  concurrency: number;
  bareRecovery: boolean;
  build: boolean;
  keepDb: boolean;
  pg: string;
}

function parseArgs(argv: string[]): Options {
  const { values } = parseCli({
    args: argv.slice(2),
    options: {
      n: { type: 'string', default: '10000' },
      members: { type: 'string', default: '100' },
      workers: { type: 'string', default: '4' },
      concurrency: { type: 'string', default: '100' },
      pg: {
        type: 'string',
        default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      },
      'bare-recovery': { type: 'boolean', default: false },
      'skip-build': { type: 'boolean', default: false },
      'keep-db': { type: 'boolean', default: false },
    },
  });
  const options: Options = {
    n: Number(values.n),
    members: Number(values.members),
    workers: Number(values.workers),
    concurrency: Number(values.concurrency),
    bareRecovery: values['bare-recovery'],
    build: !values['skip-build'],
    keepDb: values['keep-db'],
    pg: values.pg,
  };
  const badInt = (x: number, max: number) => !Number.isInteger(x) || x <= 0 || x > max;
  if (badInt(options.n, 20_000)) throw new Error('--n: 1..20000');
  if (badInt(options.members, options.n)) throw new Error('--members: 1..N');
  if (badInt(options.workers, 32)) throw new Error('--workers: 1..32');
  if (badInt(options.concurrency, 2000)) throw new Error('--concurrency: 1..2000');
  return options;
}

interface Target {
  kind: 'ours' | 'bare';
  pid: number;
  base: string;
  tokens: string[];
  rooms: string[];
  perTokenRooms: string[];
  db?: ApiUnderTest;
  stop: () => Promise<void>;
}

/** The API with one public space, a thread in it and `members` members (their own tokens). */
async function startOurs(options: Options, mainJs: string, probeDir: string): Promise<Target> {
  const api_ = await startApiUnderTest({
    pg: options.pg,
    dbName: `convergo_connections_${process.pid}`,
    cpu: '1',
    mainJs,
    keepDb: options.keepDb,
    nodeArgs: HEAP_PROBE_ARGS,
    env: { BENCH_HEAP_PROBE_DIR: probeDir },
    dropEnv: [PINNED_ENV],
    log,
  });
  try {
    const admin = api_.adminToken;
    const organization = await api<{ id: string }>(api_.base, 'POST', '/organizations', admin, {
      name: 'Agenzia per la prova delle connessioni',
      kind: 'agenzia',
    });
    const space = await api<{ id: string }>(api_.base, 'POST', '/spaces', admin, {
      name: 'Spazio della prova delle connessioni',
      visibility: 'public',
    });
    const thread = await api<{ id: string }>(api_.base, 'POST', `/spaces/${space.id}/threads`, admin, {
      title: 'Discussione della prova delle connessioni',
      body: 'Ogni socket segue lo spazio, questa discussione e le proprie notifiche.',
    });
    const started = Date.now();
    const members = await createMembers(api_, organization.id, options.members, 'member', 'conn', 4);
    log(`${options.members} members made in ${Date.now() - started} ms`);
    return {
      kind: 'ours',
      pid: api_.pid,
      base: api_.base,
      tokens: members.map((m) => m.token),
      rooms: [`space:${space.id}`, `thread:${thread.id}`],
      perTokenRooms: members.map((m) => `member:${m.id}`),
      db: api_,
      stop: () => api_.stop(),
    };
  } catch (error) {
    await api_.stop();
    throw error;
  }
}

async function startBareTarget(options: Options, probeDir: string): Promise<Target> {
  const bare = await startBare({
    pg: options.pg,
    serverCpu: '1',
    keepDb: false,
    bodyBytes: 0,
    profileDir: null,
    bareRecovery: options.bareRecovery,
    bareNodeArgs: HEAP_PROBE_ARGS,
    bareEnv: { BENCH_HEAP_PROBE_DIR: probeDir },
  });
  // The same shape of rooms: two shared, one per "member" (no auth: any name joins).
  const perTokenRooms = Array.from({ length: options.members }, (_, i) => `member:bare-${i}`);
  return {
    kind: 'bare',
    pid: bare.pid,
    base: bare.base,
    tokens: perTokenRooms.map(() => 'none'),
    rooms: ['space:bare', 'thread:bare'],
    perTokenRooms,
    stop: () => bare.stop(),
  };
}

const perSocketKiB = (before: number, after: number, n: number) => round(((after - before) * 1024) / n, 2);

async function connectAll(options: Options, pool: ReceiverPool, target: Target, probeDir: string) {
  const heapBefore = await readHeap(target.pid, probeDir);
  const cpuBefore = cpuSeconds(target.pid);
  const dbBefore = target.db ? await target.db.dbCpuSeconds() : new Map<number, number>();
  const loadavgAtStart = loadavg();
  const started = process.hrtime.bigint();
  const parts = await pool.connect(target.kind, {
    base: target.base,
    tokens: target.tokens,
    rooms: target.rooms,
    perTokenRooms: target.perTokenRooms,
    n: options.n,
    concurrency: options.concurrency,
  });
  const totalS = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuS = cpuSeconds(target.pid) - cpuBefore;
  const dbCpuS = target.db ? backendCpuDelta(dbBefore, await target.db.dbCpuSeconds()) : null;
  // Let the last acknowledgements' garbage settle before the reading.
  await sleep(1000);
  const heapAfter = await readHeap(target.pid, probeDir);
  const perSocket = mergeSorted(parts);
  const result = {
    server: target.kind,
    n: options.n,
    connected: perSocket.length,
    totalS: round(totalS, 3),
    socketsPerS: round(options.n / totalS, 1),
    perSocketP50Ms: round(percentile(perSocket, 0.5), 2),
    perSocketP90Ms: round(percentile(perSocket, 0.9), 2),
    perSocketP99Ms: round(percentile(perSocket, 0.99), 2),
    perSocketMaxMs: round(perSocket[perSocket.length - 1], 2),
    serverCpuS: round(cpuS, 3),
    cpuPerSocketMs: round((cpuS * 1000) / options.n, 3),
    dbCpuS: dbCpuS === null ? null : round(dbCpuS, 3),
    heapBefore,
    heapAfter,
    heapPerSocketKiB: perSocketKiB(heapBefore.heapUsedMiB, heapAfter.heapUsedMiB, options.n),
    externalPerSocketKiB: perSocketKiB(heapBefore.externalMiB, heapAfter.externalMiB, options.n),
    rssPerSocketKiB: perSocketKiB(heapBefore.rssMiB, heapAfter.rssMiB, options.n),
    loadavg: loadavgAtStart,
  };
  log(
    `${target.kind}: ${options.n} sockets x ${target.rooms.length + 1} rooms in ${result.totalS} s ` +
      `(p50 ${result.perSocketP50Ms} p99 ${result.perSocketP99Ms} ms/socket), heap ` +
      `${heapBefore.heapUsedMiB} -> ${heapAfter.heapUsedMiB} MiB (${result.heapPerSocketKiB} KiB/socket), ` +
      `loadavg ${String(loadavgAtStart)}`,
  );
  return result;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv);
  pinLoadProcess('0', PINNED_ENV);
  const started = Date.now();
  const loadBefore = loadavg();
  const softLimit = Number(openFilesLimit().split(' ')[0]);
  // N sockets at a time, plus the worker threads' and node's own.
  if (Number.isFinite(softLimit) && softLimit < options.n + 500)
    throw new Error(`open files limit ${softLimit} < ${options.n} + 500: run \`ulimit -n 20000\` first`);
  if (options.build) buildApi(log);
  const dist = snapshotDist();
  const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'connections-heap-'));
  const targets: Target[] = [];
  const results: Record<string, unknown>[] = [];
  const afterClose: Record<string, HeapReading> = {};
  let error: string | undefined;
  try {
    targets.push(await startOurs(options, dist.main, probeDir));
    targets.push(await startBareTarget(options, probeDir));
    // One server's clients at a time: the hard open-files limit here is 20,000 (the container may
    // not raise it), and it leaves the load process in the same state for both servers.
    for (const target of targets) {
      const pool = ReceiverPool.start(options.workers);
      try {
        results.push(await connectAll(options, pool, target, probeDir));
      } finally {
        await pool.close();
      }
      // What a closed socket leaves behind (ours: connection state recovery keeps it 2 minutes).
      await sleep(2000);
      afterClose[target.kind] = await readHeap(target.pid, probeDir);
    }
  } catch (e) {
    error = (e as Error).message;
    log(`stopped early: ${error}`);
  } finally {
    for (const target of targets) await target.stop();
    fs.rmSync(dist.dir, { recursive: true, force: true });
    fs.rmSync(probeDir, { recursive: true, force: true });
  }
  const of = (kind: string) => results.find((r) => r.server === kind);
  const ratio = (key: string) => {
    const a = of('ours')?.[key];
    const b = of('bare')?.[key];
    return typeof a === 'number' && typeof b === 'number' && b ? round(a / b, 3) : null;
  };
  const document = {
    benchmark: 'connections',
    startedAt: new Date(started).toISOString(),
    elapsedS: round((Date.now() - started) / 1000, 1),
    error,
    config: {
      n: options.n,
      members: options.members,
      socketsPerMember: round(options.n / options.members, 1),
      roomsPerSocket: 3,
      rooms: 'space:<public space>, thread:<thread in it>, member:<own id> (bare: the same shapes)',
      receiverWorkers: options.workers,
      concurrency: options.concurrency,
      order: 'ours, then bare, each with a fresh receiver pool (ours closed before bare connects)',
      bareConnectionStateRecovery: options.bareRecovery,
      heapProbe:
        'process.memoryUsage() after two gc() (node --expose-gc -r bench/common/heap-probe.cjs, SIGUSR2)',
      loadCpusAllowed: cpusAllowed(process.pid),
      openFilesLimit: openFilesLimit(),
      api: gitHead(),
      node: process.version,
      machine: machine(),
      loadavgBefore: loadBefore,
      loadavgAfter: loadavg(),
    },
    summary: {
      n: options.n,
      ours: pick(of('ours')),
      bare: pick(of('bare')),
      ratioOursOverBare: {
        heapPerSocket: ratio('heapPerSocketKiB'),
        rssPerSocket: ratio('rssPerSocketKiB'),
        totalS: ratio('totalS'),
        perSocketP50: ratio('perSocketP50Ms'),
        perSocketP99: ratio('perSocketP99Ms'),
        cpuPerSocket: ratio('cpuPerSocketMs'),
      },
    },
    results,
    heapAfterClose: afterClose,
  };
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  if (error) process.exitCode = 1;
}

const SUMMARY_KEYS = [
  'totalS',
  'perSocketP50Ms',
  'perSocketP99Ms',
  'cpuPerSocketMs',
  'heapPerSocketKiB',
  'rssPerSocketKiB',
  'loadavg',
];
const pick = (result: Record<string, unknown> | undefined) =>
  result ? Object.fromEntries(SUMMARY_KEYS.map((k) => [k, result[k]])) : null;

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    log(`failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
