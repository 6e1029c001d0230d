import { DynamicModule, Module } from '@nestjs/common';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { MIGRATIONS } from './migrations';
import { TransactionalBinder } from './transactional';
import { TypeOrmAfterCommitAdapter } from './transactional-adapter';

export interface DatabaseOptions {
  url: string;
  /** PGlite serves one connection at a time: see EmbeddedPostgres. */
  embedded: boolean;
}

/**
 * TypeORM on PostgreSQL, and the one way to run a unit of work: `@Transactional()` (from
 * ./transactional, on nestjs-cls) on a service method. Repositories inject `TransactionHost<TypeOrmAfterCommitAdapter>`
 * and query through `host.tx`, so every repository called inside the method joins its
 * transaction — which, on the embedded database's single connection, is also what keeps a
 * transaction from waiting on itself. Code that must wait for the commit uses `afterCommit`.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        DiscoveryModule,
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: options.url,
          autoLoadEntities: true,
          migrations: MIGRATIONS,
          migrationsRun: true,
          migrationsTransactionMode: 'each',
          synchronize: false,
          logging: ['error', 'migration'],
          extra: { max: options.embedded ? 1 : 10, connectionTimeoutMillis: 30_000 },
        }),
        ClsModule.forRoot({
          global: true,
          plugins: [new ClsPluginTransactional({ adapter: new TypeOrmAfterCommitAdapter() })],
        }),
      ],
      providers: [TransactionalBinder],
    };
  }
}
