// A document edit crossing processes: a writer on process A (sticky lane 0) types into a shared
// document, a reader on process B (lane 1; the same process when there is only one) receives each
// Yjs update the API relays. Open loop: update i is typed at t0 + i/rate whatever happened to the
// earlier ones; latency = arrival at the reader − scheduled time (updates of one writer arrive in
// order, so the i-th relayed update is the i-th typed).
import * as syncProtocol from 'y-protocols/sync';
import { Peer, REMOTE } from '../editing-traces/peer';
import { percentile, round } from '../fanout/stats';
import type { Deployment } from './deployments';

export interface DocCrossingResult {
  updates: number;
  received: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  /** The writer's acknowledgements (the update is stored when it is acknowledged). */
  ackP50Ms: number | null;
  ackP99Ms: number | null;
  writerProcess: number;
  readerProcess: number;
}

const nowNs = () => process.hrtime.bigint();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function docCrossing(
  deployment: Deployment,
  docId: string,
  token: string,
  updates: number,
  rate: number,
): Promise<DocCrossingResult> {
  const readerProcess = deployment.processes > 1 ? 1 : 0;
  const writer = await Peer.connect(deployment.base, token, deployment.laneHeader(0));
  const reader = await Peer.connect(deployment.base, token, deployment.laneHeader(readerProcess));
  try {
    await writer.open(docId);
    await reader.open(docId);
    const arrivals: bigint[] = [];
    reader.onRemote = (_update, arrival, type) => {
      if (type === syncProtocol.messageYjsUpdate) arrivals.push(arrival);
    };
    const scheduled: bigint[] = [];
    const acksMs: number[] = [];
    writer.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      const sent = nowNs();
      writer.sendUpdate(update, (ack) => {
        if (ack.ok) acksMs.push(Number(nowNs() - sent) / 1e6);
      });
    });
    const periodNs = BigInt(Math.round(1e9 / rate));
    const t0 = nowNs() + 50_000_000n;
    for (let i = 0; i < updates; i++) {
      const at = t0 + BigInt(i) * periodNs;
      const waitMs = Number(at - nowNs()) / 1e6;
      if (waitMs > 0) await sleep(waitMs);
      scheduled.push(at);
      writer.text.insert(writer.text.length, `modifica ${i} `);
    }
    const until = Date.now() + 5000;
    while (arrivals.length < updates && Date.now() < until) await sleep(20);
    const latencies = Float64Array.from(
      arrivals.slice(0, updates).map((arrival, i) => Number(arrival - scheduled[i]) / 1e6),
    ).sort();
    const acks = Float64Array.from(acksMs).sort();
    return {
      updates,
      received: arrivals.length,
      p50Ms: round(percentile(latencies, 0.5), 2),
      p99Ms: round(percentile(latencies, 0.99), 2),
      maxMs: round(latencies[latencies.length - 1], 2),
      ackP50Ms: round(percentile(acks, 0.5), 2),
      ackP99Ms: round(percentile(acks, 0.99), 2),
      writerProcess: 0,
      readerProcess,
    };
  } finally {
    await Promise.allSettled([writer.leave(), reader.leave()]);
    writer.close();
    reader.close();
  }
}
