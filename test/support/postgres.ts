import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** CI's and developers' PostgreSQL: 127.0.0.1:5432, trust auth, user postgres (override with TEST_PG_URL). */
export const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_DB_PREFIX = 'convergo_t_';

export async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Set by the global setup: a database with every migration applied, copied for each app's own database. */
export const TEMPLATE_DB_ENV = 'CONVERGO_TEST_TEMPLATE_DB';

/**
 * A fresh database per test file, so files run in parallel without seeing each other: empty, or
 * with `migrated` a copy of the global setup's migrated template (seconds less per start-up).
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<string> {
  const name = `${TEST_DB_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = options.migrated ? process.env[TEMPLATE_DB_ENV] : undefined;
  await withAdminClient((client) =>
    client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`),
  );
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropTestDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!name.startsWith(TEST_DB_PREFIX)) throw new Error(`refusing to drop ${name}`);
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
