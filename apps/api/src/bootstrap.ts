import { type DynamicModule, Logger as NestLogger, type NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from '@fastify/compress';
import helmet from 'helmet';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module';
import { ProblemDetailsResponse, problemResponse } from './common/openapi';
import { createValidationPipe } from './common/validation.pipe';
import { RuntimeSettings } from './config/config.module';
import { Environment } from './config/environment';
import { resolveJwtSecret } from './config/jwt-secret';
import type { EmbeddedPostgres } from './database/embedded-postgres';
import { runStartupTasks } from './startup';
import { configureRealtime } from './modules/realtime/realtime-io.adapter';
import { answerFrameworkError, answerMalformedRequest } from './common/http/malformed-request';
import { guardApiInput } from './common/http/input-guard';
import { respectNoTransform } from './common/http/no-transform';
import { BODY_LIMIT_BYTES, parseJsonBody } from './common/http/json-body';
import { createAppLogging, requestIdOf } from './common/logging/app-logging';

export interface ConvergoApplication {
  readonly app: NestFastifyApplication;
  readonly embedded?: EmbeddedPostgres;
  /** Starts listening; port 0 picks a free port. Returns the base URL. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export const API_PREFIX = 'api/v1';

/**
 * TRUST_PROXY: `false`/`true`, a hop count (the nearest n proxies are trusted), or addresses and
 * subnets as proxy-addr reads them.
 */
function trustProxySetting(value: string): boolean | string | ((address: string, hop: number) => boolean) {
  if (value === 'false' || value === '') return false;
  if (value === 'true') return true;
  if (!/^\d+$/.test(value)) return value;
  const hops = Number(value);
  return (_address, hop) => hop < hops;
}

/** How the Nest app is made from the root module; tests swap in a testing module with overrides. */
export type NestAppFactory = (
  root: DynamicModule,
  adapter: FastifyAdapter,
  options: NestApplicationOptions,
) => Promise<NestFastifyApplication>;

const createNestApp: NestAppFactory = (root, adapter, options) =>
  NestFactory.create<NestFastifyApplication>(root, adapter, options);

/** `/x/` is `/x`, as the API always answered, and ids longer than 100 characters reach validation (a 400, not a 404). */
function createHttpAdapter(env: Environment): FastifyAdapter {
  return new FastifyAdapter({
    trustProxy: trustProxySetting(env.TRUST_PROXY),
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: requestIdOf,
    clientErrorHandler: answerMalformedRequest,
    frameworkErrors: answerFrameworkError,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2048 },
  });
}

/** PGlite is loaded only when it is used: a process with DATABASE_URL never needs it. */
async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const { EmbeddedPostgres } = await import('./database/embedded-postgres.js');
  return EmbeddedPostgres.start(dataDir);
}

/** Builds the whole product around one Nest app: used by main.ts and by every end-to-end test. */
export async function createApplication(
  env: Environment,
  create: NestAppFactory = createNestApp,
): Promise<ConvergoApplication> {
  const embedded = env.DATABASE_URL ? undefined : await startEmbeddedPostgres(env.DATA_DIR);
  try {
    const runtime = new RuntimeSettings(
      resolveJwtSecret(env.JWT_SECRET, env.DATA_DIR),
      embedded !== undefined,
    );
    const app = await create(
      AppModule.register({ env, runtime, databaseUrl: env.DATABASE_URL ?? embedded!.url }),
      createHttpAdapter(env),
      { bufferLogs: true },
    );
    const logging = createAppLogging(env.LOG_LEVEL);
    app.useLogger(logging.logger);
    app.useBodyParser('application/json', {}, parseJsonBody);
    app.useBodyParser(/^application\/[\w.-]+\+json$/, {}, parseJsonBody);
    const fastify = app.getHttpAdapter().getInstance();
    // A text/plain body is refused (415) like any other type without a parser, not read as a string.
    fastify.removeContentTypeParser('text/plain');
    // A Fastify hook, not Nest middleware: nothing else runs through middie.
    fastify.addHook('onRequest', (request, reply, done) =>
      logging.middleware(request.raw, reply.raw, () => done()),
    );
    // After the body is parsed, whose stream callbacks would leave the request's logging context.
    fastify.addHook('preHandler', logging.withinRequest);
    fastify.addHook('preValidation', guardApiInput(`/${API_PREFIX}/`));
    // helmet itself, made once: @fastify/helmet builds its middleware again on every request.
    const securityHeaders = helmet();
    fastify.addHook('onRequest', (request, reply, done) =>
      securityHeaders(request.raw, reply.raw, (error?: unknown) =>
        done(error instanceof Error ? error : undefined),
      ),
    );
    fastify.addHook('onSend', respectNoTransform);
    // Below 4 KB a response goes in the connection's first flight (ten segments) compressed or
    // not, so compressing it saves no round trip, only bytes, and costs ~0.2 ms of the API's core
    // (brotli on a 1 KB reply, measured): single objects and writes go as they are, pages and
    // lists (tens of KB) compressed.
    await app.register(compression, { threshold: 4096 });
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
