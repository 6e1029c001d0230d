import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ProblemDetails } from '@convergo/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException } from './app.exception';
import { UnsupportedMediaTypeException } from './http/input-guard';
import { BodyTooLargeException } from './http/json-body';
import { RateLimitedException } from './rate-limit/member-rate-limits';

export const PROBLEM_BASE = 'https://convergo.dev/problems/';

function problemFromHttpException(exception: HttpException): ProblemDetails {
  const status = exception.getStatus();
  if (status === HttpStatus.TOO_MANY_REQUESTS) {
    // The per-address throttle (its Retry-After header is already set): the same code as the per-member limits.
    return {
      type: PROBLEM_BASE + 'rate_limited',
      title: 'Too many requests',
      status,
      detail: 'Too many requests from this address: wait and try again (see Retry-After)',
      code: 'rate_limited',
    };
  }
  const body = exception.getResponse();
  const title = HttpStatus[status]?.toLowerCase().replace(/_/g, ' ') ?? 'error';
  let detail = exception.message;
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const message = (body as { message: unknown }).message;
    detail = Array.isArray(message) ? message.join('; ') : String(message);
  }
  const code = title.replace(/ /g, '_');
  return { type: PROBLEM_BASE + code, title: title[0].toUpperCase() + title.slice(1), status, detail, code };
}

/**
 * A body Fastify refused before any route ran (Nest wraps its error in an HttpException) as the
 * API's own exception, with the API's code and words.
 */
function fromFastify(exception: unknown, request: FastifyRequest): unknown {
  const cause = exception instanceof HttpException ? (exception.cause as { code?: string }) : undefined;
  switch (cause?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new BodyTooLargeException();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new UnsupportedMediaTypeException(request.headers['content-type'] ?? 'none');
    default:
      return exception;
  }
}

/** The answer to what we did not foresee: no detail but the id that finds it in the logs. */
export function internalProblem(requestId: unknown): ProblemDetails {
  return {
    type: PROBLEM_BASE + 'internal',
    title: 'Internal server error',
    status: 500,
    detail: `Something went wrong on our side. Request id: ${String(requestId ?? '')}`,
    code: 'internal',
  };
}

export function toProblem(exception: unknown): ProblemDetails | undefined {
  if (exception instanceof AppException) {
    const problem: ProblemDetails = {
      type: PROBLEM_BASE + exception.code,
      title: exception.title,
      status: exception.status,
      detail: exception.detail,
      code: exception.code,
    };
    if (exception.errors) problem.errors = exception.errors;
    return problem;
  }
  if (exception instanceof HttpException) return problemFromHttpException(exception);
  return undefined;
}

/** The one place where errors become answers: RFC 9457, never a stack trace. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const response = host.switchToHttp().getResponse<FastifyReply>();
    let problem = toProblem(fromFastify(exception, request));
    if (!problem || problem.status >= 500) {
      this.logger.error(
        { err: exception, requestId: request.raw.id, url: request.originalUrl },
        'unhandled error',
      );
      problem = internalProblem(request.raw.id);
    }
    if (response.sent) return;
    if (exception instanceof RateLimitedException) {
      response.header('Retry-After', String(exception.retryAfterSeconds));
    }
    void response
      .status(problem.status)
      .type('application/problem+json')
      .send({ ...problem, instance: request.originalUrl });
  }
}
