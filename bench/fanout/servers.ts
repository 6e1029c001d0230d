// The two servers under test, each started pinned with `taskset -c <serverCpu>`:
//   ours: the built API (a private copy of dist/apps/api/src/main.js) on a fresh PostgreSQL database,
//   bare: bench/fanout/bare-server.ts, a bare socket.io server broadcasting the same payload size.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  api,
  backendCpu,
  BENCH_ADMIN,
  cpuSeconds,
  freePort,
  HOST,
  ROOT,
  sleep,
  startPinned,
  stopProcess,
  waitUntil,
  withPg,
} from '../common/processes';
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
  /** Extra node flags and environment for the bare server (e.g. bench/common/heap.ts's probe). */
  bareNodeArgs?: string[];
  bareEnv?: Record<string, string>;
}

export interface ServerUnderTest {
  kind: Target;
  pid: number;
  /** Every process whose CPU counts as the server's (default: [pid]). */
  pids?: number[];
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

export { cpuSeconds, ROOT, sleep };

export const log = (...args: string[]): void => {
  process.stderr.write(`[fanout] ${new Date().toISOString().slice(11, 19)} ${args.join(' ')}\n`);
};
/** The pinned-process marker of the load process must not reach the servers; stopped within 5 s. */
const PINNED_OPTIONS = { dropEnv: ['FANOUT_PINNED'], log };

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

const profileArgs = (options: ServerOptions): string[] =>
  options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profileDir)}`] : [];

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
  const child = startPinned(
    'ours',
    ['-c', options.serverCpu, process.execPath, ...profileArgs(options), mainJs],
    {
      PORT: String(port),
      HOST,
      DATABASE_URL: url.toString(),
      DATA_DIR: dataDir,
      DEMO_DATA: 'false',
      RATE_LIMIT_DISABLED: 'true',
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'fanout-bench-secret-0123456789abcdef0123456789',
      JWT_ACCESS_TTL_SECONDS: '3600',
      NODE_ENV: 'production',
    },
    PINNED_OPTIONS,
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
      await stopProcess(child, 5000);
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
      return api(base, 'POST', '/auth/login', undefined, BENCH_ADMIN);
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
  const child = startPinned(
    'bare',
    [
      '-c',
      options.serverCpu,
      process.execPath,
      ...profileArgs(options),
      ...(options.bareNodeArgs ?? []),
      ...process.execArgv,
      script,
    ],
    {
      PORT: '0',
      BARE_RECOVERY: options.bareRecovery ? '1' : '0',
      ...options.bareEnv,
    },
    PINNED_OPTIONS,
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
    stop: () => stopProcess(child, 5000),
  };
  return server;
}
