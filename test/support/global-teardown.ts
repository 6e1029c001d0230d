import { TEMPLATE_DB_ENV, withAdminClient } from './postgres';

/** Drops the migrated template of the global setup (a killed run's is dropped by the next setup). */
export default async function globalTeardown(): Promise<void> {
  const name = process.env[TEMPLATE_DB_ENV];
  if (!name) return;
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
