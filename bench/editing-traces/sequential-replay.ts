// Scenario (1): one writer replays a sequential trace into the Y.Text "bench" of a fresh document
// while K receivers are joined to it. Phase A (measured): the first `measurePatches` patches, one
// update each, open loop at `rate` updates/s — update i is scheduled at t0 + i/rate on
// process.hrtime.bigint() and sent whatever happened to the previous ones; latency = arrival at a
// receiver - scheduled time. Phase B (completion): the rest of the trace as fast as the
// acknowledgements allow (at most `window` unacknowledged), `tailGroup` patches per update, so
// that every receiver ends at the trace's endContent.
import { applyPatches, type Trace } from './trace';
import { REMOTE, type DocAckLike, type Peer } from './peer';
import { cpuSeconds, dbBackendCpu, dbCpuDelta, rssSampler, withPg, type Server } from './servers';
import { collectGarbage, latencySummary, log, nowNs, round, sleep } from './stats';

export interface SequentialConfig {
  measurePatches: number;
  rate: number;
  window: number;
  tailGroup: number;
  drainS: number;
  /** false: phase A only (warm-up), no final-text check. */
  complete: boolean;
  /** Maintenance database, to read the API's backends' CPU. */
  pg: string;
}

export type RunResult = Record<string, unknown> & { server: string };

const keyOf = (update: Uint8Array): string =>
  Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('latin1');

interface Stored {
  updates: number;
  updateBytes: number;
  snapshotBytes: number;
  snapshotUpToSeq: number | null;
}

async function storedBytes(databaseUrl: string, docId: string): Promise<Stored> {
  return withPg(databaseUrl, async (c) => {
    const u = await c.query<{ n: string; bytes: string | null }>(
      'SELECT count(*) AS n, sum(octet_length(update)) AS bytes FROM document_updates WHERE doc_id = $1',
      [docId],
    );
    const s = await c.query<{ bytes: number; up_to_seq: string }>(
      'SELECT octet_length(state) AS bytes, up_to_seq FROM document_snapshots WHERE doc_id = $1',
      [docId],
    );
    return {
      updates: Number(u.rows[0].n),
      updateBytes: Number(u.rows[0].bytes ?? 0),
      snapshotBytes: s.rows[0] ? Number(s.rows[0].bytes) : 0,
      snapshotUpToSeq: s.rows[0] ? Number(s.rows[0].up_to_seq) : null,
    };
  });
}

const totalStored = (s: Stored): number => s.updateBytes + s.snapshotBytes;

export async function runSequential(
  server: Server,
  writer: Peer,
  receivers: Peer[],
  trace: Trace,
  config: SequentialConfig,
  label: string,
): Promise<RunResult> {
  const k = receivers.length;
  const patches = trace.txns;
  const m = Math.min(config.measurePatches, patches.length);
  const tailUpdates = config.complete ? Math.ceil((patches.length - m) / config.tailGroup) : 0;
  const total = m + tailUpdates;

  const startedAt = new Date().toISOString();
  const docId = await server.newDocument(`Editing trace ${label}`);
  for (const peer of [writer, ...receivers]) peer.reset();
  // The previous runs' documents (eleven copies of the trace per run) are garbage now: collected
  // here, not by a major GC of the load process in the middle of this run's measured window.
  collectGarbage();
  await writer.open(docId);
  await Promise.all(receivers.map((r) => r.open(docId)));

  const scheduled = new BigInt64Array(total);
  const index = new Map<string, number>();
  const seen = new Uint8Array(total * k);
  const latencies = new Float64Array(m * k);
  const ackLatencies = new Float64Array(m).fill(NaN); // NaN: not acknowledged within the window
  let latCount = 0;
  let receivedTotal = 0;
  let unmatched = 0;
  let duplicates = 0;
  let acked = 0;
  let ackFailures = 0;
  let retries = 0;
  const failureCodes: Record<string, number> = {};

  receivers.forEach((receiver, r) => {
    receiver.onRemote = (update, arrival, type) => {
      if (type !== 2) return; // the join's step 2
      const i = index.get(keyOf(update));
      if (i === undefined) {
        unmatched++;
        return;
      }
      const slot = i * k + r;
      if (seen[slot]) {
        duplicates++;
        return;
      }
      seen[slot] = 1;
      receivedTotal++;
      if (i < m) latencies[latCount++] = Number(arrival - scheduled[i]) / 1e6;
    };
  });

  let captured: Uint8Array | undefined;
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) captured = update;
  };
  writer.doc.on('update', onUpdate);
  const text = writer.text;
  let inFlight = 0;
  let windowWaiter: (() => void) | undefined;

  const send = (i: number, update: Uint8Array) => {
    inFlight++;
    writer.sendUpdate(update, (ack: DocAckLike) => {
      if (ack && ack.ok === true) {
        acked++;
        inFlight--;
        if (i < m) ackLatencies[i] = Number(nowNs() - scheduled[i]) / 1e6;
        const waiter = windowWaiter;
        windowWaiter = undefined;
        waiter?.();
        return;
      }
      // Refused (e.g. the server's write queue is full): send it again, as an editor would.
      ackFailures++;
      const code = ack?.error?.code ?? 'unknown';
      failureCodes[code] = (failureCodes[code] ?? 0) + 1;
      retries++;
      inFlight--;
      setTimeout(() => send(i, update), 100);
    });
  };
  const produce = (i: number, from: number, to: number): Uint8Array => {
    captured = undefined;
    writer.doc.transact(() => {
      for (let p = from; p < to; p++) applyPatches(text, patches[p].patches);
    });
    if (!captured) throw new Error(`patches ${from}..${to} produced no update`);
    index.set(keyOf(captured), i);
    return captured;
  };

  // ---- Phase A: open loop.
  const pid = server.pid;
  const cpu0 = cpuSeconds(pid);
  const db0 = server.databaseUrl ? await dbBackendCpu(config.pg, server.databaseUrl) : undefined;
  const rss = rssSampler(pid);
  const loadCpu0 = process.cpuUsage();
  const periodNs = BigInt(Math.round(1e9 / config.rate));
  const t0 = nowNs() + 50_000_000n;
  for (let i = 0; i < m; i++) scheduled[i] = t0 + BigInt(i) * periodNs;
  const sendLag = new Float64Array(m);
  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = () => {
      while (next < m && scheduled[next] <= nowNs()) {
        const i = next++;
        sendLag[i] = Number(nowNs() - scheduled[i]) / 1e6;
        send(i, produce(i, i, i + 1));
      }
      if (next >= m) return resolve();
      setTimeout(tick, Math.max(0, Math.floor(Number(scheduled[next] - nowNs()) / 1e6)));
    };
    setTimeout(tick, 50);
  });
  const drainUntil = scheduled[m - 1] + BigInt(Math.round(config.drainS * 1e9));
  while ((latCount < m * k || acked < m) && nowNs() < drainUntil) await sleep(10);
  const phaseAEnd = nowNs();
  const cpuA = cpuSeconds(pid) - cpu0;
  const loadCpuA = process.cpuUsage(loadCpu0);
  const dbA =
    db0 && server.databaseUrl ? dbCpuDelta(db0, await dbBackendCpu(config.pg, server.databaseUrl)) : null;
  const rssPeakA = rss.stop();
  const deliveredA = latCount;
  const latA = latencySummary(latencies, latCount);
  const acks = ackLatencies.filter((x) => Number.isFinite(x));
  const ackA = latencySummary(acks, acks.length);
  const lagA = latencySummary(sendLag, m);
  log(
    `${label} ${server.kind} K=${k} phase A: ${m} updates at ${config.rate}/s: p50 ${latA.p50Ms} p99 ${latA.p99Ms} ms, ` +
      `${deliveredA}/${m * k} delivered, CPU ${round(cpuA, 2)} s, ack failures ${ackFailures}`,
  );

  // ---- Phase B: the rest of the trace, windowed, for the final-text check.
  const cpuB0 = cpuSeconds(pid);
  const rssB = rssSampler(pid);
  const tB = nowNs();
  for (let i = m, p = m; i < total; i++, p += config.tailGroup) {
    while (inFlight >= config.window) await new Promise<void>((resolve) => (windowWaiter = resolve));
    scheduled[i] = nowNs();
    send(i, produce(i, p, Math.min(patches.length, p + config.tailGroup)));
    if ((i - m) % 2000 === 1999) await new Promise((resolve) => setImmediate(resolve));
  }
  const tailDeadline = Date.now() + 600_000;
  while ((acked < total || receivedTotal < total * k) && Date.now() < tailDeadline) await sleep(20);
  const tailS = Number(nowNs() - tB) / 1e9;
  const cpuB = cpuSeconds(pid) - cpuB0;
  const rssPeakB = rssB.stop();
  writer.doc.off('update', onUpdate);

  const expectedText = config.complete ? trace.endContent : writer.text.toString();
  const writerOk = writer.text.toString() === expectedText && (!config.complete || acked === total);
  const receiversOk = receivers.filter((r) => r.text.toString() === expectedText).length;
  const live = server.databaseUrl ? await storedBytes(server.databaseUrl, docId) : undefined;

  // Everyone leaves: the API compacts the document into one snapshot (its last-leave path).
  await Promise.all([writer, ...receivers].map((p) => p.leave()));
  for (const peer of [writer, ...receivers]) peer.onRemote = undefined;
  let compacted: Stored | undefined;
  if (server.databaseUrl) {
    const until = Date.now() + 60_000;
    do {
      await sleep(250);
      compacted = await storedBytes(server.databaseUrl, docId);
    } while (compacted.updates > 0 && Date.now() < until);
  }
  const phaseADurationS = Number(phaseAEnd - t0) / 1e9;
  log(
    `${label} ${server.kind} K=${k} phase B: ${tailUpdates} updates in ${round(tailS, 1)} s; ` +
      `final text ${writerOk && receiversOk === k ? 'ok' : 'WRONG'} (${receiversOk}/${k} receivers)`,
  );
  return {
    server: server.kind,
    k,
    startedAt,
    docId,
    ok: writerOk && receiversOk === k && unmatched === 0,
    receiversAtEndContent: receiversOk,
    writerAtEndContent: writerOk,
    measured: {
      updates: m,
      ratePerS: config.rate,
      durationS: round(phaseADurationS, 2),
      delivered: deliveredA,
      expected: m * k,
      ...latA,
      ackP50Ms: ackA.p50Ms,
      ackP99Ms: ackA.p99Ms,
      sendLagP99Ms: lagA.p99Ms,
      // Share of one core the load process used (writer + K receivers): near 1, it is the bottleneck.
      loadProcessCpuShare: round(
        ((loadCpuA.user + loadCpuA.system) / 1e6 / Number((phaseAEnd - t0) / 1_000_000n)) * 1e3,
        3,
      ),
      serverCpuS: round(cpuA, 3),
      cpuPerUpdateUs: round((cpuA * 1e6) / m, 1),
      dbCpuS: round(dbA, 3),
      /** The API process plus its PostgreSQL backends (the bare relay has no database). */
      cpuWithDbPerUpdateUs: round(((cpuA + (dbA ?? 0)) * 1e6) / m, 1),
      rssPeakMiB: round(rssPeakA, 1),
    },
    completion: {
      updates: tailUpdates,
      patchesPerUpdate: config.tailGroup,
      window: config.window,
      durationS: round(tailS, 2),
      updatesPerS: round(tailUpdates / tailS, 1),
      serverCpuS: round(cpuB, 3),
      cpuPerUpdateUs: round((cpuB * 1e6) / Math.max(1, tailUpdates), 1),
      rssPeakMiB: round(rssPeakB, 1),
    },
    updatesSent: total,
    bytesSent: [...index.keys()].reduce((sum, key) => sum + key.length, 0),
    ackFailures,
    failureCodes,
    retries,
    unmatched,
    duplicates,
    received: receivedTotal,
    storedLive: live ? { ...live, totalBytes: totalStored(live) } : null,
    storedAfterLeave: compacted ? { ...compacted, totalBytes: totalStored(compacted) } : null,
  };
}
