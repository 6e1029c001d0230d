// The servers under test, pinned to their own core: the built API on a fresh PostgreSQL database
// (or a fresh PGlite DATA_DIR), and the bare relay. Also how their CPU and memory are read.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  api,
  backendCpu,
  BENCH_ADMIN,
  CLK_TCK,
  cpuSeconds,
  freePort,
  HOST,
  ROOT,
  startPinned,
  stopProcess,
  waitUntil,
  withPg,
  type Child,
} from '../common/processes';
import { log } from './stats';

export { api, CLK_TCK, cpuSeconds, HOST, ROOT, withPg };
/** The pinned-process marker of the load process must not reach the servers. */
const PINNED_OPTIONS = { dropEnv: ['EDITING_TRACES_PINNED'], log };
/** Private build output (gitignored: `dist/`), so the benchmark never rebuilds the shared dist/. */
export const BUILD_DIR = path.join(__dirname, 'dist');

export interface ServerOptions {
  pg: string;
  /** false: the embedded PGlite in a fresh DATA_DIR instead of PostgreSQL. */
  usePg: boolean;
  serverCpu: string;
  keepDb: boolean;
  /** `--cpu-prof` into this directory (written when the server stops). */
  profileDir?: string;
}

export interface Server {
  kind: 'ours' | 'bare';
  base: string;
  pid: number;
  token: string;
  memberId: string;
  /** Creates a document (ours: POST /api/v1/documents; bare: a fresh id). */
  newDocument: (title: string) => Promise<string>;
  /** PostgreSQL connection string of the throwaway database (ours on PostgreSQL only). */
  databaseUrl?: string;
  stop: () => Promise<void>;
}

/** `swc` into the private build directory (the same command as `npm run build`). */
export function build(): void {
  fs.rmSync(BUILD_DIR, { recursive: true, force: true });
  const result = spawnSync(
    path.join(ROOT, 'node_modules/.bin/swc'),
    [
      'apps/api/src',
      'libs/contracts/src',
      '-d',
      BUILD_DIR,
      '--config-file',
      '.swcrc',
      '--ignore',
      '**/*.spec.ts',
      '--quiet',
    ],
    { cwd: ROOT, stdio: ['ignore', process.stderr, 'inherit'] },
  );
  if (result.status !== 0) throw new Error('swc build failed');
}

/** VmRSS and VmHWM (peak) of a process, in MiB. */
export function memoryMiB(pid: number): { rss: number; hwm: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

/** Samples a process's RSS every 100 ms until stopped; returns the peak seen. */
export function rssSampler(pid: number): { stop: () => number } {
  let peak = memoryMiB(pid).rss;
  const timer = setInterval(() => {
    const { rss } = memoryMiB(pid);
    if (rss > peak) peak = rss;
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, memoryMiB(pid).rss);
    },
  };
}

/** The pid of the node process under `taskset` (taskset execs it, so it is the same pid). */
const pidOf = (child: Child): number => child.pid as number;

export async function startOurs(options: ServerOptions, label: string): Promise<Server> {
  // Not `convergo_t…`: test/support/global-setup.ts drops names LIKE 'convergo_t_%' (`_` is a wildcard there).
  const dbName = `etbench_${process.pid}_${label}`;
  let databaseUrl: string | undefined;
  if (options.usePg) {
    await withPg(options.pg, (c) => c.query(`CREATE DATABASE "${dbName}"`));
    const url = new URL(options.pg);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convergo-traces-'));
  const port = await freePort();
  const child = startPinned(
    'ours',
    [
      '-c',
      options.serverCpu,
      process.execPath,
      ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : []),
      path.join(BUILD_DIR, 'apps/api/src/main.js'),
    ],
    {
      PORT: String(port),
      HOST,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      DATA_DIR: dataDir,
      DEMO_DATA: 'false',
      RATE_LIMIT_DISABLED: 'true',
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'traces-bench-secret-0123456789abcdef0123456789',
      JWT_ACCESS_TTL_SECONDS: '7200',
      NODE_ENV: 'production',
    },
    PINNED_OPTIONS,
  );
  const base = `http://${HOST}:${port}`;
  const stop = async () => {
    await stopProcess(child);
    if (databaseUrl && !options.keepDb)
      await withPg(options.pg, (c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).catch(
        (e: Error) => log(`drop ${dbName}: ${e.message}`),
      );
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const login = await waitUntil<{ accessToken: string; member: { id: string } }>(
      'the API to accept logins',
      120_000,
      async () => {
        if (child.exitCode !== null) throw new Error(`API exited:\n${child.output()}`);
        return api(base, 'POST', '/auth/login', undefined, BENCH_ADMIN);
      },
    );
    const token = login.accessToken;
    const memberId = login.member.id;
    return {
      kind: 'ours',
      base,
      pid: pidOf(child),
      token,
      memberId,
      databaseUrl,
      newDocument: async (title) =>
        (
          await api<{ id: string }>(base, 'POST', '/documents', token, {
            title,
            kind: 'proposta_progettuale',
            owner: { type: 'member', id: memberId },
          })
        ).id,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function startBare(options: ServerOptions): Promise<Server> {
  const child = startPinned(
    'bare',
    ['-c', options.serverCpu, process.execPath, ...process.execArgv, path.join(__dirname, 'bare-relay.ts')],
    { PORT: '0' },
    PINNED_OPTIONS,
  );
  const port = await waitUntil('the bare relay', 30_000, async () => {
    if (child.exitCode !== null) throw new Error(`bare relay exited:\n${child.output()}`);
    const match = /LISTENING (\d+)/.exec(child.output());
    return match ? Number(match[1]) : undefined;
  });
  let docs = 0;
  return {
    kind: 'bare',
    base: `http://${HOST}:${port}`,
    pid: pidOf(child),
    token: 'none',
    memberId: '',
    newDocument: () => {
      docs += 1;
      return Promise.resolve(`00000000-0000-4000-8000-${String(docs).padStart(12, '0')}`);
    },
    stop: () => stopProcess(child),
  };
}

/**
 * CPU seconds of the PostgreSQL backends serving `databaseUrl`'s database (the API's pool), by pid,
 * so a run can report the database's share of the work next to the API process's.
 */
export async function dbBackendCpu(
  maintenanceUrl: string,
  databaseUrl: string,
): Promise<Map<number, number>> {
  return backendCpu(maintenanceUrl, new URL(databaseUrl).pathname.slice(1));
}

export function dbCpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, s] of after) total += s - (before.get(pid) ?? 0);
  return total;
}
