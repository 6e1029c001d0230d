import { Module, type OnModuleInit } from '@nestjs/common';
import { ProgrammesModule } from '../programmes/programmes.module';
import { RoomAuthorizer } from '../realtime/room-authorizer';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsListener } from './indicators.listener';
import { IndicatorsRepository } from './indicators.repository';
import { IndicatorsService } from './indicators.service';

/**
 * Programme indicators (issue 13): computed on request from labs, attendance, twinnings and
 * practices; `indicators.changed` to the `programme:<id>` room when one of them changes.
 */
@Module({
  imports: [ProgrammesModule],
  controllers: [IndicatorsController],
  providers: [IndicatorsRepository, IndicatorsService, IndicatorsListener],
  exports: [IndicatorsService],
})
export class IndicatorsModule implements OnModuleInit {
  constructor(
    private readonly rooms: RoomAuthorizer,
    private readonly indicators: IndicatorsService,
  ) {}

  onModuleInit(): void {
    this.rooms.register('programme', (member, id) => this.indicators.roomAccess(member, id));
  }
}
