import type { ModuleRef } from '@nestjs/core';
import { Environment } from '../../config/environment';
import { MemberRateLimits, RateLimitedException } from './member-rate-limits';

function limits(disabled = false): MemberRateLimits {
  const env = Object.assign(new Environment(), { RATE_LIMIT_DISABLED: disabled });
  // No REDIS_URL: the realtime module's Redis holder has no client, so counters are in memory.
  const moduleRef = { get: () => ({ client: undefined }) } as unknown as ModuleRef;
  return new MemberRateLimits(env, moduleRef);
}

describe('MemberRateLimits', () => {
  it('allows the budget per minute and then refuses with 429 and the wait', async () => {
    const rate = limits();
    for (let i = 0; i < 3; i++) await rate.consume('vote', 'member-a', 3);
    const refusal = await rate.consume('vote', 'member-a', 3).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RateLimitedException);
    expect((refusal as RateLimitedException).status).toBe(429);
    expect((refusal as RateLimitedException).retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('keeps members and actions apart', async () => {
    const rate = limits();
    for (let i = 0; i < 2; i++) await rate.consume('hand', 'member-a', 2);
    expect(await rate.spend('hand', 'member-a', 2)).not.toBeNull();
    expect(await rate.spend('hand', 'member-b', 2)).toBeNull();
    expect(await rate.spend('chat', 'member-a', 2)).toBeNull();
  });

  it('counts only what is not refunded: failures within a window, with the whole window to wait', async () => {
    const rate = limits();
    // Two successes (spent, then given back) and three failures under a budget of three.
    for (let i = 0; i < 2; i++) {
      await rate.consumeWithin('login', 'a@example.it', 3, 900);
      await rate.refund('login', 'a@example.it', 3, 900);
    }
    for (let i = 0; i < 3; i++) await rate.consumeWithin('login', 'a@example.it', 3, 900);
    const refusal = await rate
      .consumeWithin('login', 'a@example.it', 3, 900)
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RateLimitedException);
    expect((refusal as RateLimitedException).retryAfterSeconds).toBeGreaterThan(890);
    expect((refusal as RateLimitedException).retryAfterSeconds).toBeLessThanOrEqual(900);
    await expect(rate.consumeWithin('login', 'b@example.it', 3, 900)).resolves.toBeUndefined();
  });

  it('lets everything through when RATE_LIMIT_DISABLED is set (benchmarks)', async () => {
    const rate = limits(true);
    for (let i = 0; i < 10; i++) expect(await rate.spend('vote', 'member-a', 1)).toBeNull();
  });
});
