import { describe, expect, it } from '@jest/globals';
import { ApiError, problemFromResponse, retryAfterSeconds } from './problem';

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-12-04T10:00:00Z');
    expect(retryAfterSeconds('900', now)).toBe(900);
    expect(retryAfterSeconds(' 42 ', now)).toBe(42);
    expect(retryAfterSeconds('Fri, 04 Dec 2026 10:02:00 GMT', now)).toBe(120);
    expect(retryAfterSeconds('Fri, 04 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds(null, now)).toBeNull();
    expect(retryAfterSeconds('', now)).toBeNull();
    expect(retryAfterSeconds('soon', now)).toBeNull();
    expect(retryAfterSeconds('-5', now)).toBeNull();
  });

  it('carries the wait of a 429 problem on the ApiError', async () => {
    const response = new Response(
      JSON.stringify({
        type: 'x',
        title: 'Too many requests',
        status: 429,
        detail: 'd',
        code: 'rate_limited',
      }),
      { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '61' } },
    );
    const error = await problemFromResponse(response);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.retryAfterSeconds).toBe(61);
    expect(error.problem.code).toBe('rate_limited');
  });
});
