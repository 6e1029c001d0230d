import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsOptionalNotNull } from '../../../common/optional';
import { NOT_BLANK } from '../../../common/text-rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UpdateProfileDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 120, example: 'Maria Rossi' })
  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(2, 120)
  @Matches(NOT_BLANK, { message: 'displayName must contain visible characters' })
  displayName?: string;

  @ApiPropertyOptional({ maxLength: 120, example: 'Funzionaria, Ufficio Europa', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  jobTitle?: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  bio?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 20,
    example: ['cooperazione internazionale', 'fondi europei'],
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  interests?: string[];

  @ApiPropertyOptional({ enum: ['it', 'en'] })
  @IsOptionalNotNull()
  @IsIn(['it', 'en'])
  locale?: 'it' | 'en';
}
