// Preloaded into a server under test (`node --expose-gc -r bench/common/heap-probe.cjs ...`), so a
// benchmark reads the server's V8 heap without an inspector and without product code: on SIGUSR2
// it forces full garbage collections and writes process.memoryUsage() to
// $BENCH_HEAP_PROBE_DIR/<pid>.json (atomically, with a sequence number the reader waits for). With
// BENCH_HEAP_SNAPSHOT_DIR set it also writes a heap snapshot there (<pid>-<seq>.heapsnapshot), to
// see what the heap holds (slow: seconds per 100 MB of heap).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');

const dir = process.env.BENCH_HEAP_PROBE_DIR;
let seq = 0;
if (dir && typeof globalThis.gc === 'function') {
  process.on('SIGUSR2', () => {
    const started = process.hrtime.bigint();
    // Twice: objects kept alive only by finalizers or weak callbacks of the first pass go in the second.
    globalThis.gc();
    globalThis.gc();
    const gcMs = Number(process.hrtime.bigint() - started) / 1e6;
    const memory = process.memoryUsage();
    seq++;
    const snapshots = process.env.BENCH_HEAP_SNAPSHOT_DIR;
    if (snapshots) v8.writeHeapSnapshot(path.join(snapshots, `${process.pid}-${seq}.heapsnapshot`));
    const file = path.join(dir, `${process.pid}.json`);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ seq, gcMs, memory }));
    fs.renameSync(`${file}.tmp`, file);
  });
}
