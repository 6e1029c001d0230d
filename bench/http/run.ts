// bench/http: `GET /api/v1/threads/:id/posts` (a page of 50) under autocannon, against a bare
// Express handler running the same SQL on the same database (bench/http/bare-server.ts), runs
// alternating ours / bare in one process so the ratio sees the same machine (issue 14).
// Usage: node -r ts-node/register/transpile-only bench/http/run.ts [--duration 10] [--runs 3]
//   [--connections 10] [--posts 60] [--profile DIR] [--skip-build] [--keep-db] [--pg URL]   (see bench/README.md)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { startApiUnderTest } from '../common/api-under-test';
import { gitHead, loadavg, machine, pinLoadProcess } from '../common/load-process';
import { api, cpuSeconds, HOST, ROOT, sleep, startPinned, stopProcess, waitUntil } from '../common/processes';
import { snapshotDist } from '../fanout/servers';

interface Options {
  duration: number;
  runs: number;
  connections: number;
  posts: number;
  skipBuild: boolean;
  keepDb: boolean;
  pg: string;
  /** Directory for a V8 CPU profile of the API (`--cpu-prof`), written when it stops. */
  profile?: string;
}

function parse(argv: string[]): Options {
  const options: Options = {
    duration: 10,
    runs: 3,
    connections: 10,
    posts: 60,
    skipBuild: false,
    keepDb: false,
    pg: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = () => argv[++i];
    if (flag === '--duration') options.duration = Number(value());
    else if (flag === '--runs') options.runs = Number(value());
    else if (flag === '--connections') options.connections = Number(value());
    else if (flag === '--posts') options.posts = Number(value());
    else if (flag === '--skip-build') options.skipBuild = true;
    else if (flag === '--keep-db') options.keepDb = true;
    else if (flag === '--pg') options.pg = value();
    else if (flag === '--profile') options.profile = path.resolve(value());
    else throw new Error(`unknown option ${flag}`);
  }
  if (!(options.duration >= 1 && options.runs >= 1 && options.connections >= 1 && options.posts >= 50))
    throw new Error('--duration, --runs, --connections ≥ 1; --posts ≥ 50');
  return options;
}

const log = (...args: string[]) =>
  process.stderr.write(`[http] ${new Date().toISOString().slice(11, 19)} ${args.join(' ')}\n`);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

interface RunFigures {
  requestsPerS: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** Server CPU (ms) per request, from /proc of the server process. */
  cpuPerRequestMs: number;
}

async function measure(
  url: string,
  headers: Record<string, string>,
  pid: number,
  options: Options,
): Promise<RunFigures> {
  const cpuBefore = cpuSeconds(pid);
  const result = await autocannon({
    url,
    headers,
    connections: options.connections,
    duration: options.duration,
  });
  const cpu = cpuSeconds(pid) - cpuBefore;
  return {
    requestsPerS: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    cpuPerRequestMs: result.requests.total ? Math.round((cpu / result.requests.total) * 1e6) / 1e3 : 0,
  };
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  pinLoadProcess('0', 'BENCH_HTTP_PINNED');
  const started = Date.now();
  if (!options.skipBuild) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const dist = snapshotDist();
  const ours = await startApiUnderTest({
    pg: options.pg,
    dbName: `convergo_http_${process.pid}`,
    cpu: '1',
    mainJs: dist.main,
    nodeArgs: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${options.profile}`] : [],
    keepDb: options.keepDb,
    dropEnv: ['BENCH_HTTP_PINNED'],
    log,
  });
  let bare: ReturnType<typeof startPinned> | undefined;
  try {
    const token = ours.adminToken;
    const me = await api<{ id: string }>(ours.base, 'GET', '/me', token);
    const space = await api<{ id: string }>(ours.base, 'POST', '/spaces', token, {
      name: 'HTTP bench',
      visibility: 'public',
    });
    const thread = await api<{ id: string }>(ours.base, 'POST', `/spaces/${space.id}/threads`, token, {
      title: 'HTTP bench thread',
      body: 'Il primo messaggio della discussione.',
    });
    for (let i = 1; i < options.posts; i += 1) {
      await api(ours.base, 'POST', `/threads/${thread.id}/posts`, token, {
        body: `Risposta ${i}: **grazie** per il documento, lo rileggo entro venerdì. `.repeat(3),
      });
    }
    const url = new URL(options.pg);
    url.pathname = `/${ours.dbName}`;
    bare = startPinned(
      'bare',
      [
        '-c',
        '1',
        process.execPath,
        ...process.execArgv,
        path.join(__dirname, `bare-server${path.extname(__filename)}`),
      ],
      {
        DATABASE_URL: url.toString(),
        API_DIST: path.join(path.dirname(dist.main), 'dist'),
        VIEWER_ID: me.id,
      },
      { dropEnv: ['BENCH_HTTP_PINNED'], log },
    );
    const bareChild = bare;
    const barePort = await waitUntil('the bare server', 20000, async () => {
      if (bareChild.exitCode !== null) throw new Error(`bare server exited:\n${bareChild.output()}`);
      return /LISTENING (\d+)/.exec(bareChild.output())?.[1];
    });
    const targets = {
      ours: {
        url: `${ours.base}/api/v1/threads/${thread.id}/posts?limit=50`,
        headers: { authorization: `Bearer ${token}` },
        pid: ours.pid,
      },
      bare: {
        url: `http://${HOST}:${barePort}/threads/${thread.id}/posts?limit=50`,
        headers: {},
        pid: bareChild.pid as number,
      },
    };
    // Warm-up, not measured: JIT, pools, plans.
    for (const target of Object.values(targets))
      await autocannon({
        url: target.url,
        headers: target.headers,
        connections: options.connections,
        duration: 2,
      });
    const runs: { ours: RunFigures[]; bare: RunFigures[] } = { ours: [], bare: [] };
    for (let r = 0; r < options.runs; r += 1) {
      for (const kind of ['ours', 'bare'] as const) {
        await sleep(500);
        const target = targets[kind];
        const figures = await measure(target.url, target.headers, target.pid, options);
        runs[kind].push(figures);
        log(
          `${kind} #${r + 1}: ${figures.requestsPerS} req/s, p50 ${figures.p50Ms} p99 ${figures.p99Ms} ms, ${figures.cpuPerRequestMs} ms CPU/request, loadavg ${loadavg().join(',')}`,
        );
      }
    }
    const medians = (list: RunFigures[]) => ({
      requestsPerS: median(list.map((f) => f.requestsPerS)),
      p50Ms: median(list.map((f) => f.p50Ms)),
      p99Ms: median(list.map((f) => f.p99Ms)),
      cpuPerRequestMs: median(list.map((f) => f.cpuPerRequestMs)),
      non2xx: list.reduce((sum, f) => sum + f.non2xx, 0),
      errors: list.reduce((sum, f) => sum + f.errors, 0),
    });
    const summary = { ours: medians(runs.ours), bare: medians(runs.bare) };
    const round = (x: number) => Math.round(x * 1000) / 1000;
    process.stdout.write(
      `${JSON.stringify(
        {
          benchmark: 'http GET /threads/:id/posts (page of 50)',
          summary: {
            ...summary,
            ratioOursOverBare: {
              requestsPerS: round(summary.ours.requestsPerS / summary.bare.requestsPerS),
              p99: round(summary.ours.p99Ms / summary.bare.p99Ms),
              cpuPerRequest: round(summary.ours.cpuPerRequestMs / summary.bare.cpuPerRequestMs),
            },
            target: 'requestsPerS ratio ≥ 0.7',
          },
          startedAt: new Date(started).toISOString(),
          elapsedS: Math.round((Date.now() - started) / 1000),
          config: {
            ...options,
            pg: undefined,
            api: gitHead(),
            machine: machine(),
            loadCpu: '0',
            serverCpu: '1',
          },
          runs,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    if (bare) await stopProcess(bare, 3000);
    await ours.stop();
    fs.rmSync(path.dirname(dist.main), { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
