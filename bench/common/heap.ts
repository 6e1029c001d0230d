// The reading side of bench/common/heap-probe.cjs: signal the server, wait for its fresh reading.
import fs from 'node:fs';
import path from 'node:path';
import { waitUntil } from './processes';

export const HEAP_PROBE = path.join(__dirname, 'heap-probe.cjs');
/** Node flags that give a server the probe; its environment needs BENCH_HEAP_PROBE_DIR too. */
export const HEAP_PROBE_ARGS = ['--expose-gc', '-r', HEAP_PROBE];

export interface HeapReading {
  /** process.memoryUsage() after two forced full collections, in MiB. */
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  arrayBuffersMiB: number;
  rssMiB: number;
  /** How long the two collections took in the server. */
  gcMs: number;
}

const MiB = 2 ** 20;

/** Signals the probe in `pid` and waits (at most 60 s) for its fresh reading. */
export async function readHeap(pid: number, dir: string): Promise<HeapReading> {
  const file = path.join(dir, `${pid}.json`);
  const read = (): { seq: number; gcMs: number; memory: NodeJS.MemoryUsage } | undefined => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as {
        seq: number;
        gcMs: number;
        memory: NodeJS.MemoryUsage;
      };
    } catch {
      return undefined;
    }
  };
  const before = read()?.seq ?? 0;
  process.kill(pid, 'SIGUSR2');
  const reading = await waitUntil(`the heap probe of ${pid}`, 60_000, () => {
    const r = read();
    return Promise.resolve(r && r.seq > before ? r : undefined);
  });
  const m = reading.memory;
  const round = (x: number) => Math.round((x / MiB) * 100) / 100;
  return {
    heapUsedMiB: round(m.heapUsed),
    heapTotalMiB: round(m.heapTotal),
    externalMiB: round(m.external),
    arrayBuffersMiB: round(m.arrayBuffers),
    rssMiB: round(m.rss),
    gcMs: Math.round(reading.gcMs * 10) / 10,
  };
}
