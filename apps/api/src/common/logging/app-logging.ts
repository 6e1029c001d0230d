import type { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ClsServiceManager } from 'nestjs-cls';
import type { DestinationStream, Logger as Pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { redactRequest } from '../http/log-redaction';

/**
 * The logs: one pino instance for the request log (pino-http) and for Nest's own logger, so every
 * line is JSON on stdout. Inside a request, Nest log lines go through the request's child logger
 * and carry its id and (redacted) request.
 */

const REQUEST_ID = /^[\w.-]{1,64}$/;

type PinoLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * The request being handled, whose child logger (made on its first line) Nest's log lines go
 * through: kept in the app's one async context (nestjs-cls, which transactions use too), since on
 * Node 20 each AsyncLocalStorage adds its own work to every promise.
 */
const REQUEST = Symbol('loggedRequest');
const context = ClsServiceManager.getClsService();

/** pino-http's child logger when it logs requests; otherwise one made when the request first logs. */
function requestLogger(req: IncomingMessage, root: Pino): Pino {
  req.log ??= root.child({ reqId: req.id });
  return req.log;
}

/** Nest's LoggerService on pino, with the calling conventions of Nest's own Logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: Pino) {}

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: PinoLevel, message: unknown, params: unknown[]): void {
    // Undefined outside a request: nestjs-cls answers a symbol key with undefined outside any context.
    const req = context.get<IncomingMessage | undefined>(REQUEST);
    const logger = req ? requestLogger(req, this.root) : this.root;
    const fields: Record<string, unknown> = {};
    // Nest's Logger passes its context as the last parameter.
    let rest = params;
    if (params.length > 0) {
      fields.context = params[params.length - 1];
      rest = params.slice(0, -1);
    }
    const args = rest as [string?, ...unknown[]];
    if (message instanceof Error) {
      logger[level]({ ...fields, err: message }, ...args);
    } else if (typeof message === 'object' && message !== null) {
      logger[level]({ ...fields, ...message }, ...args);
    } else if (isStackTrace(level, rest)) {
      // Nest's exception handlers call error(message, stack, context).
      const err = new Error(String(message));
      err.stack = rest[0] as string;
      logger[level]({ ...fields, err });
    } else {
      logger[level](fields, String(message), ...(rest as unknown[]));
    }
  }
}

function isStackTrace(level: PinoLevel, rest: unknown[]): boolean {
  return level === 'error' && rest.length === 1 && typeof rest[0] === 'string' && /\n\s*at /.test(rest[0]);
}

export interface AppLogging {
  /** For `app.useLogger`. */
  readonly logger: PinoNestLogger;
  /** Logs each request when its response is finished and answers with its `x-request-id`. */
  readonly middleware: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  /**
   * A Fastify hook (after the body is parsed) that runs the rest of the request inside its child
   * logger, so Nest log lines carry the request's id.
   */
  readonly withinRequest: (request: { raw: IncomingMessage }, reply: unknown, done: () => void) => void;
}

/** The caller's `x-request-id` when well-formed (a trace id from a proxy), else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Logs to stdout; tests pass a destination of their own. */
export function createAppLogging(level: string, destination?: DestinationStream): AppLogging {
  const http = pinoHttp(
    {
      level,
      // Fastify names the request first (its `genReqId` is requestIdOf); this is for other servers.
      genReqId: requestIdOf,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      serializers: { req: redactRequest },
      autoLogging: { ignore: (req) => req.url === '/api/v1/health' },
    },
    destination,
  );
  // Below `info` no request line is written: pino-http would still build (and serialise) a logger
  // with the whole request for each one, ~50 µs (bench/README "HTTP"), and even a bare child
  // logger per request cost ~2 % of a page of posts (stop 21): it is made only when a line is
  // written inside the request, and still carries the request's id.
  const logsRequests = http.logger.isLevelEnabled('info');
  const name = logsRequests
    ? http
    : (req: IncomingMessage, _res: ServerResponse, next: () => void) => {
        req.id ??= requestIdOf(req);
        next();
      };
  return {
    logger: new PinoNestLogger(http.logger),
    middleware: (req, res, next) =>
      name(req, res, () => {
        res.setHeader('x-request-id', String(req.id));
        next();
      }),
    withinRequest: (request, _reply, done) =>
      context.run({ ifNested: 'inherit' }, () => {
        context.set(REQUEST, request.raw);
        done();
      }),
  };
}
