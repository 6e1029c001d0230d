import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import semver from 'semver';

/**
 * Issue 18 point 7: the Node version the README states is the one package.json requires, and every
 * installed package that declares `engines.node` admits it (no EBADENGINE warning on install).
 */

const ROOT = resolve(__dirname, '..');

interface Manifest {
  name?: string;
  version?: string;
  engines?: { node?: unknown };
}

function readManifest(path: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** Every package directory under a node_modules folder, nested node_modules included. */
function packageDirs(nodeModules: string): string[] {
  if (!existsSync(nodeModules)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    const path = join(nodeModules, entry);
    if (entry.startsWith('@')) {
      for (const scoped of readdirSync(path)) found.push(...packageDir(join(path, scoped)));
    } else {
      found.push(...packageDir(path));
    }
  }
  return found;
}

function packageDir(path: string): string[] {
  // Workspace links point back into this repository, checked on their own.
  if (lstatSync(path).isSymbolicLink() || !existsSync(join(path, 'package.json'))) return [];
  return [path, ...packageDirs(join(path, 'node_modules'))];
}

describe('supported Node versions', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const stated = /Node\.js (\d+\.\d+(?:\.\d+)?) or later/.exec(readme)?.[1];
  const minimum = semver.coerce(stated)?.version;

  it('states the minimum Node version in the README, the same one package.json requires', () => {
    expect(stated).toBeDefined();
    const range = readManifest(join(ROOT, 'package.json'))?.engines?.node;
    expect(typeof range).toBe('string');
    expect(semver.minVersion(range as string)?.version).toBe(minimum);
    expect(readManifest(join(ROOT, 'apps/web/package.json'))?.engines?.node ?? range).toBe(range);
  });

  it('installs only packages that declare support for that Node version', () => {
    expect(minimum).toBeDefined();
    const dirs = [
      ...packageDirs(join(ROOT, 'node_modules')),
      ...packageDirs(join(ROOT, 'apps/web/node_modules')),
    ];
    expect(dirs.length).toBeGreaterThan(100); // the dependencies are installed at all
    const offenders = dirs.flatMap((dir) => {
      const manifest = readManifest(join(dir, 'package.json'));
      const range = manifest?.engines?.node;
      if (typeof range !== 'string' || semver.satisfies(minimum!, range)) return [];
      return [`${manifest?.name}@${manifest?.version} (${relative(ROOT, dir)}) requires node ${range}`];
    });
    expect(offenders).toEqual([]);
  });
});
