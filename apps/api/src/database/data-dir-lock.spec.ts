import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLock, DataDirLockedError } from './data-dir-lock';

describe('DataDirLock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'convergo-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets one holder in and refuses a second until released', () => {
    const lock = DataDirLock.acquire(dir);
    expect(readFileSync(join(dir, 'convergo.lock'), 'utf8')).toBe(String(process.pid));
    expect(() => DataDirLock.acquire(dir)).toThrow(DataDirLockedError);
    lock.release();
    DataDirLock.acquire(dir).release();
  });

  it('refuses a folder locked by another live process', () => {
    writeFileSync(join(dir, 'convergo.lock'), String(process.ppid));
    expect(() => DataDirLock.acquire(dir)).toThrow(/already in use by process/);
  });

  it('takes over a lock left by a process that was killed', () => {
    writeFileSync(join(dir, 'convergo.lock'), '2147483646');
    const lock = DataDirLock.acquire(dir);
    expect(readFileSync(join(dir, 'convergo.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
  });
});
