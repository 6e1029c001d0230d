// The two servers under test, each started pinned with `taskset -c <serverCpu>`:
//   ours: the built API (a private copy of dist/apps/api/src/main.js) on a fresh PostgreSQL database,
//   bare: bench/fanout/bare-server.ts, a bare socket.io server broadcasting the same payload size.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { Target } from './protocol';

export interface ServerOptions {
  pg: string;
  serverCpu: string;
  keepDb: boolean;
  bodyBytes: number;
  /** When set, both servers write a V8 CPU profile there when they stop (--cpu-prof). */
  profileDir: string | null;
  /** Gives the bare server the API's connection-state recovery settings. */
  bareRecovery: boolean;
}

interface Child extends ChildProcess {
  stopping?: boolean;
  output: () => string;
}

export interface ServerUnderTest {
  kind: Target;
  pid: number;
  base: string;
  token: string;
  room: string;
  /** Size of the JSON envelope the bare server pads its broadcasts to (set after the warm-up). */
  envelopeBytes: number;
  /** Sends one post (ours) or broadcast (bare) whose body carries `marker`. */
  send: (marker: string) => Promise<Response>;
  /** utime+stime (s) of the PostgreSQL backends serving this server's database (ours only). */
  dbCpuSeconds: () => Promise<Map<number, number>>;
  stop: () => Promise<void>;
}

export const ROOT = path.resolve(__dirname, '..', '..');
const HOST = '127.0.0.1';
const ADMIN_EMAIL = 'bench-admin@example.it';
const ADMIN_PASSWORD = 'bench-admin-password-123';

export const log = (...args: string[]): void => {
  process.stderr.write(`[fanout] ${new Date().toISOString().slice(11, 19)} ${args.join(' ')}\n`);
};
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/**
 * utime + stime in seconds (CLK_TCK resolution) of a whole process (/proc/<pid>/stat), or of one
 * of its threads when `tid` is given (/proc/<pid>/task/<tid>/stat).
 */
export function cpuSeconds(pid: number, tid?: number): number {
  const file = tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`;
  const stat = fs.readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/**
 * Seconds the threads of a process spent runnable but waiting for a CPU (sum of the second field
 * of /proc/<pid>/task/<tid>/schedstat): time other processes on the same core took from it.
 */
export function runQueueWaitSeconds(pid: number): number {
  let ns = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[1]);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return ns / 1e9;
}

/**
 * Copies dist/ to a private directory (with a node_modules link so requires resolve) and returns
 * its main.js: other helpers' `npm run build` starts with `rm -rf dist` and must not pull the API
 * out from under a run.
 */
export function snapshotDist(): { main: string; dir: string } {
  const source = path.join(ROOT, 'dist');
  if (!fs.existsSync(path.join(source, 'apps/api/src/main.js')))
    throw new Error('dist missing: npm run build');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fanout-bench-'));
  fs.cpSync(source, path.join(dir, 'dist'), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  // An entry of its own: a command line without `apps/api/src/main.js` escapes other helpers'
  // clean-ups by name (an earlier run's API was stopped from outside mid-run).
  const main = path.join(dir, 'api-under-test.js');
  fs.writeFileSync(main, "require('./dist/apps/api/src/main.js');\n");
  return { main, dir };
}

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

const profileArgs = (options: ServerOptions): string[] =>
  options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profileDir)}`] : [];

function startProcess(name: string, args: string[], env: Record<string, string>): Child {
  const childEnv = { ...process.env, ...env };
  delete childEnv.FANOUT_PINNED;
  // taskset execs the command: the child's pid is the server's.
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

async function stopProcess(child: Child): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
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
  token?: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${base}/api/v1${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function withPg<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function backendCpu(pgUrl: string, dbName: string): Promise<Map<number, number>> {
  const { rows } = await withPg(pgUrl, (c) =>
    c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [dbName]),
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      cpu.set(pid, cpuSeconds(pid));
    } catch {
      // The backend ended between the query and the read.
    }
  }
  return cpu;
}

export async function startOurs(
  options: ServerOptions,
  mainJs: string,
  label: string,
): Promise<ServerUnderTest> {
  const dbName = `convergo_fanout_${process.pid}_${label}`;
  await withPg(options.pg, (c) => c.query(`CREATE DATABASE "${dbName}"`));
  const url = new URL(options.pg);
  url.pathname = `/${dbName}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convergo-fanout-'));
  const port = await freePort();
  const child = startProcess(
    'ours',
    ['-c', options.serverCpu, process.execPath, ...profileArgs(options), mainJs],
    {
      PORT: String(port),
      HOST,
      DATABASE_URL: url.toString(),
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
    pid: child.pid as number,
    base,
    token: '',
    room: '',
    envelopeBytes: 0,
    send: () => Promise.reject(new Error('not ready')),
    dbCpuSeconds: () => backendCpu(options.pg, dbName),
    async stop() {
      await stopProcess(child);
      if (!options.keepDb)
        await withPg(options.pg, (c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).catch(
          (e: Error) => log(`drop ${dbName}: ${e.message}`),
        );
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

export async function startBare(options: ServerOptions): Promise<ServerUnderTest> {
  const script = path.join(__dirname, `bare-server${path.extname(__filename)}`);
  const child = startProcess(
    'bare',
    ['-c', options.serverCpu, process.execPath, ...profileArgs(options), ...process.execArgv, script],
    {
      PORT: '0',
      BARE_RECOVERY: options.bareRecovery ? '1' : '0',
    },
  );
  const port = await waitUntil('the bare server', 20000, async () => {
    if (child.exitCode !== null) throw new Error(`bare server exited:\n${child.output()}`);
    const match = /LISTENING (\d+)/.exec(child.output());
    return match ? Number(match[1]) : undefined;
  });
  const base = `http://${HOST}:${port}`;
  const server: ServerUnderTest = {
    kind: 'bare',
    pid: child.pid as number,
    base,
    token: 'none',
    room: 'thread:bare',
    envelopeBytes: 0,
    send: (marker) =>
      fetch(`${base}/broadcast`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ room: server.room, marker, bytes: server.envelopeBytes }),
        signal: AbortSignal.timeout(30000),
      }),
    dbCpuSeconds: () => Promise.resolve(new Map()),
    stop: () => stopProcess(child),
  };
  return server;
}
