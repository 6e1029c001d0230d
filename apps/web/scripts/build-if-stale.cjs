// Builds the web app when its last build is missing or older than any of its sources, so
// `npm start` after a `git pull` never serves a stale interface (and skips the build otherwise).
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..', '..', '..');
const SOURCES = [
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
  'libs/contracts/src',
];
const BUILT = 'apps/web/dist/index.html';

/** The newest modification time (ms) under a file or folder. */
function newest(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** Why the web app must be built, or null when its build is newer than every source. */
function staleReason(root = ROOT) {
  const built = join(root, BUILT);
  if (!existsSync(built)) return 'no build yet';
  const builtAt = statSync(built).mtimeMs;
  for (const source of SOURCES) {
    const path = join(root, source);
    if (existsSync(path) && newest(path) > builtAt)
      return `${relative(root, path)} changed since the last build`;
  }
  return null;
}

module.exports = { staleReason };

if (require.main === module) {
  const reason = staleReason();
  if (reason === null) {
    console.log('web app: build is up to date');
  } else {
    console.log(`web app: building (${reason})`);
    const result = spawnSync('npm', ['run', 'build:web'], {
      cwd: ROOT,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    process.exit(result.status ?? 1);
  }
}
