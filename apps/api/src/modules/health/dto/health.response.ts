import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthCheckResponse {
  @ApiProperty({ enum: ['up', 'down'] }) status: string;
}

export class HealthChecksResponse {
  @ApiProperty({ type: HealthCheckResponse }) database: HealthCheckResponse;
  @ApiPropertyOptional({ type: HealthCheckResponse, description: 'When REDIS_URL is set' })
  redis?: HealthCheckResponse;
}

export class HealthResponse {
  @ApiProperty({ enum: ['ok'] }) status: string;
  @ApiProperty({ type: HealthChecksResponse }) checks: HealthChecksResponse;
}
