import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UpdateProfileDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 120, example: 'Maria Rossi' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(2, 120)
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
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  interests?: string[];

  @ApiPropertyOptional({ enum: ['it', 'en'] })
  @IsOptional()
  @IsIn(['it', 'en'])
  locale?: 'it' | 'en';
}
