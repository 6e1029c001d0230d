import { HttpStatus, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Environment } from '../../config/environment';
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
 * Counters are per process (memory): with N processes a member gets at most N times the budget,
 * which still bounds a flood. `RATE_LIMIT_DISABLED` turns them off for benchmarks.
 */
@Injectable()
export class MemberRateLimits {
  private readonly limiters = new Map<string, RateLimiterMemory>();

  constructor(private readonly env: Environment) {}

  /** Spends one of `perMinute` for `key` under `action`; throws RateLimitedException (429) when none is left. */
  async consume(action: string, key: string, perMinute: number): Promise<void> {
    const retryAfter = await this.spend(action, key, perMinute);
    if (retryAfter !== null) throw new RateLimitedException(action, retryAfter);
  }

  /** As consume, for socket handlers: the seconds to wait, or null when allowed. */
  spend(action: string, key: string, perMinute: number): Promise<number | null> {
    return this.spendWithin(action, key, perMinute, 60);
  }

  /** `points` per window of `seconds` (e.g. a socket's events per second): the seconds to wait, or null. */
  async spendWithin(action: string, key: string, points: number, seconds: number): Promise<number | null> {
    if (this.env.RATE_LIMIT_DISABLED === true) return null;
    try {
      await this.limiter(action, points, seconds).consume(key);
      return null;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  }

  private limiter(action: string, points: number, seconds: number): RateLimiterMemory {
    const name = `${action}:${points}/${seconds}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      limiter = new RateLimiterMemory({ keyPrefix: name, points, duration: seconds });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }
}
