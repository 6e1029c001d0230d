import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination.dto';

export class SpaceQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name; case and accents are ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
