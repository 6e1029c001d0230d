import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { HealthService } from './health.service';

@ApiTags('health')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /**
   * Answered here rather than by throwing: the problem-details filter turns every 5xx into a bare
   * 500, and a load balancer must see 503 with what is down.
   */
  @Get()
  @ApiOperation({ summary: 'Liveness and readiness: the database and, when configured, Redis answer' })
  @ApiOkResponse({ description: '`{ status: "ok", checks: { database: { status: "up" }, redis?: … } }`' })
  @ApiServiceUnavailableResponse({ description: 'problem+json naming what is down, with `checks`' })
  async check(@Res() response: Response): Promise<void> {
    const answer = await this.health.check();
    response
      .status(answer.status)
      .type(answer.status === 200 ? 'application/json' : 'application/problem+json')
      .set('cache-control', 'no-store')
      .json(answer.body);
  }
}
