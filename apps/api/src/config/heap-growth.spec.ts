import { spawnSync } from 'node:child_process';
import { applyHeapGrowth, HEAP_GROWING_PERCENT } from './heap-growth';

describe('applyHeapGrowth', () => {
  it('is a flag this Node.js knows (setFlagsFromString would ignore an unknown one)', () => {
    const run = spawnSync(process.execPath, [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, '-e', ''], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('sets the growth unless node was given its own', () => {
    expect(applyHeapGrowth(['--heap-growing-percent=30'])).toBe(false);
    expect(applyHeapGrowth(['--max-old-space-size=512'])).toBe(true);
  });
});
