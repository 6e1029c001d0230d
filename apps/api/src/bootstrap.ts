import { type DynamicModule, Logger as NestLogger, type NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import helmet from 'helmet';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module';
import { ProblemDetailsResponse, problemResponse } from './common/openapi';
import { createValidationPipe } from './common/validation.pipe';
import { RuntimeSettings } from './config/config.module';
import { Environment } from './config/environment';
import { resolveJwtSecret } from './config/jwt-secret';
import { EmbeddedPostgres } from './database/embedded-postgres';
import { runStartupTasks } from './startup';
import { configureRealtime } from './modules/realtime/realtime-io.adapter';
import { answerMalformedRequestsWithProblems } from './common/http/malformed-request';
import { inputGuard } from './common/http/input-guard';
import { createAppLogging } from './common/logging/app-logging';

export interface ConvergoApplication {
  readonly app: NestExpressApplication;
  readonly embedded?: EmbeddedPostgres;
  /** Starts listening; port 0 picks a free port. Returns the base URL. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export const API_PREFIX = 'api/v1';

/** TRUST_PROXY as express takes it: `false`/`true`, a hop count, or addresses and subnets. */
function trustProxySetting(value: string): boolean | number | string {
  if (value === 'false' || value === '') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** How the Nest app is made from the root module; tests swap in a testing module with overrides. */
export type NestAppFactory = (
  root: DynamicModule,
  options: NestApplicationOptions,
) => Promise<NestExpressApplication>;

const createNestApp: NestAppFactory = (root, options) =>
  NestFactory.create<NestExpressApplication>(root, options);

/** Builds the whole product around one Nest app: used by main.ts and by every end-to-end test. */
export async function createApplication(
  env: Environment,
  create: NestAppFactory = createNestApp,
): Promise<ConvergoApplication> {
  const embedded = env.DATABASE_URL ? undefined : await EmbeddedPostgres.start(env.DATA_DIR);
  try {
    const runtime = new RuntimeSettings(
      resolveJwtSecret(env.JWT_SECRET, env.DATA_DIR),
      embedded !== undefined,
    );
    const app = await create(
      AppModule.register({ env, runtime, databaseUrl: env.DATABASE_URL ?? embedded!.url }),
      { bufferLogs: true, bodyParser: false },
    );
    const logging = createAppLogging(env.LOG_LEVEL);
    app.useLogger(logging.logger);
    app.useBodyParser('json', { limit: '256kb' });
    app.useBodyParser('urlencoded', { limit: '256kb', extended: false });
    // After the body parsers, whose callbacks would leave the request's logging context.
    app.use(logging.middleware);
    app.use(`/${API_PREFIX}`, inputGuard);
    answerMalformedRequestsWithProblems(app.getHttpServer());
    app.set('trust proxy', trustProxySetting(env.TRUST_PROXY));
    app.use(helmet());
    app.use(compression());
    app.setGlobalPrefix(API_PREFIX, { exclude: [] });
    app.useGlobalPipes(createValidationPipe());

    const openApi = new DocumentBuilder()
      .setTitle('Convergo API')
      .setDescription('Community of practice for Italian public administrations')
      .setVersion('1')
      .addBearerAuth()
      .addGlobalResponse(problemResponse(500))
      .build();
    SwaggerModule.setup(
      'api/docs',
      app,
      () => SwaggerModule.createDocument(app, openApi, { extraModels: [ProblemDetailsResponse] }),
      {
        jsonDocumentUrl: 'api/docs-json',
      },
    );

    await configureRealtime(app, env);
    await app.init();
    await runStartupTasks(app, env);

    return {
      app,
      embedded,
      async listen(port: number, host = env.HOST) {
        await app.listen(port, host);
        const address = app.getHttpServer().address() as AddressInfo;
        return `http://127.0.0.1:${address.port}`;
      },
      async close() {
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    NestLogger.error(error);
    throw error;
  }
}
