import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  TUTORING_LIMITS,
  TUTORING_MEETING_KINDS,
  WEEKDAYS,
  type AddSeriesExceptionInput,
  type CancelTutoringInput,
  type CreateTutoringBookingInput,
  type CreateTutoringSeriesInput,
  type CreateTutoringSlotInput,
  type TutoringBookingsWhen,
  type TutoringMeetingKind,
  type TutoringSlotQuery,
  type UpdateTutoringSlotInput,
  type Weekday,
} from '@convergo/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Instant } from '../../../common/instant';
import { PageQueryDto } from '../../../common/pagination.dto';
import { NO_CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS } from '../../../common/text-rules';
import { IfNotNull, IfPresent, trim } from '../../labs/dto/lab-fields';

/** `YYYY-MM-DD`, a real calendar date (years 1000–2999: PostgreSQL has no year 0). */
const DATE = /^[12]\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const LocalDate = (required: boolean, description: string) =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({ format: 'date', example: '2027-03-30', description }),
    ...(required ? [IsDefined()] : [IfPresent()]),
    IsString(),
    Matches(DATE, { message: 'must be a date YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: 'must be a real calendar date' }),
  );

/** Optional text, null clears it; `multiline` keeps line breaks. */
const Text = (maxLength: number, multiline: boolean, example?: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, maxLength, example }),
    IfNotNull(),
    Transform(trim),
    IsString(),
    MaxLength(maxLength),
    Matches(multiline ? NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS : NO_CONTROL_CHARACTERS, {
      message: 'must not contain control characters',
    }),
  );

/** A video-call link: https only (an http link would send the meeting's join token in clear). */
const OnlineUrl = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      nullable: true,
      maxLength: TUTORING_LIMITS.onlineUrl,
      format: 'uri',
    }),
    IfNotNull(),
    IsString(),
    MaxLength(TUTORING_LIMITS.onlineUrl),
    IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'onlineUrl must be an https URL' }),
  );

const Capacity = () =>
  applyDecorators(
    ApiPropertyOptional({ minimum: 1, maximum: TUTORING_LIMITS.maxCapacity, default: 1 }),
    IfPresent(),
    IsInt(),
    Min(1),
    Max(TUTORING_LIMITS.maxCapacity),
  );

const Meeting = () =>
  applyDecorators(
    ApiPropertyOptional({
      enum: TUTORING_MEETING_KINDS,
      default: 'convergo',
      description:
        '`online` needs onlineUrl (https), `in_presence` needs place; the field the kind does not use is dropped',
    }),
    IfPresent(),
    IsIn(TUTORING_MEETING_KINDS),
  );

const LabId = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      format: 'uuid',
      nullable: true,
      description: 'Only this lab’s people see and book it',
    }),
    IfNotNull(),
    IsUUID('all', { message: 'labId must be a UUID' }),
  );

export class CreateTutoringSlotDto implements CreateTutoringSlotInput {
  @Instant(true, 'Start, ISO-8601 with offset, in the future')
  startsAt: string;

  @Instant(true, 'End, after the start')
  @IsDefined()
  endsAt: string;

  @LabId()
  labId?: string | null;

  @Capacity()
  capacity?: number;

  @Meeting()
  meeting?: TutoringMeetingKind;

  @OnlineUrl()
  onlineUrl?: string | null;

  @Text(TUTORING_LIMITS.place, false, 'Formez PA, Roma – sala 3')
  place?: string | null;

  @Text(TUTORING_LIMITS.note, true, 'Revisione del piano di lavoro')
  note?: string | null;
}

export class UpdateTutoringSlotDto implements UpdateTutoringSlotInput {
  @Instant(false, 'Start, ISO-8601 with offset')
  startsAt?: string;

  @Instant(false, 'End, after the start')
  endsAt?: string;

  @Capacity()
  capacity?: number;

  @Meeting()
  meeting?: TutoringMeetingKind;

  @OnlineUrl()
  onlineUrl?: string | null;

  @Text(TUTORING_LIMITS.place, false)
  place?: string | null;

  @Text(TUTORING_LIMITS.note, true)
  note?: string | null;
}

export class CancelTutoringDto implements CancelTutoringInput {
  @Text(TUTORING_LIMITS.reason, true, 'Malattia')
  reason?: string | null;
}

export class CreateTutoringBookingDto implements CreateTutoringBookingInput {
  @Text(TUTORING_LIMITS.topic, true, 'Il quadro logico del nostro progetto')
  topic?: string | null;
}

export class CancelBookingQueryDto {
  @Text(TUTORING_LIMITS.reason, true)
  reason?: string;
}

export class CreateTutoringSeriesDto implements CreateTutoringSeriesInput {
  @Instant(true, 'The first occurrence; its wall-clock time in Europe/Rome is kept by every occurrence')
  firstStartsAt: string;

  @ApiProperty({ minimum: TUTORING_LIMITS.minMinutes, maximum: TUTORING_LIMITS.maxMinutes, example: 60 })
  @IsDefined()
  @IsInt()
  @Min(TUTORING_LIMITS.minMinutes)
  @Max(TUTORING_LIMITS.maxMinutes)
  durationMinutes: number;

  @ApiPropertyOptional({
    enum: WEEKDAYS,
    isArray: true,
    description: 'Default: the weekday of firstStartsAt',
  })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsIn(WEEKDAYS, { each: true })
  weekdays?: Weekday[];

  @ApiPropertyOptional({ minimum: 1, maximum: TUTORING_LIMITS.seriesMaxIntervalWeeks, default: 1 })
  @IfPresent()
  @IsInt()
  @Min(1)
  @Max(TUTORING_LIMITS.seriesMaxIntervalWeeks)
  intervalWeeks?: number;

  @LocalDate(false, 'Last date (Europe/Rome), inclusive; exactly one of until and count')
  until?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: TUTORING_LIMITS.seriesMaxOccurrences })
  @IfPresent()
  @IsInt()
  @Min(1)
  @Max(TUTORING_LIMITS.seriesMaxOccurrences)
  count?: number;

  @ApiPropertyOptional({ type: [String], format: 'date', maxItems: TUTORING_LIMITS.seriesMaxExceptions })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(TUTORING_LIMITS.seriesMaxExceptions)
  @IsString({ each: true })
  @Matches(DATE, { each: true, message: 'each exception must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { each: true, message: 'each exception must be a real calendar date' })
  exceptions?: string[];

  @LabId()
  labId?: string | null;

  @Capacity()
  capacity?: number;

  @Meeting()
  meeting?: TutoringMeetingKind;

  @OnlineUrl()
  onlineUrl?: string | null;

  @Text(TUTORING_LIMITS.place, false)
  place?: string | null;

  @Text(TUTORING_LIMITS.note, true)
  note?: string | null;
}

export class AddSeriesExceptionDto implements AddSeriesExceptionInput {
  @LocalDate(true, 'The date (Europe/Rome) to skip')
  date: string;

  @Text(TUTORING_LIMITS.reason, true, 'Festività')
  reason?: string | null;
}

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class TutoringSlotQueryDto extends PageQueryDto implements TutoringSlotQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IfPresent()
  @IsUUID('all', { message: 'tutorId must be a UUID' })
  tutorId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IfPresent()
  @IsUUID('all', { message: 'labId must be a UUID' })
  labId?: string;

  @Instant(false, 'Slots ending after this instant (default: now)')
  from?: string;

  @Instant(false, 'Slots starting before this instant')
  to?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Only slots the asker could book now' })
  @IfPresent()
  @Transform(toBoolean)
  @IsBoolean()
  available?: boolean;
}

export class MyBookingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['upcoming', 'past'], default: 'upcoming' })
  @IfPresent()
  @IsIn(['upcoming', 'past'])
  when?: TutoringBookingsWhen;
}
