import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, Matches, ValidateIf } from 'class-validator';

/** ISO-8601 date and time with an explicit offset (`Z` or `+01:00`): a time without one is ambiguous. */
export const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant in a body or query: ISO-8601 with an offset; optional ones may be left out but not null. */
export const Instant = (required: boolean, description: string) =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({
      format: 'date-time',
      example: '2027-01-14T10:00:00+01:00',
      description,
    }),
    ...(required ? [] : [ValidateIf((_, value) => value !== undefined)]),
    IsString(),
    Matches(WITH_OFFSET, {
      message: 'must be an ISO-8601 date and time with an offset, e.g. 2027-01-14T10:00:00+01:00',
    }),
    IsISO8601({ strict: true }, { message: 'must be a valid date and time' }),
  );
