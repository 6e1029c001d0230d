import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type {
  AttendanceConfirmedEvent,
  LabParticipantAddedEvent,
  LabStatusChangedEvent,
  PracticeStatusChangedEvent,
  TwinningChangedEvent,
} from '../../common/domain-events/domain-event-map';
import { IndicatorsService } from './indicators.service';

/**
 * The domain events that change a programme's figures. Each is emitted inside the writer's
 * transaction, so `indicators.changed` goes to the outbox with the change (or not at all).
 */
@Injectable()
export class IndicatorsListener {
  constructor(private readonly indicators: IndicatorsService) {}

  @OnEvent('attendance.confirmed')
  async attendanceConfirmed(event: AttendanceConfirmedEvent): Promise<void> {
    await this.indicators.changed('session', event.sessionId);
  }

  @OnEvent('twinning.changed')
  async twinningChanged(event: TwinningChangedEvent): Promise<void> {
    await this.indicators.changed('twinning', event.twinningId);
  }

  @OnEvent('lab.status_changed')
  async labStatusChanged(event: LabStatusChangedEvent): Promise<void> {
    await this.indicators.changed('lab', event.labId);
  }

  @OnEvent('lab.participant_added')
  async enrolled(event: LabParticipantAddedEvent): Promise<void> {
    await this.indicators.changed('lab', event.labId, 'enrolment');
  }

  @OnEvent('practice.status_changed')
  async practiceStatusChanged(event: PracticeStatusChangedEvent): Promise<void> {
    await this.indicators.changed('practice', event.practiceId);
  }
}
