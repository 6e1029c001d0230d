import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_TEMPLATE_ENV } from './embedded-template';
import { startTestApp } from './test-app';
import { ADMIN_URL, TEMPLATE_DB_ENV, TEST_DB_PREFIX, withAdminClient } from './postgres';

/**
 * Fails early and clearly when PostgreSQL is down, clears databases left by killed runs, and
 * migrates once a template that every test app's database is copied from.
 */
export default async function globalSetup(): Promise<void> {
  await withAdminClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      // starts_with, not LIKE: `_` in the prefix would match any character and reach other databases.
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [TEST_DB_PREFIX],
    );
    for (const { datname } of rows) {
      const pid = Number(datname.slice(TEST_DB_PREFIX.length).split('_')[0]);
      // Only names this suite makes (`<prefix><pid>_…`); anything else is not ours to drop.
      if (!Number.isSafeInteger(pid) || pid <= 0) continue;
      let alive = false;
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        alive = false;
      }
      if (!alive) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  });
  await buildTemplate();
  // Built by the first embedded suite, not here: a run without one should not pay for it.
  process.env[EMBEDDED_TEMPLATE_ENV] = join(tmpdir(), `convergo-embedded-template-${process.pid}`);
}

/** The app started once on an empty database leaves it migrated (pg-boss's schema too). */
async function buildTemplate(): Promise<void> {
  const name = `${TEST_DB_PREFIX}${process.pid}_template`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const app = await startTestApp({ databaseUrl: url.toString() });
  await app.close();
  // Jest starts its workers after the global setup: they inherit it.
  process.env[TEMPLATE_DB_ENV] = name;
}
