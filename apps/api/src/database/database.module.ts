import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MIGRATIONS } from './migrations';

export interface DatabaseOptions {
  url: string;
  /** PGlite serves one connection at a time: see EmbeddedPostgres. */
  embedded: boolean;
}

@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
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
      ],
    };
  }
}
