// bench/scale-out: the same fan-out on one API process and on two (or more) behind a sticky proxy
// with Redis (issue 14, "Scale-out, measured"). Every deployment (bench/scale-out/deployments.ts)
// runs at once on one PostgreSQL database, its N subscribers split evenly across its processes by
// the proxy's cookie; posts go to process A at a fixed rate (bench/fanout's open-loop run, same
// clock and receiver workers), runs alternate between deployments. Per run: delivery latency,
// CPU per delivery of the API processes summed (and of the proxy, Redis, PostgreSQL apart), then a
// Yjs update typed through process A reaching a reader on process B (bench/scale-out/doc-crossing.ts).
// Usage (see bench/README.md):
//   ulimit -n 20000; node -r ts-node/register/transpile-only bench/scale-out/run.ts [--n 2000]
//     [--deployments 1,2] [--rate 5] [--duration 20] [--runs 3] [--workers 4] [--doc-updates 100]
//     [--doc-rate 10] [--skip-build] [--keep-db]
import fs from 'node:fs';
import { parseArgs as parseCli } from 'node:util';
import { buildApi, gitHead, loadavg, machine, openFilesLimit, pinLoadProcess } from '../common/load-process';
import { api, cpuSeconds } from '../common/processes';
import { measure, quiesce, type RunResult } from '../fanout/measure';
import { cpusAllowed, ReceiverPool } from '../fanout/receivers';
import { snapshotDist, type ServerUnderTest } from '../fanout/servers';
import { median, round } from '../fanout/stats';
import {
  type Deployment,
  log,
  parseDeployment,
  PINNED_ENV,
  redisServerPid,
  startDeployment,
  type DeploymentSpec,
} from './deployments';
import { docCrossing } from './doc-crossing';

interface Options {
  n: number;
  deployments: DeploymentSpec[];
  rate: number;
  duration: number;
  runs: number;
  drain: number;
  workers: number;
  docUpdates: number;
  docRate: number;
  bodyBytes: number;
  build: boolean;
  keepDb: boolean;
  pg: string;
}

function parseArgs(argv: string[]): Options {
  const { values } = parseCli({
    args: argv.slice(2),
    options: {
      n: { type: 'string', default: '2000' },
      deployments: { type: 'string', default: '1,2' },
      rate: { type: 'string', default: '5' },
      duration: { type: 'string', default: '20' },
      runs: { type: 'string', default: '3' },
      drain: { type: 'string', default: '3' },
      workers: { type: 'string', default: '4' },
      'doc-updates': { type: 'string', default: '100' },
      'doc-rate': { type: 'string', default: '10' },
      pg: {
        type: 'string',
        default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      },
      'skip-build': { type: 'boolean', default: false },
      'keep-db': { type: 'boolean', default: false },
    },
  });
  const options: Options = {
    n: Number(values.n),
    deployments: values.deployments.split(',').map(parseDeployment),
    rate: Number(values.rate),
    duration: Number(values.duration),
    runs: Number(values.runs),
    drain: Number(values.drain),
    workers: Number(values.workers),
    docUpdates: Number(values['doc-updates']),
    docRate: Number(values['doc-rate']),
    bodyBytes: 200,
    build: !values['skip-build'],
    keepDb: values['keep-db'],
    pg: values.pg,
  };
  const bad = (x: number, max: number) => !Number.isFinite(x) || x <= 0 || x > max;
  if (bad(options.n, 10_000) || !Number.isInteger(options.n)) throw new Error('--n: 1..10000');
  if (bad(options.rate, 100)) throw new Error('--rate: 0..100 posts/s');
  if (bad(options.duration, 120)) throw new Error('--duration: 0..120 s');
  if (bad(options.runs, 10)) throw new Error('--runs: 1..10');
  if (bad(options.workers, 32)) throw new Error('--workers: 1..32');
  if (bad(options.docUpdates, 10_000) || bad(options.docRate, 100))
    throw new Error('--doc-updates, --doc-rate');
  return options;
}

/** A deployment as bench/fanout's measured run sees a server: posts go through the proxy to process A. */
function asServer(
  deployment: Deployment,
  token: string,
  threadId: string,
  bodyBytes: number,
): ServerUnderTest {
  const filler = 'lorem ipsum '.repeat(Math.ceil(bodyBytes / 12)).slice(0, bodyBytes);
  const first = deployment.apis[0];
  return {
    kind: deployment.label,
    pid: first.pid,
    pids: deployment.apis.map((a) => a.pid),
    base: deployment.base,
    token,
    room: `thread:${threadId}`,
    envelopeBytes: 0,
    send: (marker) =>
      fetch(`${deployment.base}/api/v1/threads/${threadId}/posts`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...deployment.laneHeader(0),
        },
        body: JSON.stringify({ body: `${marker} ${filler}` }),
        signal: AbortSignal.timeout(30000),
      }),
    dbCpuSeconds: () => first.dbCpuSeconds(),
    stop: () => deployment.stop(),
  };
}

const perDeliveryUs = (cpuS: number, delivered: unknown) =>
  typeof delivered === 'number' && delivered > 0 ? round((cpuS * 1e6) / delivered, 3) : null;

const MEDIAN_KEYS = [
  'p50Ms',
  'p90Ms',
  'p99Ms',
  'maxMs',
  'deliveredRatio',
  'cpuPerDeliveryUs',
  'proxyCpuPerDeliveryUs',
  'redisCpuPerDeliveryUs',
  'dbCpuS',
  'httpP50Ms',
  'sendLagP99Ms',
  'loadCpuShare',
  'serverRunQueueWaitS',
  'docP50Ms',
  'docP99Ms',
  'docAckP50Ms',
];

async function main(): Promise<void> {
  const options = parseArgs(process.argv);
  pinLoadProcess('0', PINNED_ENV);
  const started = Date.now();
  const loadBefore = loadavg();
  const sockets = options.n * options.deployments.length;
  const softLimit = Number(openFilesLimit().split(' ')[0]);
  if (Number.isFinite(softLimit) && softLimit < sockets + 500)
    throw new Error(`open files limit ${softLimit} < ${sockets} + 500: run \`ulimit -n 20000\` first`);
  if (options.build) buildApi(log);
  const dist = snapshotDist();
  const dbName = `convergo_scaleout_${process.pid}`;
  const deployments: Deployment[] = [];
  const pool = ReceiverPool.start(options.workers);
  const runs: RunResult[] = [];
  const outcome: Record<string, unknown> = {};
  const redisPid = await redisServerPid().catch(() => null);
  try {
    for (const [index, spec] of options.deployments.entries()) {
      const t = Date.now();
      deployments.push(
        await startDeployment(
          spec,
          index,
          { pg: options.pg, dbName, mainJs: dist.main, keepDb: options.keepDb },
          index > 0,
        ),
      );
      log(`${spec.label}: started in ${Date.now() - t} ms`);
    }
    const setup = deployments[0].apis[0];
    const token = setup.adminToken;
    const space = await api<{ id: string }>(setup.base, 'POST', '/spaces', token, {
      name: 'Spazio della prova di scala',
      visibility: 'public',
    });
    const thread = await api<{ id: string }>(setup.base, 'POST', `/spaces/${space.id}/threads`, token, {
      title: 'Discussione della prova di scala',
      body: 'Ogni messaggio raggiunge tutti gli iscritti, su qualunque processo.',
    });
    const documents = await Promise.all(
      deployments.map(
        async (d) =>
          (
            await api<{ id: string }>(setup.base, 'POST', '/documents', token, {
              title: `Documento della prova di scala (${d.label})`,
              kind: 'proposta_progettuale',
              owner: { type: 'member', id: setup.adminId },
            })
          ).id,
      ),
    );
    const servers = deployments.map((d) => asServer(d, token, thread.id, options.bodyBytes));
    const lanes: Record<string, number[]> = {};
    for (const [i, deployment] of deployments.entries()) {
      const t = Date.now();
      await pool.connect(deployment.label, {
        base: deployment.base,
        tokens: [token],
        rooms: [servers[i].room],
        lanes: deployment.processes,
        n: options.n,
        concurrency: 100,
      });
      lanes[deployment.label] = await deployment.lanes();
      log(
        `${deployment.label}: ${options.n} subscribers in ${Date.now() - t} ms, per process ${String(lanes[deployment.label])}`,
      );
    }
    outcome.websocketsPerProcess = lanes;
    const warm = { rate: options.rate, duration: 2, drain: options.drain };
    for (const server of servers) {
      await quiesce(pool);
      await measure(server, pool, options.n, warm);
    }
    for (let r = 0; r < options.runs; r++) {
      for (const [i, deployment] of deployments.entries()) {
        const server = servers[i];
        const quiesceS = await quiesce(pool);
        const proxyBefore = cpuSeconds(deployment.proxyPid);
        const redisBefore = redisPid ? cpuSeconds(redisPid) : NaN;
        const perProcessBefore = deployment.apis.map((a) => cpuSeconds(a.pid));
        const { result } = await measure(server, pool, options.n, options);
        const proxyCpu = cpuSeconds(deployment.proxyPid) - proxyBefore;
        const redisCpu = redisPid ? cpuSeconds(redisPid) - redisBefore : NaN;
        result.run = r + 1;
        result.quiesceBeforeS = quiesceS;
        result.perProcessCpuS = deployment.apis.map((a, p) =>
          round(cpuSeconds(a.pid) - perProcessBefore[p], 3),
        );
        result.proxyCpuS = round(proxyCpu, 3);
        result.proxyCpuPerDeliveryUs = perDeliveryUs(proxyCpu, result.delivered);
        result.redisCpuS = round(redisCpu, 3);
        result.redisCpuPerDeliveryUs = deployment.redis ? perDeliveryUs(redisCpu, result.delivered) : null;
        const doc = await docCrossing(deployment, documents[i], token, options.docUpdates, options.docRate);
        Object.assign(result, {
          docP50Ms: doc.p50Ms,
          docP99Ms: doc.p99Ms,
          docMaxMs: doc.maxMs,
          docAckP50Ms: doc.ackP50Ms,
          docAckP99Ms: doc.ackP99Ms,
          doc,
        });
        log(
          `${deployment.label} #${r + 1}: p50 ${result.p50Ms} p99 ${result.p99Ms} ms, ${result.delivered}/${result.expected}, ` +
            `API ${result.cpuPerDeliveryUs} + proxy ${result.proxyCpuPerDeliveryUs} + Redis ${result.redisCpuPerDeliveryUs} us CPU/delivery; ` +
            `doc A->B p50 ${doc.p50Ms} p99 ${doc.p99Ms} ms (${doc.received}/${doc.updates}); loadavg ${String(result.loadavg)}`,
        );
        runs.push(result);
      }
    }
  } catch (error) {
    outcome.error = (error as Error).message;
    log(`stopped early: ${(error as Error).stack ?? String(error)}`);
  } finally {
    await pool.close();
    // The first deployment made the database and drops it: it stops last.
    for (const deployment of [...deployments].reverse()) await deployment.stop();
    fs.rmSync(dist.dir, { recursive: true, force: true });
  }
  const medians: Record<string, Record<string, number | null>> = {};
  for (const spec of options.deployments) {
    const mine = runs.filter((r) => r.server === spec.label);
    medians[spec.label] = Object.fromEntries(
      MEDIAN_KEYS.map((k) => [k, round(median(mine.map((r) => r[k])), 3)]),
    );
    medians[spec.label].runs = mine.length;
  }
  const baseline = options.deployments[0].label;
  const ratios = Object.fromEntries(
    options.deployments.slice(1).map((spec) => {
      const ratio = (key: string) => {
        const a = medians[spec.label][key];
        const b = medians[baseline][key];
        return a !== null && b ? round(a / b, 3) : null;
      };
      return [
        `${spec.label} / ${baseline}`,
        {
          p50: ratio('p50Ms'),
          p99: ratio('p99Ms'),
          cpuPerDelivery: ratio('cpuPerDeliveryUs'),
          docP99: ratio('docP99Ms'),
        },
      ];
    }),
  );
  const document = {
    benchmark: 'scale-out',
    startedAt: new Date(started).toISOString(),
    elapsedS: round((Date.now() - started) / 1000, 1),
    ...outcome,
    config: {
      n: options.n,
      deployments: options.deployments,
      ratePerS: options.rate,
      durationS: options.duration,
      postsPerRun: Math.round(options.rate * options.duration),
      runsEach: options.runs,
      order: 'deployments in turn, every run',
      postsTo: 'process A (sticky lane 0) through the proxy',
      subscribers: 'the admin token for all (no per-member socket limit), split evenly by the proxy cookie',
      pinning: 'load process and proxies on core 0, API processes on core 1; PostgreSQL and Redis unpinned',
      docUpdates: options.docUpdates,
      docRatePerS: options.docRate,
      redisServerPid: redisPid,
      receiverWorkers: options.workers,
      loadCpusAllowed: cpusAllowed(process.pid),
      openFilesLimit: openFilesLimit(),
      api: gitHead(),
      node: process.version,
      machine: machine(),
      loadavgBefore: loadBefore,
      loadavgAfter: loadavg(),
    },
    summary: { n: options.n, medians, ratios },
    runs,
  };
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  if (outcome.error) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    log(`failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
