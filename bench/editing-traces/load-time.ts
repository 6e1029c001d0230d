// Scenario (3): how long joining a document takes when it has 100,000 stored updates, before and
// after compaction. The API compacts every 500 updates of an open document and has no setting to
// raise that (CollaborationService.tuning.compactAfterUpdates), so the updates are written
// straight into `document_updates` in the API's own format (one Yjs update per trace patch, seq
// 1..N, `documents.update_seq` = N) while nobody has the document open. Then:
//   before: doc:join + sync step 1 → step 2 received (the API reads and applies N updates);
//   leave: the last leave compacts them into one snapshot (polled until no update row is left);
//   after:  the same join again (the API reads the snapshot).
import * as Y from 'yjs';
import { Peer, TEXT_NAME } from './peer';
import { cpuSeconds, withPg, type Server } from './servers';
import { log, median, nowNs, round, sleep } from './stats';
import { applyPatches, type Trace } from './trace';

export interface LoadTimeConfig {
  updates: number;
  reps: number;
}

function traceUpdates(trace: Trace, count: number): { updates: Uint8Array[]; text: string } {
  const doc = new Y.Doc();
  const text = doc.getText(TEXT_NAME);
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) doc.transact(() => applyPatches(text, trace.txns[i].patches));
  return { updates, text: text.toString() };
}

async function insertUpdates(
  databaseUrl: string,
  docId: string,
  memberId: string,
  updates: Uint8Array[],
): Promise<void> {
  await withPg(databaseUrl, async (c) => {
    await c.query('BEGIN');
    const batch = 5000;
    for (let from = 0; from < updates.length; from += batch) {
      const slice = updates.slice(from, from + batch);
      await c.query(
        `INSERT INTO document_updates (doc_id, seq, update, member_id)
         SELECT $1, x.seq, x.u, $2 FROM unnest($3::bigint[], $4::bytea[]) AS x(seq, u)`,
        [docId, memberId, slice.map((_, i) => from + i + 1), slice.map((u) => Buffer.from(u))],
      );
    }
    await c.query('UPDATE documents SET update_seq = $2 WHERE id = $1', [docId, updates.length]);
    await c.query('COMMIT');
  });
}

async function stored(
  databaseUrl: string,
  docId: string,
): Promise<{ updates: number; updateBytes: number; snapshotBytes: number }> {
  return withPg(databaseUrl, async (c) => {
    const u = await c.query<{ n: string; bytes: string | null }>(
      'SELECT count(*) AS n, sum(octet_length(update)) AS bytes FROM document_updates WHERE doc_id = $1',
      [docId],
    );
    const s = await c.query<{ bytes: number }>(
      'SELECT octet_length(state) AS bytes FROM document_snapshots WHERE doc_id = $1',
      [docId],
    );
    return {
      updates: Number(u.rows[0].n),
      updateBytes: Number(u.rows[0].bytes ?? 0),
      snapshotBytes: Number(s.rows[0]?.bytes ?? 0),
    };
  });
}

async function timedJoin(
  server: Server,
  peer: Peer,
  docId: string,
  expected: string,
): Promise<Record<string, unknown>> {
  peer.reset();
  const cpu0 = cpuSeconds(server.pid);
  const t0 = nowNs();
  await peer.open(docId);
  const t1 = nowNs();
  const cpu = cpuSeconds(server.pid) - cpu0;
  return {
    joinAckMs: round(Number(peer.joinAckedAt - t0) / 1e6, 2),
    syncedMs: round(Number(t1 - t0) / 1e6, 2),
    serverCpuS: round(cpu, 3),
    textOk: peer.text.toString() === expected,
  };
}

export async function runLoadTime(
  server: Server,
  trace: Trace,
  config: LoadTimeConfig,
): Promise<Record<string, unknown>> {
  if (!server.databaseUrl) throw new Error('load time needs PostgreSQL');
  const databaseUrl = server.databaseUrl;
  const { updates, text } = traceUpdates(trace, config.updates);
  const peer = await Peer.connect(server.base, server.token);
  const reps: Record<string, unknown>[] = [];
  try {
    for (let r = 0; r < config.reps; r++) {
      const docId = await server.newDocument(`Editing trace load ${r + 1}`);
      const t = Date.now();
      await insertUpdates(databaseUrl, docId, server.memberId, updates);
      const before = await stored(databaseUrl, docId);
      log(
        `load #${r + 1}: ${before.updates} updates (${before.updateBytes} bytes) inserted in ${Date.now() - t} ms`,
      );
      await sleep(500);
      const cold = await timedJoin(server, peer, docId, text);
      await peer.leave();
      let after = await stored(databaseUrl, docId);
      const until = Date.now() + 60_000;
      while ((after.updates > 0 || after.snapshotBytes === 0) && Date.now() < until) {
        await sleep(200);
        after = await stored(databaseUrl, docId);
      }
      await sleep(1000); // the unload follows the compaction's commit
      const compacted = await timedJoin(server, peer, docId, text);
      await peer.leave();
      await sleep(500);
      log(`load #${r + 1}: before ${cold.syncedMs} ms, after compaction ${compacted.syncedMs} ms`);
      reps.push({
        rep: r + 1,
        storedBefore: before,
        storedAfter: after,
        beforeCompaction: cold,
        afterCompaction: compacted,
      });
    }
  } finally {
    peer.close();
  }
  const med = (phase: string, key: string) =>
    median(reps.map((x) => (x[phase] as Record<string, unknown>)[key]));
  const ok = reps.every(
    (x) =>
      (x.beforeCompaction as { textOk: boolean }).textOk &&
      (x.afterCompaction as { textOk: boolean }).textOk &&
      (x.storedAfter as { updates: number }).updates === 0,
  );
  return {
    ok,
    storedUpdates: config.updates,
    textChars: text.length,
    medians: {
      beforeCompaction: {
        syncedMs: med('beforeCompaction', 'syncedMs'),
        joinAckMs: med('beforeCompaction', 'joinAckMs'),
        serverCpuS: med('beforeCompaction', 'serverCpuS'),
      },
      afterCompaction: {
        syncedMs: med('afterCompaction', 'syncedMs'),
        joinAckMs: med('afterCompaction', 'joinAckMs'),
        serverCpuS: med('afterCompaction', 'serverCpuS'),
      },
    },
    reps,
  };
}
