import { removeEmbeddedTemplate } from './embedded-template';
import { TEMPLATE_DB_ENV, withAdminClient } from './postgres';

/** Drops the migrated templates of the run (a killed run's database is dropped by the next setup). */
export default async function globalTeardown(): Promise<void> {
  removeEmbeddedTemplate();
  const name = process.env[TEMPLATE_DB_ENV];
  if (!name) return;
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
