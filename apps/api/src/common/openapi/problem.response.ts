import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProblemDetails } from '@convergo/contracts';

export class FieldErrorResponse {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ example: 'must be an email' }) message: string;
  @ApiPropertyOptional({ example: 'isEmail', description: 'The rule that failed' }) code?: string;
}

/** RFC 9457 problem details: the body of every error answer (`application/problem+json`). */
export class ProblemDetailsResponse implements ProblemDetails {
  @ApiProperty({ example: 'https://convergo.dev/problems/validation_failed' }) type: string;
  @ApiProperty({ example: 'Invalid request' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'email: must be an email' }) detail: string;
  @ApiPropertyOptional({ example: '/api/v1/invitations', description: 'The request path' }) instance?: string;
  @ApiPropertyOptional({ example: 'validation_failed', description: 'Stable, for clients' }) code?: string;
  @ApiPropertyOptional({ type: [FieldErrorResponse] }) errors?: FieldErrorResponse[];
}
