import { Logger } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Duplex } from 'node:stream';
import { internalProblem, PROBLEM_BASE } from '../problem-details.filter';

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a URL or headers past its 16 kB
 * limit, broken framing) get a bare answer without a body; clients and scanners expect the API's
 * problem details there too. Fastify's `clientErrorHandler`. `Connection: close` because the
 * stream may be mid-request.
 */
export function answerMalformedRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const title = tooLarge ? 'Request Header Fields Too Large' : 'Bad Request';
  const code = tooLarge ? 'request_too_large' : 'malformed_request';
  const body = JSON.stringify({
    type: PROBLEM_BASE + code,
    title,
    status,
    code,
    detail: tooLarge
      ? 'The URL and headers of the request exceed 16 kB'
      : 'The HTTP request is malformed and was not read',
  });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const errors = new Logger('Errors');

/**
 * Fastify's `frameworkErrors`: a path that is not valid percent-encoded UTF-8 (`%ED%A0%80`, a lone
 * surrogate) is refused by its router before any route, hook or filter runs. The only other error
 * that comes here (an asynchronous route constraint failing) is ours: a 500.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const problem =
    error.code === 'FST_ERR_BAD_URL'
      ? {
          type: PROBLEM_BASE + 'malformed_url',
          title: 'Bad request',
          status: 400,
          detail: 'The URL path is not valid percent-encoded UTF-8',
          code: 'malformed_url',
        }
      : internalProblem(request.id);
  if (problem.status === 500) errors.error({ err: error, url: request.url }, 'unhandled framework error');
  void reply
    .status(problem.status)
    .type('application/problem+json')
    .send({ ...problem, instance: request.url });
}
