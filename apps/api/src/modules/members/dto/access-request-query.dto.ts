import { ApiPropertyOptional } from '@nestjs/swagger';
import { ACCESS_REQUEST_STATUSES, type AccessRequestStatus } from '@convergo/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination.dto';

export class AccessRequestQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ACCESS_REQUEST_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(ACCESS_REQUEST_STATUSES)
  status: AccessRequestStatus = 'pending';
}
