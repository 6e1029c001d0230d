import { Injectable } from '@nestjs/common';
import { type HealthCheckAttempt, HealthIndicatorService } from '@nestjs/terminus';
import { RealtimeRedis } from '../realtime/realtime-redis';

/** Redis answers PING (only checked when REDIS_URL is set: see HealthService). */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RealtimeRedis,
  ) {}

  pingCheck<const Key extends string>(key: Key): HealthCheckAttempt<Key> {
    return this.indicators
      .check(key)
      .attempt(() => this.redis.ping())
      .withTimeout(1_500);
  }
}
