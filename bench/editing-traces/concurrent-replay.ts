// Scenario (2): a two-agent concurrent trace (friendsforever) typed by two writers through the
// server. Transaction t (global trace order) is due at t0 + t/rate; its agent types it once it is
// due AND its parents' merged state is there: the other agent's first `needsOther[t]`
// transactions, as received from the server. Updates received earlier wait in a buffer, so each
// transaction is applied to exactly the state it was recorded on; both must end at endContent.
import * as Y from 'yjs';
import { Peer, REMOTE, type DocAckLike } from './peer';
import { cpuSeconds, dbBackendCpu, dbCpuDelta, rssSampler, type Server } from './servers';
import { latencySummary, log, median, nowNs, round, sleep } from './stats';
import { applyPatches, type ConcurrentPlan, type Trace } from './trace';

export interface ConcurrentConfig {
  rate: number;
  runs: number;
  pg: string;
}

const keyOf = (update: Uint8Array): string =>
  Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('latin1');

async function replayOnce(
  server: Server,
  peers: Peer[],
  trace: Trace,
  plan: ConcurrentPlan,
  config: ConcurrentConfig,
  label: string,
): Promise<Record<string, unknown>> {
  const n = trace.txns.length;
  const startedAt = new Date().toISOString();
  const docId = await server.newDocument(`Editing trace concurrent ${label}`);
  // Where both agents typed at the same place concurrently, Yjs orders the inserts by client id:
  // agent 0 must have the lower one to reproduce the recorded endContent (checked offline: with
  // the opposite order the replay ends elsewhere), so the ids are chosen, not random.
  const baseId = 1 + Math.floor(Math.random() * 0x7fff_0000);
  peers.forEach((peer, a) => {
    peer.reset();
    peer.doc.clientID = baseId + a;
    peer.applyRemote = false;
  });
  await Promise.all(peers.map((p) => p.open(docId)));

  const chain = plan.byAgent;
  // Per agent: its updates by ordinal, when they were sent; what the other agent received of them.
  const sent: Uint8Array[][] = [
    new Array<Uint8Array>(chain[0].length),
    new Array<Uint8Array>(chain[1].length),
  ];
  const sentAt = [new BigInt64Array(chain[0].length), new BigInt64Array(chain[1].length)];
  const ordinalOf = new Map<string, number>();
  // received[a]: the other agent's updates that reached agent a, by the other agent's ordinal.
  const received: (Uint8Array | undefined)[][] = [new Array(chain[1].length), new Array(chain[0].length)];
  const available = [0, 0];
  const applied = [0, 0];
  const next = [0, 0];
  const latencies = new Float64Array(n);
  let latCount = 0;
  const sendLag = new Float64Array(n);
  let sentCount = 0;
  let acked = 0;
  let ackFailures = 0;
  let unmatched = 0;
  let step: () => void = () => undefined;

  peers.forEach((peer, a) => {
    const other = 1 - a;
    peer.onRemote = (update, arrival, type) => {
      if (type !== 2) return;
      const ordinal = ordinalOf.get(`${other}:${keyOf(update)}`);
      if (ordinal === undefined) {
        unmatched++;
        return;
      }
      if (received[a][ordinal]) return;
      received[a][ordinal] = update;
      latencies[latCount++] = Number(arrival - sentAt[other][ordinal]) / 1e6;
      while (available[a] < received[a].length && received[a][available[a]]) available[a]++;
      step();
    };
  });

  const mergeUpTo = (a: number, count: number) => {
    const doc = peers[a].doc;
    while (applied[a] < count) Y.applyUpdate(doc, received[a][applied[a]++]!, REMOTE);
  };

  const pid = server.pid;
  const cpu0 = cpuSeconds(pid);
  const db0 = server.databaseUrl ? await dbBackendCpu(config.pg, server.databaseUrl) : undefined;
  const rss = rssSampler(pid);
  const periodNs = BigInt(Math.round(1e9 / config.rate));
  const t0 = nowNs() + 50_000_000n;
  const due = (t: number) => t0 + BigInt(t) * periodNs;
  let late = 0;

  await new Promise<void>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    step = () => {
      const now = nowNs();
      let wake: bigint | undefined;
      for (const a of [0, 1]) {
        const peer = peers[a];
        while (next[a] < chain[a].length) {
          const t = chain[a][next[a]];
          if (due(t) > now) {
            if (wake === undefined || due(t) < wake) wake = due(t);
            break;
          }
          if (available[a] < plan.needsOther[t]) break; // woken by the arrival it waits for
          mergeUpTo(a, plan.needsOther[t]);
          let update: Uint8Array | undefined;
          const capture = (u: Uint8Array, origin: unknown) => {
            if (origin !== REMOTE) update = u;
          };
          peer.doc.on('update', capture);
          peer.doc.transact(() => applyPatches(peer.text, trace.txns[t].patches));
          peer.doc.off('update', capture);
          if (!update) throw new Error(`transaction ${t} produced no update`);
          const ordinal = next[a]++;
          sent[a][ordinal] = update;
          ordinalOf.set(`${a}:${keyOf(update)}`, ordinal);
          const sendTime = nowNs();
          sentAt[a][ordinal] = sendTime;
          const lag = Number(sendTime - due(t)) / 1e6;
          sendLag[sentCount++] = lag;
          if (lag > 5) late++;
          const resend = (ack: DocAckLike) => {
            if (ack && ack.ok === true) {
              acked++;
              return;
            }
            ackFailures++;
            setTimeout(() => peer.sendUpdate(update!, resend), 100);
          };
          peer.sendUpdate(update, resend);
        }
      }
      if (sentCount >= n) {
        if (timer) clearTimeout(timer);
        resolve();
        return;
      }
      if (wake !== undefined) {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => step(), Math.max(0, Math.floor(Number(wake - nowNs()) / 1e6)));
      }
    };
    setTimeout(() => step(), 50);
  });
  const sendDoneS = Number(nowNs() - t0) / 1e9;
  const deadline = Date.now() + 120_000;
  while ((acked < n || latCount < n) && Date.now() < deadline) await sleep(10);
  const durationS = Number(nowNs() - t0) / 1e9;
  const cpu = cpuSeconds(pid) - cpu0;
  const db =
    db0 && server.databaseUrl ? dbCpuDelta(db0, await dbBackendCpu(config.pg, server.databaseUrl)) : null;
  const rssPeak = rss.stop();
  mergeUpTo(0, available[0]);
  mergeUpTo(1, available[1]);
  const texts = peers.map((p) => p.text.toString());
  const atEnd = texts.map((text) => text === trace.endContent);
  const firstDifference = texts.map((text) => {
    if (text === trace.endContent) return null;
    let i = 0;
    while (i < text.length && text[i] === trace.endContent[i]) i++;
    return {
      at: i,
      length: text.length,
      expectedLength: trace.endContent.length,
      got: text.slice(i, i + 40),
      expected: trace.endContent.slice(i, i + 40),
    };
  });
  await Promise.all(peers.map((p) => p.leave()));
  for (const peer of peers) {
    peer.onRemote = undefined;
    peer.applyRemote = true;
  }
  const lat = latencySummary(latencies, latCount);
  const lag = latencySummary(sendLag, sentCount);
  const ok = atEnd.every(Boolean) && acked === n && unmatched === 0;
  log(
    `friendsforever ${label} ${server.kind}: ${n} txns in ${round(durationS, 1)} s, p50 ${lat.p50Ms} p99 ${lat.p99Ms} ms, ` +
      `${late} sent >5 ms after due, end ${ok ? 'ok' : 'WRONG'}`,
  );
  return {
    server: server.kind,
    startedAt,
    ok,
    agentsAtEndContent: atEnd,
    ...(ok ? {} : { firstDifference }),
    transactions: n,
    perAgent: chain.map((c) => c.length),
    ratePerS: config.rate,
    sendingS: round(sendDoneS, 2),
    durationS: round(durationS, 2),
    delivered: latCount,
    ...lat,
    sendLagP50Ms: lag.p50Ms,
    sendLagP99Ms: lag.p99Ms,
    sentOver5MsLate: late,
    ackFailures,
    unmatched,
    serverCpuS: round(cpu, 3),
    cpuPerUpdateUs: round((cpu * 1e6) / n, 1),
    dbCpuS: round(db, 3),
    rssPeakMiB: round(rssPeak, 1),
  };
}

export async function runConcurrent(
  servers: Server[],
  trace: Trace,
  plan: ConcurrentPlan,
  config: ConcurrentConfig,
): Promise<Record<string, unknown>> {
  const peers = new Map<Server, Peer[]>();
  try {
    for (const server of servers)
      peers.set(server, [
        await Peer.connect(server.base, server.token),
        await Peer.connect(server.base, server.token),
      ]);
    const runs: Record<string, unknown>[] = [];
    for (let r = 0; r < config.runs; r++)
      for (const server of servers) {
        await sleep(1000);
        runs.push({
          run: r + 1,
          ...(await replayOnce(server, peers.get(server)!, trace, plan, config, `#${r + 1}`)),
        });
      }
    const med = (kind: string, key: string) =>
      median(runs.filter((x) => x.server === kind).map((x) => x[key]));
    const medians = Object.fromEntries(
      servers.map((s) => [
        s.kind,
        Object.fromEntries(
          ['p50Ms', 'p99Ms', 'durationS', 'cpuPerUpdateUs'].map((key) => [key, med(s.kind, key)]),
        ),
      ]),
    );
    return { trace: trace.name, ok: runs.every((x) => x.ok === true), medians, runs };
  } finally {
    for (const list of peers.values()) for (const peer of list) peer.close();
  }
}
