import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { ApiProblem } from '../../common/openapi';
import { Public } from '../auth/public.decorator';
import { HealthResponse } from './dto/health.response';
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
  @ApiOkResponse({ type: HealthResponse, description: 'The database and, when configured, Redis answer' })
  @ApiProblem(503, 'Naming what is down, with `checks`')
  async check(@Res() response: FastifyReply): Promise<void> {
    const answer = await this.health.check();
    void response
      .status(answer.status)
      .type(answer.status === 200 ? 'application/json' : 'application/problem+json')
      .header('cache-control', 'no-store')
      .send(answer.body);
  }
}
