// What a benchmark's load process needs to describe and pin itself: the re-exec under `taskset`
// (worker threads inherit the affinity), the open-files limit, the scheduler autogroup, the
// checkout under test and the machine, for the JSON document's `config`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { ROOT } from './processes';

/**
 * Re-execs this process under `taskset -c <cpu>` (in a session of its own with `setsid` when
 * `ownSession`, so an autogroup nice weighs against other sessions only) unless `pinnedEnv` is
 * set, and exits with the child's status. Returns false in the pinned process.
 */
export function pinLoadProcess(cpu: string, pinnedEnv: string, ownSession = false): false {
  if (process.env[pinnedEnv] === '1') return false;
  const argv = [process.execPath, ...process.execArgv, ...process.argv.slice(1)];
  const command = ownSession ? ['setsid', '-w', 'taskset'] : ['taskset'];
  const result = spawnSync(command[0], [...command.slice(1), '-c', cpu, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, [pinnedEnv]: '1' },
  });
  if (result.error) throw result.error;
  process.exit(result.status ?? 1);
}

/** `soft hard` of this process's open-files limit (/proc/self/limits). */
export function openFilesLimit(): string {
  const limits = fs.readFileSync('/proc/self/limits', 'utf8');
  const line = limits.split('\n').find((l) => l.startsWith('Max open files'));
  return line
    ? line.replace(/\s+/g, ' ').replace('Max open files ', '').replace(' files', '').trim()
    : 'unknown';
}

/** This session's scheduler autogroup and its nice (`/autogroup-N nice K`), or 'none'. */
export function readAutogroup(): string {
  try {
    return fs.readFileSync('/proc/self/autogroup', 'utf8').trim();
  } catch {
    return 'none';
  }
}

/** The commit under test, and how many API/contracts files differ from it. */
export function gitHead(): string {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'apps/api/src', 'libs'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const changed = dirty.stdout.split('\n').filter(Boolean).length;
  return `${head.stdout.trim()}${changed ? ` + ${changed} uncommitted API/libs file(s)` : ''}`;
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} x ${cpus[0]?.model.trim()}, ${Math.round((os.totalmem() / 2 ** 30) * 10) / 10} GiB, Linux ${os.release()}`;
}

export const loadavg = (): number[] => os.loadavg().map((x) => Math.round(x * 100) / 100);

/** `npm run build` in the checkout under test (its output to stderr: stdout is the JSON document). */
export function buildApi(log: (...args: string[]) => void): void {
  log('npm run build');
  const build = spawnSync('npm', ['run', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', process.stderr, 'inherit'],
  });
  if (build.status !== 0) throw new Error('npm run build failed');
}
