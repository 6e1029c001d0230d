import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  SPACE_DESCRIPTION_MAX_LENGTH,
  SPACE_NAME_MAX_LENGTH,
  CREATABLE_SPACE_VISIBILITIES,
  type SpaceVisibility,
} from '@convergo/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UpdateSpaceDto {
  @ApiPropertyOptional({ maxLength: SPACE_NAME_MAX_LENGTH })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, SPACE_NAME_MAX_LENGTH)
  name?: string;

  @ApiPropertyOptional({ maxLength: SPACE_DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(SPACE_DESCRIPTION_MAX_LENGTH)
  description?: string;

  @ApiPropertyOptional({ enum: CREATABLE_SPACE_VISIBILITIES })
  @IsOptional()
  @IsIn(CREATABLE_SPACE_VISIBILITIES)
  visibility?: SpaceVisibility;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The lab whose participants and tutors read the space: required with visibility `lab`, refused otherwise',
  })
  @IsOptional()
  @IsUUID('all')
  labId?: string;
}
