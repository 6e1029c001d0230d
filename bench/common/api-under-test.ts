// The built API as a server under test: a fresh PostgreSQL database, the API pinned with
// `taskset -c <cpu>` (DEMO_DATA=false, RATE_LIMIT_DISABLED=true, LOG_LEVEL=warn, an admin from
// ADMIN_EMAIL/ADMIN_PASSWORD), logged in as that admin; stopping it drops the database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  api,
  backendCpu,
  BENCH_ADMIN,
  type Child,
  freePort,
  HOST,
  startPinned,
  stopProcess,
  waitUntil,
  withPg,
} from './processes';

export interface ApiUnderTestOptions {
  /** Maintenance database URL; the API gets a fresh `<dbName>` beside it. */
  pg: string;
  dbName: string;
  /** The database exists (another API process of the same deployment made it): neither create nor drop it. */
  sharedDb?: boolean;
  /** `taskset -c` list for the API process. */
  cpu: string;
  /** The private copy of the API's main.js to run (see snapshotDist in bench/fanout/servers.ts). */
  mainJs: string;
  keepDb: boolean;
  /** Extra node flags (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Extra or overriding environment variables for the API. */
  env?: Record<string, string>;
  /** Environment variables of the load process the API must not inherit. */
  dropEnv: string[];
  log: (...args: string[]) => void;
}

export interface ApiUnderTest {
  pid: number;
  base: string;
  adminToken: string;
  /** The administrator's member id. */
  adminId: string;
  dbName: string;
  child: Child;
  /** utime+stime (s) of the PostgreSQL backends serving the API's database, by backend pid. */
  dbCpuSeconds: () => Promise<Map<number, number>>;
  stop: () => Promise<void>;
}

export async function startApiUnderTest(options: ApiUnderTestOptions): Promise<ApiUnderTest> {
  const { dbName } = options;
  if (!options.sharedDb) await withPg(options.pg, (c) => c.query(`CREATE DATABASE "${dbName}"`));
  const url = new URL(options.pg);
  url.pathname = `/${dbName}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convergo-bench-'));
  const port = await freePort();
  const child = startPinned(
    'ours',
    ['-c', options.cpu, process.execPath, ...(options.nodeArgs ?? []), options.mainJs],
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
      JWT_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef',
      JWT_ACCESS_TTL_SECONDS: '3600',
      NODE_ENV: 'production',
      ...options.env,
    },
    { dropEnv: options.dropEnv, log: options.log },
  );
  const base = `http://${HOST}:${port}`;
  const server: ApiUnderTest = {
    pid: child.pid as number,
    base,
    adminToken: '',
    adminId: '',
    dbName,
    child,
    dbCpuSeconds: () => backendCpu(options.pg, dbName),
    async stop() {
      await stopProcess(child, 5000);
      if (!options.keepDb && !options.sharedDb)
        await withPg(options.pg, (c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).catch(
          (e: Error) => options.log(`drop ${dbName}: ${e.message}`),
        );
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    const login = await waitUntil<{ accessToken: string; member: { id: string } }>(
      'the API to accept logins',
      90000,
      async () => {
        if (child.exitCode !== null) throw new Error(`API exited:\n${child.output()}`);
        return api(base, 'POST', '/auth/login', undefined, BENCH_ADMIN);
      },
    );
    server.adminToken = login.accessToken;
    server.adminId = login.member.id;
    return server;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Sum over backends of the CPU each used between two backendCpu() readings (a new backend counts whole). */
export function backendCpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, cpu] of after) sum += cpu - (before.get(pid) ?? 0);
  return sum;
}
