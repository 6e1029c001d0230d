import { Module } from '@nestjs/common';
import { PracticesModule } from '../practices/practices.module';
import { OpenDataController } from './open-data.controller';
import { OpenDataService } from './open-data.service';

/** Public open data (no token): the published practices as JSON, CSV, JSON Schema and DCAT-AP_IT. */
@Module({
  imports: [PracticesModule],
  controllers: [OpenDataController],
  providers: [OpenDataService],
})
export class OpenDataModule {}
