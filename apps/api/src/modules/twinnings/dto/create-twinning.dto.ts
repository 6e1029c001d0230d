import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  TWINNING_MAX_RECEIVING,
  TWINNING_PRACTICE_DESCRIPTION_MAX_LENGTH,
  TWINNING_STATUSES,
  TWINNING_TITLE_MAX_LENGTH,
  type TwinningStatus,
} from '@convergo/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lowerEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.toLowerCase() : v)) : value;

export class CreateTwinningDto {
  @ApiProperty({ maxLength: TWINNING_TITLE_MAX_LENGTH })
  @Transform(trim)
  @IsString()
  @Length(1, TWINNING_TITLE_MAX_LENGTH)
  title: string;

  @ApiProperty({ description: 'The good practice handed over', maxLength: TWINNING_TITLE_MAX_LENGTH })
  @Transform(trim)
  @IsString()
  @Length(1, TWINNING_TITLE_MAX_LENGTH)
  practiceTitle: string;

  @ApiPropertyOptional({ maxLength: TWINNING_PRACTICE_DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(TWINNING_PRACTICE_DESCRIPTION_MAX_LENGTH)
  practiceDescription?: string;

  @ApiProperty({ format: 'uuid', description: 'The offering administration (offerente)' })
  @IsUUID('all')
  offeringOrganizationId: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: TWINNING_MAX_RECEIVING,
    description: 'The receiving administrations (riceventi)',
  })
  @Transform(lowerEach)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TWINNING_MAX_RECEIVING)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  receivingOrganizationIds: string[];

  @ApiPropertyOptional({ enum: TWINNING_STATUSES, default: 'candidatura' })
  @IsOptional()
  @IsIn(TWINNING_STATUSES)
  status?: TwinningStatus;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The programme it belongs to' })
  @IsOptional()
  @IsUUID('all')
  programmeId?: string | null;
}
