import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination.dto';
import { TagFilterField } from './fields';

export class SearchQueryDto extends PageQueryDto {
  @ApiProperty({
    description:
      'Words to find (Italian: "progetti" finds "progetto", accents ignored); "quoted phrases", -exclusions, or',
    minLength: 1,
    maxLength: 200,
  })
  @IsString()
  @Length(1, 200)
  q: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this space' })
  @IsOptional()
  @IsUUID('all')
  space?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only posts by this member' })
  @IsOptional()
  @IsUUID('all')
  author?: string;

  @TagFilterField()
  tag?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Posts written from (ISO 8601)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ format: 'date-time', description: 'Posts written until (ISO 8601)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}
