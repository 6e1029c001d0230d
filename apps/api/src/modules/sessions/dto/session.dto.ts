import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  SESSION_LIMITS,
  SESSION_MODES,
  SESSION_STATUSES,
  type AgendaItem,
  type CreateSessionInput,
  type SessionMode,
  type SessionRangeQuery,
  type SessionStatus,
  type UpdateSessionInput,
} from '@convergo/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  ValidationArguments,
  ValidatorConstraint,
  Validate,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { Instant } from '../../../common/instant';
import { IfNotNull, IfPresent, NO_CONTROL_CHARACTERS, trim } from '../../labs/dto/lab-fields';

/** endsAt after startsAt, when both are sent (a PATCH with one of them is checked by the service). */
@ValidatorConstraint({ name: 'endsAfterStart' })
class EndsAfterStart implements ValidatorConstraintInterface {
  validate(endsAt: unknown, args: ValidationArguments): boolean {
    const startsAt = (args.object as { startsAt?: unknown }).startsAt;
    if (typeof endsAt !== 'string' || typeof startsAt !== 'string') return true;
    const end = Date.parse(endsAt);
    const start = Date.parse(startsAt);
    if (Number.isNaN(end) || Number.isNaN(start)) return true;
    return end > start && end - start <= SESSION_LIMITS.maxDurationHours * 3_600_000;
  }

  defaultMessage(): string {
    return `endsAt must be after startsAt, within ${SESSION_LIMITS.maxDurationHours} hours`;
  }
}

export class AgendaItemDto implements AgendaItem {
  @ApiProperty({ maxLength: SESSION_LIMITS.agendaTitle, example: 'Presentazione dei quadri logici' })
  @Transform(trim)
  @IsString()
  @Length(1, SESSION_LIMITS.agendaTitle)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'title must not contain control characters' })
  title: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: SESSION_LIMITS.agendaMinutes })
  @IfNotNull()
  @IsInt()
  @Min(1)
  @Max(SESSION_LIMITS.agendaMinutes)
  minutes?: number | null;
}

const Title = (required: boolean) =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({
      maxLength: SESSION_LIMITS.title,
      example: 'Creazione dei Quadri Logici – prima giornata',
    }),
    ...(required ? [] : [IfPresent()]),
    Transform(trim),
    IsString(),
    Length(1, SESSION_LIMITS.title),
    Matches(NO_CONTROL_CHARACTERS, { message: 'title must not contain control characters' }),
  );

const Mode = (required: boolean) =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({ enum: SESSION_MODES }),
    ...(required ? [] : [IfPresent()]),
    IsIn(SESSION_MODES),
  );

const Place = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      nullable: true,
      maxLength: SESSION_LIMITS.place,
      example: 'Formez PA, Napoli',
    }),
    IfNotNull(),
    Transform(trim),
    IsString(),
    MaxLength(SESSION_LIMITS.place),
    Matches(NO_CONTROL_CHARACTERS, { message: 'place must not contain control characters' }),
  );

const OnlineUrl = () =>
  applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, maxLength: SESSION_LIMITS.onlineUrl, format: 'uri' }),
    IfNotNull(),
    IsString(),
    MaxLength(SESSION_LIMITS.onlineUrl),
    IsUrl(
      { protocols: ['https', 'http'], require_protocol: true },
      { message: 'onlineUrl must be an http(s) URL' },
    ),
  );

const Agenda = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [AgendaItemDto], maxItems: SESSION_LIMITS.agendaItems }),
    IfPresent(),
    IsArray(),
    ArrayMaxSize(SESSION_LIMITS.agendaItems),
    IsObject({ each: true, message: 'each agenda item must be an object { title, minutes? }' }),
    ValidateNested({ each: true }),
    Type(() => AgendaItemDto),
  );

const ModuleId = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      format: 'uuid',
      nullable: true,
      description: 'A module of the same lab',
    }),
    IfNotNull(),
    IsUUID('all', { message: 'moduleId must be a UUID' }),
  );

export class CreateSessionDto implements CreateSessionInput {
  @ModuleId()
  moduleId?: string | null;

  @Title(true)
  title: string;

  @Mode(true)
  mode: SessionMode;

  @Instant(true, 'Start, ISO-8601 with offset')
  startsAt: string;

  @Instant(true, 'End, after the start')
  @IsDefined()
  @Validate(EndsAfterStart)
  endsAt: string;

  @Place()
  place?: string | null;

  @OnlineUrl()
  onlineUrl?: string | null;

  @Agenda()
  agenda?: AgendaItemDto[];
}

export class UpdateSessionDto implements UpdateSessionInput {
  @ModuleId()
  moduleId?: string | null;

  @Title(false)
  title?: string;

  @Mode(false)
  mode?: SessionMode;

  @Instant(false, 'Start, ISO-8601 with offset')
  startsAt?: string;

  @Instant(false, 'End, after the start')
  @Validate(EndsAfterStart)
  endsAt?: string;

  @Place()
  place?: string | null;

  @OnlineUrl()
  onlineUrl?: string | null;

  @Agenda()
  agenda?: AgendaItemDto[];

  @ApiPropertyOptional({
    enum: SESSION_STATUSES,
    description: 'Follows SESSION_STATUS_TRANSITIONS; cancelled notifies',
  })
  @IfPresent()
  @IsIn(SESSION_STATUSES)
  status?: SessionStatus;
}

export class SessionRangeQueryDto implements SessionRangeQuery {
  @Instant(false, 'Sessions ending after this instant')
  from?: string;

  @Instant(false, 'Sessions starting before this instant')
  to?: string;
}
