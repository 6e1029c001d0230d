// What both benchmarks need to run pinned servers and read their costs: free ports, processes
// started under `taskset` with their last output kept, /proc CPU readings, the API over HTTP, and
// short-lived PostgreSQL connections.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';

export const ROOT = path.resolve(__dirname, '..', '..');
export const HOST = '127.0.0.1';
/** The administrator each benchmark creates in its fresh database (ADMIN_EMAIL/ADMIN_PASSWORD). */
export const BENCH_ADMIN = { email: 'bench-admin@example.it', password: 'bench-admin-password-123' };

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/**
 * utime + stime in seconds (CLK_TCK resolution) of a whole process (/proc/<pid>/stat), or of one
 * of its threads when `tid` is given; NaN when it is gone.
 */
export function cpuSeconds(pid: number, tid?: number): number {
  const file = tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`;
  try {
    const stat = fs.readFileSync(file, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return NaN;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Child extends ChildProcess {
  stopping?: boolean;
  output: () => string;
}

/**
 * `BENCH_SERVER_NODE_ARGS` (space-separated node flags, e.g. `--single-threaded-gc`) is given to
 * every server a benchmark starts, ours and bare alike, so that both run under the same V8
 * settings (bench/README.md, "Issue 14", stop 20).
 */
function withServerNodeArgs(args: string[]): string[] {
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const at = args.indexOf(process.execPath);
  if (extra.length === 0 || at < 0) return args;
  return [...args.slice(0, at + 1), ...extra, ...args.slice(at + 1)];
}

/**
 * Starts `taskset <args>` from the repository root (taskset execs the command: the child's pid is
 * the server's), keeping the last 8 kB of its output to show if it dies unexpectedly, and all of it
 * in `$BENCH_SERVER_OUTPUT_DIR/<name>-<pid>.log` when that is set.
 */
export function startPinned(
  name: string,
  args: string[],
  env: Record<string, string>,
  options: { dropEnv: string[]; log: (...args: string[]) => void },
): Child {
  const childEnv = { ...process.env, ...env };
  for (const key of options.dropEnv) delete childEnv[key];
  const child = spawn('taskset', withServerNodeArgs(args), {
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
  const outputDir = process.env.BENCH_SERVER_OUTPUT_DIR;
  if (outputDir) {
    // The whole output, e.g. of `--trace-gc` given through BENCH_SERVER_NODE_ARGS.
    fs.mkdirSync(outputDir, { recursive: true });
    const file = fs.createWriteStream(path.join(outputDir, `${name}-${child.pid}.log`));
    child.stdout?.pipe(file);
    child.stderr?.pipe(file);
  }
  child.on('exit', (code, signal) => {
    if (!child.stopping)
      options.log(`${name} exited unexpectedly (code ${code}, signal ${signal}):\n${output}`);
  });
  child.output = () => output;
  return child;
}

/** SIGTERM, then SIGKILL after `killAfterMs` if it has not exited. */
export async function stopProcess(child: Child, killAfterMs = 8000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.stopping = true;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  await exited;
  clearTimeout(timer);
}

export async function waitUntil<T>(
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

/** One JSON call to the API under `/api/v1`; throws with the status and body on a non-2xx answer. */
export async function api<T>(
  base: string,
  method: string,
  route: string,
  token?: string,
  body?: unknown,
  timeoutMs = 30_000,
): Promise<T> {
  const response = await fetch(`${base}/api/v1${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function withPg<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * CPU seconds of the PostgreSQL backends serving database `dbName`, by pid, so a run can report
 * the database's share of the work next to the API process's.
 */
export async function backendCpu(maintenanceUrl: string, dbName: string): Promise<Map<number, number>> {
  const { rows } = await withPg(maintenanceUrl, (c) =>
    c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [dbName]),
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    const seconds = cpuSeconds(pid);
    // NaN: the backend ended between the query and the read.
    if (Number.isFinite(seconds)) cpu.set(pid, seconds);
  }
  return cpu;
}
