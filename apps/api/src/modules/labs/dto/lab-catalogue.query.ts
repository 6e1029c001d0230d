import { ApiPropertyOptional } from '@nestjs/swagger';
import { LAB_AMBITI, LAB_STATUSES, type LabAmbito, type LabStatus } from '@convergo/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination.dto';
import { REGION_NAMES } from '../../organizations/reference-data';

/** `GET /api/v1/labs?ambito=&status=&region=&limit=&cursor=`. */
export class LabCatalogueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LAB_AMBITI })
  @IsOptional()
  @IsIn(LAB_AMBITI)
  ambito?: LabAmbito;

  @ApiPropertyOptional({ enum: LAB_STATUSES })
  @IsOptional()
  @IsIn(LAB_STATUSES)
  status?: LabStatus;

  @ApiPropertyOptional({ enum: REGION_NAMES, description: 'Labs that target this region' })
  @IsOptional()
  @IsIn(REGION_NAMES, { message: 'region must be an Italian region, e.g. Campania' })
  region?: string;
}
