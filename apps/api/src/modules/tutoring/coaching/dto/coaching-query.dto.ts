import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../../../common/pagination.dto';

export class CoachingThreadsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the groups of this lab' })
  @IsOptional()
  @IsUUID()
  labId?: string;
}
