import type { INestApplication, InjectionToken } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApplication, type ConvergoApplication } from '../../apps/api/src/bootstrap';
import { validateEnvironment } from '../../apps/api/src/config/environment';
import { embeddedDataDir } from './embedded-template';
import { createTestDatabase, dropTestDatabase } from './postgres';

export interface TestApp {
  readonly convergo: ConvergoApplication;
  readonly app: INestApplication;
  readonly baseUrl: string;
  readonly databaseUrl?: string;
  readonly dataDir: string;
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Environment variables on top of the test defaults. */
  env?: Record<string, string | undefined>;
  /** Run on embedded PGlite (no DATABASE_URL) instead of a fresh PostgreSQL database. */
  embedded?: boolean;
  /**
   * Start on this DATA_DIR and leave it in place on close (default: a new folder, removed on
   * close; for `embedded`, a copy of the run's migrated template).
   */
  dataDir?: string;
  /** Reuse this database instead of creating one (e.g. two instances sharing it). */
  databaseUrl?: string;
  /** Providers to replace (Nest testing module `overrideProvider(token).useValue(value)`). */
  overrideProviders?: { token: InjectionToken; useValue: unknown }[];
}

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

/** A new DATA_DIR whose embedded database is migrated already (a copy of the run's template). */
export function migratedEmbeddedDataDir(): Promise<string> {
  return embeddedDataDir(async (templateDir) => {
    await (await startTestApp({ embedded: true, dataDir: templateDir })).close();
  });
}

/** Starts the real app on a random port: once per test file, in beforeAll. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir =
    options.dataDir ??
    (options.embedded ? await migratedEmbeddedDataDir() : mkdtempSync(join(tmpdir(), 'convergo-test-')));
  const ownDatabase = !options.embedded && !options.databaseUrl;
  const databaseUrl = options.embedded
    ? undefined
    : (options.databaseUrl ?? (await createTestDatabase({ migrated: true })));
  const env = validateEnvironment({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    DEMO_DATA: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RATE_LIMIT_DISABLED: 'true',
    HOST: '127.0.0.1',
    ...options.env,
  });
  const overrides = options.overrideProviders ?? [];
  const convergo = await createApplication(
    env,
    overrides.length === 0
      ? undefined
      : async (root, adapter, appOptions) => {
          let builder = Test.createTestingModule({ imports: [root] });
          for (const o of overrides) builder = builder.overrideProvider(o.token).useValue(o.useValue);
          const moduleRef = await builder.compile();
          return moduleRef.createNestApplication<NestFastifyApplication>(adapter, appOptions);
        },
  );
  const baseUrl = await convergo.listen(0, '127.0.0.1');
  return {
    convergo,
    app: convergo.app,
    baseUrl,
    databaseUrl,
    dataDir,
    http: () => request(baseUrl),
    async close() {
      await convergo.close();
      if (ownDatabase && databaseUrl) await dropTestDatabase(databaseUrl);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
