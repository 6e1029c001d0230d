import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`DATA_DIR ${dataDir} is already in use by process ${pid}; stop it or choose another DATA_DIR`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no lock of its own: two processes writing one data folder corrupt it.
 * The lock file holds the owner's pid, so a lock left by a killed process is taken over.
 */
export class DataDirLock {
  /** Locks held by this process: a pid match alone could be a killed container's pid 1 reused. */
  private static readonly held = new Set<string>();

  private constructor(private readonly file: string) {}

  static acquire(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'convergo.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        DataDirLock.held.add(file);
        return new DataDirLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number(readFileSync(file, 'utf8').trim());
        const heldHere = DataDirLock.held.has(file);
        if (heldHere || (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner))) {
          throw new DataDirLockedError(dataDir, heldHere ? process.pid : owner);
        }
        rmSync(file, { force: true });
      }
    }
    throw new Error(`could not lock ${file}`);
  }

  release(): void {
    DataDirLock.held.delete(this.file);
    rmSync(this.file, { force: true });
  }
}
