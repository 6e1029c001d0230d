import { HttpStatus, Injectable, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheckService,
  type HealthCheckResult,
  type HealthIndicatorFunction,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { RealtimeRedis } from '../realtime/realtime-redis';
import { RedisHealthIndicator } from './redis.health';

export interface HealthAnswer {
  status: HttpStatus;
  body: Record<string, unknown>;
}

const CHECK_TIMEOUT_MS = 1_500;

/** What a load balancer asks: can this process reach its database (and Redis, when it uses one)? */
@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redisIndicator: RedisHealthIndicator,
    private readonly redis: RealtimeRedis,
  ) {}

  async check(): Promise<HealthAnswer> {
    const checks: HealthIndicatorFunction[] = [
      () => this.database.pingCheck('database').withTimeout(CHECK_TIMEOUT_MS),
    ];
    if (this.redis.configured) checks.push(() => this.redisIndicator.pingCheck('redis'));
    try {
      const result = await this.health.check(checks);
      return { status: HttpStatus.OK, body: { status: result.status, checks: result.details } };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // Terminus answers 503 with its result; the body follows our problem details shape.
      const result = error.getResponse() as HealthCheckResult;
      const failing = Object.keys(result.error ?? {});
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        body: {
          type: 'https://convergo.dev/problems/unavailable',
          title: 'Service unavailable',
          status: HttpStatus.SERVICE_UNAVAILABLE,
          detail:
            result.status === 'shutting_down'
              ? 'The process is shutting down'
              : `Not answering: ${failing.join(', ') || 'unknown'}`,
          code: 'unavailable',
          checks: result.details,
        },
      };
    }
  }
}
