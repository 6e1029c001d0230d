import { ApiPropertyOptional } from '@nestjs/swagger';
import { TWINNING_STATUSES, type TwinningListQuery, type TwinningStatus } from '@convergo/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination.dto';

export class TwinningListQueryDto extends PageQueryDto implements TwinningListQuery {
  @ApiPropertyOptional({ enum: TWINNING_STATUSES, description: 'Only twinnings in this status' })
  @IsOptional()
  @IsIn(TWINNING_STATUSES)
  status?: TwinningStatus;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: '`true`: only those my administration offers or receives',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  mine?: 'true' | 'false';
}
