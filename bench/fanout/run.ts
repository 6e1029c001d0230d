// bench/fanout: fan-out latency of `post.created` to N socket.io clients (issue 4).
// One load process (this one, pinned to core 0) drives both servers under test (pinned to core 1):
//   ours: the built API (dist/apps/api/src/main.js) on a fresh PostgreSQL database,
//   bare: bench/fanout/bare-server.ts, a bare socket.io server broadcasting the same payload size.
// Posts are sent open loop: post i is scheduled at t0 + i/rate on process.hrtime.bigint() and sent
// whatever happened to the previous ones; latency = arrival at a client - scheduled time.
// Usage: node -r ts-node/register/transpile-only bench/fanout/run.ts [--n 1000,5000] [--rate 20] [--duration 10] [--runs 3]
//   [--drain 3] [--skip-build] [--keep-db]   (see bench/README.md)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';

interface Options {
  n: number[];
  rate: number;
  duration: number;
  runs: number;
  drain: number;
  build: boolean;
  keepDb: boolean;
  pg: string;
  loadCpu: string;
  serverCpu: string;
  connectConcurrency: number;
  bodyBytes: number;
  budget: number;
}

interface Child extends ChildProcess {
  stopping?: boolean;
  output: () => string;
}

interface ServerUnderTest {
  kind: 'ours' | 'bare';
  child: Child;
  base: string;
  token: string;
  room: string;
  envelopeBytes: number;
  send: (marker: string) => Promise<Response>;
  stop: () => Promise<void>;
}

interface Sink {
  run: number;
  scheduled: BigInt64Array;
  seen: Uint8Array;
  latenciesMs: number[];
  duplicates: number;
  sample: unknown;
  n: number;
  lastArrival: bigint;
}

type RunResult = Record<string, unknown> & { server: string };

const ROOT = path.resolve(__dirname, '..', '..');
const HOST = '127.0.0.1';

function parseArgs(argv: string[]): Options {
  const options: Options = {
    n: [1000, 5000],
    rate: 20,
    duration: 10,
    runs: 3,
    drain: 3,
    build: true,
    keepDb: false,
    pg: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    loadCpu: '0',
    serverCpu: '1',
    connectConcurrency: 100,
    bodyBytes: 200,
    budget: 290,
  };
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--n':
        options.n = value()
          .split(',')
          .map((s) => Number(s.trim()));
        break;
      case '--rate':
        options.rate = Number(value());
        break;
      case '--duration':
        options.duration = Number(value());
        break;
      case '--runs':
        options.runs = Number(value());
        break;
      case '--drain':
        options.drain = Number(value());
        break;
      case '--body-bytes':
        options.bodyBytes = Number(value());
        break;
      case '--budget':
        options.budget = Number(value());
        break;
      case '--pg':
        options.pg = value();
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
  if (options.n.some((n) => bad(n, 20000) || !Number.isInteger(n))) throw new Error('--n: 1..20000');
  if (bad(options.rate, 500)) throw new Error('--rate: 0..500 posts/s');
  if (bad(options.duration, 120)) throw new Error('--duration: 0..120 s');
  if (bad(options.runs, 10) || !Number.isInteger(options.runs)) throw new Error('--runs: 1..10');
  if (bad(options.drain, 30)) throw new Error('--drain: 0..30 s');
  if (bad(options.budget, 3600)) throw new Error('--budget: 0..3600 s');
  return options;
}

// ---------------------------------------------------------------------------------------------
// Pinning: re-exec under `taskset -c 0` unless already pinned.
function ensurePinned(options: Options): boolean {
  if (process.env.FANOUT_PINNED === '1') return false;
  const argv = [process.execPath, ...process.execArgv, ...process.argv.slice(1)];
  const result = spawnSync('taskset', ['-c', options.loadCpu, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, FANOUT_PINNED: '1' },
  });
  if (result.error) throw result.error;
  process.exit(result.status ?? 1);
  return true;
}

const log = (...args: string[]) => process.stderr.write(`[fanout] ${args.join(' ')}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nowNs = () => process.hrtime.bigint();
const STARTED_MS = Date.now();
/** Seconds left of the --budget (the whole benchmark, build included). */
const budgetLeft = (options: Options) => options.budget - (Date.now() - STARTED_MS) / 1000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** utime + stime of a process, in seconds (from /proc/<pid>/stat). */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / CLK_TCK;
}
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

function startProcess(name: string, args: string[], env: Record<string, string>): Child {
  const childEnv = { ...process.env, ...env };
  delete childEnv.FANOUT_PINNED;
  const child = spawn('taskset', args, {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as Child;
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', (code, signal) => {
    if (!child.stopping) log(`${name} exited unexpectedly (code ${code}, signal ${signal}):\n${output}`);
  });
  child.output = () => output;
  return child;
}

async function stopProcess(child: Child | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.stopping = true;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function waitUntil<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: Error | undefined;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error as Error;
    }
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}

async function api<T>(
  base: string,
  method: string,
  route: string,
  token: string | undefined,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${base}/api/v1${route}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: one fresh database per server start, dropped afterwards.
async function withPg<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(options: Options, name: string): Promise<string> {
  await withPg(options.pg, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(options.pg);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(options: Options, name: string): Promise<void> {
  await withPg(options.pg, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

// ---------------------------------------------------------------------------------------------
// Servers under test.
const ADMIN_EMAIL = 'bench-admin@example.it';
const ADMIN_PASSWORD = 'bench-admin-password-123';

async function startOurs(options: Options, label: string): Promise<ServerUnderTest> {
  const dbName = `convergo_fanout_${process.pid}_${label}`;
  const databaseUrl = await createDatabase(options, dbName);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convergo-fanout-'));
  const port = await freePort();
  const child = startProcess(
    'ours',
    ['-c', options.serverCpu, process.execPath, 'dist/apps/api/src/main.js'],
    {
      PORT: String(port),
      HOST,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      DEMO_DATA: 'false',
      RATE_LIMIT_DISABLED: 'true',
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'fanout-bench-secret-0123456789abcdef0123456789',
      JWT_ACCESS_TTL_SECONDS: '3600',
      NODE_ENV: 'production',
    },
  );
  const base = `http://${HOST}:${port}`;
  const server: ServerUnderTest = {
    kind: 'ours',
    child,
    base,
    token: '',
    room: '',
    envelopeBytes: 0,
    send: () => Promise.reject(new Error('not ready')),
    async stop() {
      await stopProcess(child);
      if (!options.keepDb)
        await dropDatabase(options, dbName).catch((e) => log(`drop ${dbName}: ${(e as Error).message}`));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    const login = await waitUntil<{ accessToken: string }>('the API to accept logins', 90000, async () => {
      if (child.exitCode !== null) throw new Error(`API exited:\n${child.output()}`);
      return api(base, 'POST', '/auth/login', undefined, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    });
    server.token = login.accessToken;
    const space = await api<{ id: string }>(base, 'POST', '/spaces', server.token, {
      name: `Fanout ${label}`,
      visibility: 'public',
    });
    const thread = await api<{ id: string }>(base, 'POST', `/spaces/${space.id}/threads`, server.token, {
      title: `Fanout bench ${label}`,
      body: 'Fan-out benchmark thread.',
    });
    server.room = `thread:${thread.id}`;
    const filler = 'lorem ipsum '.repeat(Math.ceil(options.bodyBytes / 12)).slice(0, options.bodyBytes);
    server.send = (marker) =>
      fetch(`${base}/api/v1/threads/${thread.id}/posts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
        body: JSON.stringify({ body: `${marker} ${filler}` }),
        signal: AbortSignal.timeout(30000),
      });
    return server;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function startBare(options: Options): Promise<ServerUnderTest> {
  const child = startProcess(
    'bare',
    ['-c', options.serverCpu, process.execPath, ...process.execArgv, path.join(__dirname, 'bare-server.ts')],
    { PORT: '0' },
  );
  const port = await waitUntil('the bare server', 20000, async () => {
    if (child.exitCode !== null) throw new Error(`bare server exited:\n${child.output()}`);
    const match = /LISTENING (\d+)/.exec(child.output());
    return match ? Number(match[1]) : undefined;
  });
  const base = `http://${HOST}:${port}`;
  const server: ServerUnderTest = {
    kind: 'bare',
    child,
    base,
    token: 'none',
    room: 'thread:bare',
    envelopeBytes: 0,
    send: () => Promise.reject(new Error('not ready')),
    stop: () => stopProcess(child),
  };
  server.send = (marker) =>
    fetch(`${base}/broadcast`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ room: server.room, marker, bytes: server.envelopeBytes }),
      signal: AbortSignal.timeout(30000),
    });
  return server;
}

// ---------------------------------------------------------------------------------------------
// Clients: N sockets, each subscribed to the room; one shared sink records arrivals.
const MARKER = /fanout-(\d+)-(\d+)/;

function makeSink(): Sink {
  return {
    run: -1, // the run currently measured: arrivals of other runs are ignored
    scheduled: new BigInt64Array(0), // scheduled times (ns), by post index
    seen: new Uint8Array(0), // [post * n + client]
    latenciesMs: [],
    duplicates: 0,
    sample: null,
    n: 0,
    lastArrival: 0n,
  };
}

async function connectClients(
  server: ServerUnderTest,
  n: number,
  sink: Sink,
  concurrency: number,
): Promise<Socket[]> {
  const sockets: Socket[] = [];
  let failures = 0;
  const connectOne = async (index: number) => {
    const socket = io(server.base, {
      auth: { token: server.token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 30000,
    });
    socket.on('post.created', (envelope: { data?: { body?: unknown } } | undefined) => {
      const arrival = nowNs();
      sink.lastArrival = arrival;
      const body = envelope && envelope.data ? envelope.data.body : undefined;
      const match = typeof body === 'string' ? MARKER.exec(body) : null;
      if (!match) return;
      if (sink.sample === null) sink.sample = envelope;
      const run = Number(match[1]);
      const post = Number(match[2]);
      if (run !== sink.run || post >= sink.scheduled.length) return;
      const slot = post * sink.n + index;
      if (sink.seen[slot]) {
        sink.duplicates++;
        return;
      }
      sink.seen[slot] = 1;
      sink.latenciesMs.push(Number(arrival - sink.scheduled[post]) / 1e6);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const ack = (await socket.timeout(30000).emitWithAck('subscribe', { room: server.room })) as
      { ok?: boolean } | undefined;
    if (!ack || ack.ok !== true) throw new Error(`subscribe refused: ${JSON.stringify(ack)}`);
    sockets[index] = socket;
  };
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const index = next++;
      try {
        await connectOne(index);
      } catch (error) {
        failures++;
        if (failures <= 3) log(`${server.kind}: client ${index} failed: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  if (failures > 0) throw new Error(`${server.kind}: ${failures}/${n} clients could not connect+subscribe`);
  return sockets;
}

function closeClients(sockets: Socket[]): void {
  for (const socket of sockets) if (socket) socket.close();
}

// ---------------------------------------------------------------------------------------------
// One measured run: open-loop posts, then wait for the deliveries (bounded).
let runCounter = 0;

async function measure(server: ServerUnderTest, n: number, sink: Sink, options: Options): Promise<RunResult> {
  const run = ++runCounter;
  const count = Math.round(options.rate * options.duration);
  const periodNs = BigInt(Math.round(1e9 / options.rate));
  sink.run = run;
  sink.n = n;
  sink.scheduled = new BigInt64Array(count);
  sink.seen = new Uint8Array(count * n);
  sink.latenciesMs = [];
  sink.duplicates = 0;
  const sendLagMs: number[] = [];
  const statuses: Record<string, number> = {};
  let httpErrors = 0;
  const pending: Promise<void>[] = [];

  const pid = server.child.pid as number;
  const cpuBefore = cpuSeconds(pid);
  const t0 = nowNs() + 50_000_000n; // start 50 ms from now
  for (let i = 0; i < count; i++) sink.scheduled[i] = t0 + BigInt(i) * periodNs;
  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = () => {
      const now = nowNs();
      while (next < count && sink.scheduled[next] <= now) {
        const i = next++;
        sendLagMs.push(Number(nowNs() - sink.scheduled[i]) / 1e6);
        pending.push(
          server.send(`fanout-${run}-${i}`).then(
            async (response) => {
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
      const waitMs = Number(sink.scheduled[next] - nowNs()) / 1e6;
      setTimeout(tick, Math.max(0, Math.floor(waitMs)));
    };
    const firstWait = Number(t0 - nowNs()) / 1e6;
    setTimeout(tick, Math.max(0, Math.floor(firstWait)));
  });
  // Drain: wait for every delivery, at most `drain` seconds after the last scheduled post.
  const expected = count * n;
  const lastScheduled = sink.scheduled[count - 1];
  const drainUntil = lastScheduled + BigInt(Math.round(options.drain * 1e9));
  while (sink.latenciesMs.length < expected && nowNs() < drainUntil) await sleep(20);
  await Promise.race([Promise.allSettled(pending), sleep(2000)]);
  const cpuAfter = cpuSeconds(pid);
  sink.run = -1;

  const delivered = sink.latenciesMs.length;
  const lat = Float64Array.from(sink.latenciesMs).sort();
  const lag = Float64Array.from(sendLagMs).sort();
  const cpu = cpuAfter - cpuBefore;
  const result: RunResult = {
    server: server.kind,
    n,
    posts: count,
    rate: options.rate,
    delivered,
    expected,
    deliveredRatio: round(delivered / expected, 5),
    p50Ms: round(percentile(lat, 0.5), 3),
    p99Ms: round(percentile(lat, 0.99), 3),
    p999Ms: round(percentile(lat, 0.999), 3),
    maxMs: round(lat.length ? lat[lat.length - 1] : NaN, 3),
    serverCpuS: round(cpu, 3),
    cpuPerDeliveryUs: delivered ? round((cpu * 1e6) / delivered, 3) : null,
    sendLagP99Ms: round(percentile(lag, 0.99), 3),
    httpStatuses: statuses,
    httpErrors,
    duplicates: sink.duplicates,
  };
  sink.seen = new Uint8Array(0);
  sink.latenciesMs = [];
  return result;
}

/** Waits (at most 10 s) until no event arrived for 500 ms, so a late run does not spill into the next. */
async function quiesce(sink: Sink): Promise<void> {
  const deadline = Date.now() + 10000;
  await sleep(500);
  while (Date.now() < deadline && nowNs() - sink.lastArrival < 500_000_000n) await sleep(100);
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

function round(x: number | null, digits: number): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function median(values: unknown[]): number | null {
  const v = values
    .filter((x): x is number => typeof x === 'number' && Number.isFinite(x))
    .sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

// ---------------------------------------------------------------------------------------------
async function benchN(options: Options, n: number): Promise<Record<string, unknown>> {
  const label = `n${n}`;
  const sink = makeSink();
  let ours: ServerUnderTest | undefined;
  let bare: ServerUnderTest | undefined;
  const sockets: { ours: Socket[]; bare: Socket[] } = { ours: [], bare: [] };
  try {
    log(`N=${n}: starting the API (fresh database) and the bare server on core ${options.serverCpu}`);
    ours = await startOurs(options, label);
    bare = await startBare(options);
    let t = Date.now();
    sockets.ours = await connectClients(ours, n, sink, options.connectConcurrency);
    log(`N=${n}: ${n} clients subscribed to ours in ${Date.now() - t} ms`);
    t = Date.now();
    sockets.bare = await connectClients(bare, n, sink, options.connectConcurrency);
    log(`N=${n}: ${n} clients subscribed to bare in ${Date.now() - t} ms`);

    // Warm-up (not measured): a few posts on ours give the envelope size the bare server pads to.
    const warm = { ...options, rate: 10, duration: 0.5, drain: 3 };
    await measure(ours, n, sink, warm);
    if (!sink.sample) throw new Error('no post.created arrived from the API during warm-up');
    bare.envelopeBytes = JSON.stringify(sink.sample).length;
    await measure(bare, n, sink, warm);
    log(`N=${n}: envelope ${bare.envelopeBytes} bytes; measuring ${options.runs} runs each, alternating`);

    const runs: RunResult[] = [];
    // A pair of runs lasts about duration + drain + 3 s each; stop early rather than exceed --budget.
    const pairS = 2 * (options.duration + options.drain + 3);
    let skippedPairs = 0;
    for (let r = 0; r < options.runs; r++) {
      if (budgetLeft(options) < pairS) {
        skippedPairs = options.runs - r;
        log(`N=${n}: --budget reached, skipping ${skippedPairs} pair(s) of runs`);
        break;
      }
      for (const server of [ours, bare]) {
        await quiesce(sink);
        const result = await measure(server, n, sink, options);
        result.run = r + 1;
        log(
          `N=${n} ${server.kind} #${r + 1}: p50 ${result.p50Ms} p99 ${result.p99Ms} p99.9 ${result.p999Ms} ms, ` +
            `${result.delivered}/${result.expected}, ${result.cpuPerDeliveryUs} us CPU/delivery`,
        );
        runs.push(result);
      }
    }
    const med = (kind: string, key: string) =>
      median(runs.filter((r) => r.server === kind).map((r) => r[key]));
    const keys = ['p50Ms', 'p99Ms', 'p999Ms', 'deliveredRatio', 'cpuPerDeliveryUs'];
    const medians: Record<string, Record<string, number | null>> = {};
    for (const kind of ['ours', 'bare']) {
      medians[kind] = Object.fromEntries(keys.map((k) => [k, med(kind, k)]));
    }
    const ratio = (key: string) => {
      const a = medians.ours[key];
      const b = medians.bare[key];
      return a !== null && b ? round(a / b, 3) : null;
    };
    return {
      n,
      envelopeBytes: bare.envelopeBytes,
      skippedPairs,
      runs,
      medians,
      ratioOursOverBare: {
        p50: ratio('p50Ms'),
        p99: ratio('p99Ms'),
        cpuPerDelivery: ratio('cpuPerDeliveryUs'),
      },
    };
  } finally {
    closeClients(sockets.ours);
    closeClients(sockets.bare);
    if (ours) await ours.stop();
    if (bare) await bare.stop();
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv);
  if (ensurePinned(options)) return;
  const started = Date.now();
  const loadBefore = os.loadavg().map((x) => round(x, 2));
  if (options.build) {
    log('npm run build');
    const build = spawnSync('npm', ['run', 'build'], {
      cwd: ROOT,
      stdio: ['ignore', process.stderr, 'inherit'],
    });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  if (!fs.existsSync(path.join(ROOT, 'dist/apps/api/src/main.js')))
    throw new Error('dist missing: npm run build');
  const results: Record<string, unknown>[] = [];
  for (const n of options.n) {
    if (budgetLeft(options) < 60) {
      log(`--budget reached: N=${n} not measured`);
      results.push({ n, skipped: 'budget' });
      continue;
    }
    results.push(await benchN(options, n));
  }
  const document = {
    benchmark: 'fanout post.created',
    startedAt: new Date(started).toISOString(),
    elapsedS: round((Date.now() - started) / 1000, 1),
    config: {
      n: options.n,
      ratePerS: options.rate,
      durationS: options.duration,
      runsEach: options.runs,
      drainS: options.drain,
      postBodyBytes: options.bodyBytes,
      budgetS: options.budget,
      loadCpu: options.loadCpu,
      serverCpu: options.serverCpu,
      clkTck: CLK_TCK,
      node: process.version,
      loadavgBefore: loadBefore,
      loadavgAfter: os.loadavg().map((x) => round(x, 2)),
      cpus: os.cpus().length,
    },
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
