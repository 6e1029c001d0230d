import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the global setup asks the run's migrated PGlite data to be kept (built by the first suite that needs it). */
export const EMBEDDED_TEMPLATE_ENV = 'CONVERGO_TEST_EMBEDDED_TEMPLATE';

const BUILD_TIMEOUT_MS = 300_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A new DATA_DIR holding a copy of a migrated embedded database. Migrating PGlite (WASM) takes
 * 20–30 s on a loaded machine; copying its folder well under one. The first suite to ask builds
 * the template with `build` (its folder is the lock: mkdir is atomic across jest workers); the
 * others wait for it. Without the global setup's folder, the DATA_DIR is simply empty.
 */
export async function embeddedDataDir(build: (dataDir: string) => Promise<void>): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'convergo-test-'));
  const template = await migratedTemplate(build);
  if (template) cpSync(template, join(dataDir, 'pgdata'), { recursive: true });
  return dataDir;
}

async function migratedTemplate(build: (dataDir: string) => Promise<void>): Promise<string | undefined> {
  const root = process.env[EMBEDDED_TEMPLATE_ENV];
  if (!root) return undefined;
  const ready = join(root, 'ready');
  const pgdata = join(root, 'pgdata');
  try {
    mkdirSync(root);
  } catch {
    for (const deadline = Date.now() + BUILD_TIMEOUT_MS; Date.now() < deadline; await sleep(250)) {
      if (existsSync(ready)) return pgdata;
      if (existsSync(join(root, 'failed'))) return undefined;
    }
    return undefined;
  }
  try {
    await build(root);
    writeFileSync(ready, '');
    return pgdata;
  } catch (error) {
    writeFileSync(join(root, 'failed'), String(error));
    throw error;
  }
}

/** The global teardown's part. */
export function removeEmbeddedTemplate(): void {
  const root = process.env[EMBEDDED_TEMPLATE_ENV];
  if (root) rmSync(root, { recursive: true, force: true });
}
