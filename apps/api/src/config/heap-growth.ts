import { setFlagsFromString } from 'node:v8';

/** How much V8 lets the API's old generation grow past what a mark-compact left: 1 + percent / 100. */
export const HEAP_GROWING_PERCENT = 100;

const FLAG = '--heap-growing-percent';

/**
 * A live document's updates are allocated fast and promoted slowly, so V8's own growing factor
 * stays near its 1.1 minimum: under 500 updates/s it marked the whole heap (~70 MB, mostly the
 * application itself) every ~10 s, each time a 40–100 ms stall for every editor and every room
 * (bench/README.md, "Update, stop 23"). Growing to twice what survived makes that every ~2 minutes,
 * for up to as much heap again as survived (~80 MB here). V8 reads the flag at every collection, so
 * setting it at start works like the command-line flag; one given to node wins. Returns whether it
 * was set here.
 */
export function applyHeapGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  // node takes a V8 flag with a value only as `--flag=value`, and refuses this one in NODE_OPTIONS.
  if (execArgv.some((arg) => arg.startsWith(`${FLAG}=`))) return false;
  setFlagsFromString(`${FLAG}=${HEAP_GROWING_PERCENT}`);
  return true;
}
