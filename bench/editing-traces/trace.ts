// The editing traces of ../shared/data/editing-traces (see its README): loading them, and the
// version vectors that tell a concurrent replay which of the other agents' transactions a
// transaction was typed on top of.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as Y from 'yjs';

/** `[position, deleted, inserted]`, with `Array.prototype.splice` semantics in code points. */
export type Patch = [number, number, string];

export interface TraceTxn {
  patches: Patch[];
  /** Concurrent traces only. */
  agent?: number;
  parents?: number[];
}

export interface Trace {
  name: string;
  startContent: string;
  endContent: string;
  txns: TraceTxn[];
  patchCount: number;
}

export const TRACES_DIR =
  process.env.EDITING_TRACES_DIR ?? path.resolve(__dirname, '../../../shared/data/editing-traces');

export function loadTrace(name: string): Trace {
  const file = path.join(TRACES_DIR, `${name}.json.gz`);
  const raw = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as {
    startContent?: string;
    endContent: string;
    txns: TraceTxn[];
  };
  let patchCount = 0;
  for (const txn of raw.txns) patchCount += txn.patches.length;
  return {
    name,
    startContent: raw.startContent ?? '',
    endContent: raw.endContent,
    txns: raw.txns,
    patchCount,
  };
}

/**
 * Applies one transaction's patches to a Y.Text. Positions are code points while Y.Text counts
 * UTF-16 units: both traces are ASCII (checked by `assertAscii`), so they coincide.
 */
export function applyPatches(text: Y.Text, patches: readonly Patch[]): void {
  for (const [pos, deleted, inserted] of patches) {
    if (deleted > 0) text.delete(pos, deleted);
    if (inserted.length > 0) text.insert(pos, inserted);
  }
}

export function assertAscii(trace: Trace): void {
  const nonAscii = /[^\x00-\x7f]/;
  if (nonAscii.test(trace.endContent) || trace.txns.some((t) => t.patches.some((p) => nonAscii.test(p[2]))))
    throw new Error(`${trace.name}: not ASCII, code points and UTF-16 offsets differ`);
}

/**
 * For each transaction of a two-agent trace: how many of the OTHER agent's transactions its
 * parents' merged state contains. Each agent's own transactions form a chain (checked), so
 * "the first n of the other agent's transactions" describes that state exactly.
 */
export interface ConcurrentPlan {
  agents: number;
  /** Transaction indexes of each agent, in the agent's order. */
  byAgent: number[][];
  /** `needsOther[t]`: count of the other agent's transactions merged before transaction t. */
  needsOther: Int32Array;
}

export function planConcurrent(trace: Trace): ConcurrentPlan {
  const n = trace.txns.length;
  const agentOf = (t: number): number => {
    const agent = trace.txns[t].agent;
    if (agent !== 0 && agent !== 1) throw new Error(`${trace.name}: transaction ${t} has agent ${agent}`);
    return agent;
  };
  // Version vector after each transaction: [count of agent 0's, count of agent 1's] in its history.
  const vv = new Int32Array(2 * n);
  const byAgent: number[][] = [[], []];
  const needsOther = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    const agent = agentOf(t);
    let v0 = 0;
    let v1 = 0;
    for (const p of trace.txns[t].parents ?? []) {
      if (p >= t) throw new Error(`${trace.name}: transaction ${t} has a later parent ${p}`);
      v0 = Math.max(v0, vv[2 * p]);
      v1 = Math.max(v1, vv[2 * p + 1]);
    }
    const own = agent === 0 ? v0 : v1;
    if (own !== byAgent[agent].length)
      throw new Error(`${trace.name}: transaction ${t} does not follow agent ${agent}'s previous one`);
    needsOther[t] = agent === 0 ? v1 : v0;
    byAgent[agent].push(t);
    if (agent === 0) v0 += 1;
    else v1 += 1;
    vv[2 * t] = v0;
    vv[2 * t + 1] = v1;
  }
  return { agents: 2, byAgent, needsOther };
}

/** The first `count` transactions of a sequential trace, its endContent computed by replaying them (for short trial runs). */
export function truncateTrace(trace: Trace, count: number): Trace {
  if (count >= trace.txns.length) return trace;
  const doc = new Y.Doc();
  const text = doc.getText('truncate');
  text.insert(0, trace.startContent);
  const txns = trace.txns.slice(0, count);
  for (const txn of txns) applyPatches(text, txn.patches);
  const endContent = text.toString();
  doc.destroy();
  return { ...trace, name: `${trace.name}[0..${count})`, endContent, txns, patchCount: count };
}
