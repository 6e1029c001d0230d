import type { Pool, PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** A statement's text under the name PostgreSQL keeps it by, per connection. */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

const declared = new Set<string>();

/**
 * Declares a hot statement under its name. A name stands for one text on every connection (pg
 * refuses a second text under it, at run time), so a name declared twice fails here, at load.
 */
export function preparedStatement(name: string, text: string): PreparedStatement {
  if (declared.has(name)) throw new Error(`prepared statement "${name}" is declared twice`);
  declared.add(name);
  return { name, text };
}

/**
 * Runs a hot statement as a named prepared statement: PostgreSQL parses it once per connection
 * and, after a few executions, keeps its plan. Planning a thread's page took ~7 ms of the
 * database's CPU per request, three times the execution (bench/http). On the unit of work's
 * connection when there is one, else on a pooled one.
 *
 * Only for statements whose text never changes: the name stands for the text on every
 * connection, so each name is declared once, with its text (`preparedStatement`). Errors are pg's
 * own, not TypeORM's QueryFailedError.
 */
export async function preparedQuery<T>(
  manager: EntityManager,
  statement: PreparedStatement,
  values: unknown[],
): Promise<T[]> {
  const runner = manager.queryRunner;
  const client: Pool | PoolClient =
    runner && !runner.isReleased
      ? ((await runner.connect()) as PoolClient)
      : ((manager.connection.driver as PostgresDriver).master as Pool);
  const { rows } = await client.query({ ...statement, values });
  return rows as T[];
}
