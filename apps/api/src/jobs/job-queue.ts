import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';

import PgBoss from 'pg-boss';
import type { Pool } from 'pg';
import { v5 as uuidv5 } from 'uuid';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { TypeOrmAfterCommitAdapter } from '../database/transactional-adapter';

/** pg-boss keeps its tables in their own schema, away from ours. */
const SCHEMA = 'pgboss';

export type JobHandler<T> = (data: T, jobId: string) => Promise<void>;

/** The namespace of Convergo's name-based job ids (a random UUID, fixed forever). */
const JOB_ID_NAMESPACE = '3f7c2a3e-0c1b-4f43-9a59-6d0f4c8e2b71';

/**
 * A stable job id (a name-based UUID, version 5) for `key`: the same reminder always gets the same
 * id, so it can be withdrawn by id and re-sending it is a no-op.
 */
export function jobId(key: string): string {
  return uuidv5(key, JOB_ID_NAMESPACE);
}

/**
 * Durable delayed jobs on the app's own database (pg-boss 10): at-least-once, shared by every API
 * process (a job is fetched with SKIP LOCKED by one of them), surviving restarts.
 *
 * - pg-boss runs its SQL through the app's pool (its `db` option), not a pool of its own: the
 *   embedded database (PGlite behind pglite-socket) serves a single connection.
 * - `send`/`remove` inside a `@Transactional()` unit of work run on that transaction's connection,
 *   so a rolled-back booking schedules nothing and a cancellation withdraws its jobs atomically.
 * - pg-boss creates and upgrades its schema itself at start-up (`migrate`, under an advisory lock,
 *   so concurrent processes are safe): its DDL is versioned with the library, and copying it into
 *   our TypeORM migrations would pin us to one pg-boss schema version and break its own upgrades.
 */
@Injectable()
export class JobQueue implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly boss: PgBoss;
  private readonly pool: Pool;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly host: TransactionHost<TypeOrmAfterCommitAdapter>,
  ) {
    this.pool = (dataSource.driver as PostgresDriver).master as Pool;
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => this.pool.query(text, values) },
      schema: SCHEMA,
      migrate: true,
      supervise: true,
      schedule: false,
    });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
  }

  /** Workers finish (or give back) their jobs before the database pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  async createQueue(name: string, options: Omit<PgBoss.Queue, 'name'> = {}): Promise<void> {
    await this.boss.createQueue(name, { name, ...options });
  }

  /** Schedules a job in the ambient transaction; an existing job with `id` is left as it is. */
  async send(name: string, id: string, data: object, startAfter: Date): Promise<void> {
    await this.boss.send(name, data, { id, startAfter, db: this.executor() });
  }

  /** Withdraws jobs (any state) in the ambient transaction. */
  async remove(name: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.boss.deleteJob(name, ids, { db: this.executor() });
  }

  /** Runs `handler` for each due job of `name`; a throw fails the job and pg-boss retries it. */
  async work<T extends object>(name: string, pollingIntervalSeconds: number, handler: JobHandler<T>) {
    await this.boss.work<T>(name, { pollingIntervalSeconds, batchSize: 1 }, async (jobs) => {
      for (const job of jobs) await handler(job.data, job.id);
    });
  }

  /** The current transaction's connection when there is one, otherwise the pool. */
  private executor(): PgBoss.Db {
    const runner = this.host.tx.queryRunner;
    if (!runner?.isTransactionActive) return { executeSql: (text, values) => this.pool.query(text, values) };
    return {
      executeSql: async (text, values) => {
        const result = await runner.query(text, values, true);
        return { rows: result.records as unknown[] };
      },
    };
  }
}
