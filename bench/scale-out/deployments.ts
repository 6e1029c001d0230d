// The deployments bench/scale-out compares, all on one PostgreSQL database: k API processes (pinned to
// core 1) behind their own sticky proxy (bench/scale-out/sticky-proxy.ts, pinned to core 0); with
// k > 1 (or `1r`) every process has REDIS_URL on a Redis database of the deployment's own, so the
// streams adapter of one deployment never sees another's broadcasts.
import path from 'node:path';
import { createClient } from 'redis';
import { startApiUnderTest, type ApiUnderTest } from '../common/api-under-test';
import { cpuSeconds, HOST, startPinned, stopProcess, waitUntil, type Child } from '../common/processes';
import { LANE_COOKIE } from '../fanout/protocol';

export const PINNED_ENV = 'SCALE_OUT_BENCH_PINNED';
export const log = (...args: string[]): void => {
  process.stderr.write(`[scale-out] ${new Date().toISOString().slice(11, 19)} ${args.join(' ')}\n`);
};
export const REDIS_BASE = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Redis databases 10, 11, ... : one per deployment (emptied before and after). */
const FIRST_REDIS_DB = 10;

export interface DeploymentSpec {
  /** e.g. `1 process`, `2 processes`, `1 process + Redis`. */
  label: string;
  processes: number;
  redis: boolean;
}

/** `1` (one process, no Redis), `1r` (one process with the streams adapter), `2`, `3`, ... (with Redis). */
export function parseDeployment(text: string): DeploymentSpec {
  const match = /^(\d)(r?)$/.exec(text.trim());
  if (!match || Number(match[1]) < 1) throw new Error(`--deployments: ${text} is not 1, 1r, 2, 3, ...`);
  const processes = Number(match[1]);
  const redis = processes > 1 || match[2] === 'r';
  return {
    label: `${processes} process${processes > 1 ? 'es' : ''}${processes === 1 && redis ? ' + Redis' : ''}`,
    processes,
    redis,
  };
}

export interface Deployment extends DeploymentSpec {
  apis: ApiUnderTest[];
  proxy: Child;
  proxyPid: number;
  /** The proxy's base URL. */
  base: string;
  redisUrl: string | null;
  /** The cookie header that sends a request to process `lane`. */
  laneHeader: (lane: number) => Record<string, string>;
  /** Websockets the proxy opened per process. */
  lanes: () => Promise<number[]>;
  stop: () => Promise<void>;
}

export interface DeploymentOptions {
  pg: string;
  dbName: string;
  mainJs: string;
  keepDb: boolean;
}

async function flushRedis(url: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    await client.flushDb();
  } finally {
    await client.close();
  }
}

/** The pid of the Redis server (from INFO), to read its CPU; null when it is not on this machine. */
export async function redisServerPid(): Promise<number | null> {
  const client = createClient({ url: REDIS_BASE });
  await client.connect();
  try {
    const info = await client.info('server');
    const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
    return Number.isFinite(cpuSeconds(pid)) ? pid : null;
  } finally {
    await client.close();
  }
}

/**
 * Starts a deployment. `index` picks its Redis database; the first deployment started makes the
 * PostgreSQL database (and migrates it), the others join it (`shared`).
 */
export async function startDeployment(
  spec: DeploymentSpec,
  index: number,
  options: DeploymentOptions,
  shared: boolean,
): Promise<Deployment> {
  const redisUrl = spec.redis ? `${REDIS_BASE}/${FIRST_REDIS_DB + index}` : null;
  if (redisUrl) await flushRedis(redisUrl);
  const apis: ApiUnderTest[] = [];
  const start = (sharedDb: boolean) =>
    startApiUnderTest({
      pg: options.pg,
      dbName: options.dbName,
      sharedDb,
      cpu: '1',
      mainJs: options.mainJs,
      keepDb: options.keepDb,
      env: redisUrl ? { REDIS_URL: redisUrl } : {},
      dropEnv: [PINNED_ENV],
      log,
    });
  let proxy: Child | undefined;
  const stop = async () => {
    if (proxy) await stopProcess(proxy, 3000);
    // The database's maker last: it drops the database.
    for (const api of [...apis].reverse()) await api.stop();
    if (redisUrl) await flushRedis(redisUrl).catch((e: Error) => log(`flush ${redisUrl}: ${e.message}`));
  };
  try {
    apis.push(await start(shared));
    // The first one has migrated the database; the others start together.
    apis.push(...(await Promise.all(Array.from({ length: spec.processes - 1 }, () => start(true)))));
    const script = path.join(__dirname, `sticky-proxy${path.extname(__filename)}`);
    proxy = startPinned(
      'proxy',
      ['-c', '0', process.execPath, ...process.execArgv, script],
      { PORT: '0', UPSTREAMS: apis.map((a) => a.base).join(',') },
      { dropEnv: [PINNED_ENV], log },
    );
    const child = proxy;
    const port = await waitUntil('the sticky proxy', 20000, () => {
      if (child.exitCode !== null) throw new Error(`proxy exited:\n${child.output()}`);
      const match = /LISTENING (\d+)/.exec(child.output());
      return Promise.resolve(match ? Number(match[1]) : undefined);
    });
    const base = `http://${HOST}:${port}`;
    return {
      ...spec,
      apis,
      proxy,
      proxyPid: proxy.pid as number,
      base,
      redisUrl,
      laneHeader: (lane) => ({ cookie: `${LANE_COOKIE}=${lane}` }),
      lanes: async () => {
        const response = await fetch(`${base}/__proxy/lanes`);
        return ((await response.json()) as { websockets: number[] }).websockets;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
