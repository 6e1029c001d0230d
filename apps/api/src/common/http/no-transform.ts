import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * An `onSend` hook, added before @fastify/compress: a response marked `Cache-Control: no-transform`
 * (attachment downloads, whose Content-Length and bytes must reach the client as stored) is not
 * compressed. The plugin does not read that directive; its documented opt-out is this header.
 */
export function respectNoTransform(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (error: null, payload: unknown) => void,
): void {
  const cacheControl = reply.getHeader('cache-control');
  if (typeof cacheControl === 'string' && /\bno-transform\b/i.test(cacheControl)) {
    request.headers['x-no-compression'] = '1';
  }
  done(null, payload);
}
