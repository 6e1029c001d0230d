import { HttpStatus, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { Environment } from '../../config/environment';
import { RealtimeRedis } from '../../modules/realtime/realtime-redis';
import { AppException } from '../app.exception';

export class RateLimitedException extends AppException {
  constructor(
    readonly action: string,
    readonly retryAfterSeconds: number,
  ) {
    super(
      HttpStatus.TOO_MANY_REQUESTS,
      'rate_limited',
      'Too many requests',
      `${action}: too many in a short time, try again in ${retryAfterSeconds} s`,
    );
  }
}

/**
 * Per-member budgets for actions people repeat in a live room (votes, raised hands, chat lines,
 * check-in attempts), on top of the per-address HTTP throttle: one member behind a shared office
 * address must not spend everyone's budget, and a socket event has no HTTP throttle at all.
 * With REDIS_URL the counters live in Redis, so N processes share one budget (a memory counter
 * stands in while Redis is unreachable); without it, in memory. A socket's own budget is always
 * local (`spendLocally`): the socket lives on one process, and its events must not each cost a
 * Redis round trip. `RATE_LIMIT_DISABLED` turns them off for benchmarks.
 */
@Injectable()
export class MemberRateLimits {
  private readonly limiters = new Map<string, RateLimiterAbstract>();
  private redis?: RealtimeRedis;

  // The Redis connection is looked up, not injected: the realtime module that owns it uses these budgets.
  constructor(
    private readonly env: Environment,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Spends one of `perMinute` for `key` under `action`; throws RateLimitedException (429) when none is left. */
  async consume(action: string, key: string, perMinute: number): Promise<void> {
    const retryAfter = await this.spend(action, key, perMinute);
    if (retryAfter !== null) throw new RateLimitedException(action, retryAfter);
  }

  /** As consume, for socket handlers: the seconds to wait, or null when allowed. */
  spend(action: string, key: string, perMinute: number): Promise<number | null> {
    return this.spendWithin(action, key, perMinute, 60);
  }

  /** `points` per window of `seconds`, shared by every process: the seconds to wait, or null. */
  spendWithin(action: string, key: string, points: number, seconds: number): Promise<number | null> {
    return this.spendOn(this.limiter(action, points, seconds, true), key);
  }

  /**
   * As consume, with `points` per window of `seconds` (shared by every process): for budgets of
   * failures, where `refund` gives the point back when the attempt turned out fine.
   */
  async consumeWithin(action: string, key: string, points: number, seconds: number): Promise<void> {
    const retryAfter = await this.spendWithin(action, key, points, seconds);
    if (retryAfter !== null) throw new RateLimitedException(action, retryAfter);
  }

  /** Gives back one point spent by consumeWithin (same action, points and window). */
  async refund(action: string, key: string, points: number, seconds: number): Promise<void> {
    if (this.env.RATE_LIMIT_DISABLED === true) return;
    await this.limiter(action, points, seconds, true).reward(key, 1);
  }

  /** As spendWithin, counted in this process only (a socket's events per second). */
  spendLocally(action: string, key: string, points: number, seconds: number): Promise<number | null> {
    return this.spendOn(this.limiter(action, points, seconds, false), key);
  }

  private async spendOn(limiter: RateLimiterAbstract, key: string): Promise<number | null> {
    if (this.env.RATE_LIMIT_DISABLED === true) return null;
    try {
      await limiter.consume(key);
      return null;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  }

  private limiter(action: string, points: number, seconds: number, shared: boolean): RateLimiterAbstract {
    const name = `${action}:${points}/${seconds}`;
    const client = shared ? this.redisClient() : undefined;
    const id = `${client ? 'redis' : 'memory'}:${name}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      const memory = new RateLimiterMemory({ keyPrefix: name, points, duration: seconds });
      limiter = client
        ? new RateLimiterRedis({
            storeClient: client,
            useRedisPackage: true,
            keyPrefix: `convergo:rl:${name}`,
            points,
            duration: seconds,
            insuranceLimiter: memory,
          })
        : memory;
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  private redisClient(): RealtimeRedis['client'] {
    this.redis ??= this.moduleRef.get(RealtimeRedis, { strict: false });
    return this.redis.client;
  }
}
