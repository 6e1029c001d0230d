import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ProblemDetails } from '@convergo/contracts';
import type { Request, Response } from 'express';
import { AppException } from './app.exception';
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

/** Body-parser and other express middleware report errors as plain objects with a status. */
function problemFromMiddlewareError(error: {
  status: number;
  type?: string;
  message?: string;
}): ProblemDetails {
  const tooLarge = error.status === 413;
  const code = tooLarge
    ? 'payload_too_large'
    : error.type === 'entity.parse.failed'
      ? 'malformed_json'
      : 'bad_request';
  const detail = tooLarge
    ? 'The request body is larger than this endpoint accepts'
    : code === 'malformed_json'
      ? 'The request body is not valid JSON'
      : (error.message ?? 'Bad request');
  return {
    type: PROBLEM_BASE + code,
    title: tooLarge ? 'Payload too large' : 'Bad request',
    status: error.status,
    detail,
    code,
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
  const candidate = exception as { status?: unknown; statusCode?: unknown; expose?: unknown };
  if (
    typeof candidate?.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500 &&
    candidate.expose
  ) {
    return problemFromMiddlewareError(candidate as { status: number });
  }
  return undefined;
}

/** The one place where errors become answers: RFC 9457, never a stack trace. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    let problem = toProblem(exception);
    if (!problem || problem.status >= 500) {
      this.logger.error(
        { err: exception, requestId: request.id, url: request.originalUrl },
        'unhandled error',
      );
      problem = {
        type: PROBLEM_BASE + 'internal',
        title: 'Internal server error',
        status: 500,
        detail: `Something went wrong on our side. Request id: ${String(request.id ?? '')}`,
        code: 'internal',
      };
    }
    if (response.headersSent) return;
    if (exception instanceof RateLimitedException) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    response
      .status(problem.status)
      .type('application/problem+json')
      .json({ ...problem, instance: request.originalUrl });
  }
}
