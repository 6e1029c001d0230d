import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { SessionStatusChangedEvent } from '../../common/domain-events/domain-event-map';
import { AttendanceService } from './attendance.service';

/** When a session ends, nobody is still in it: open stays close at that moment. */
@Injectable()
export class SessionEndListener {
  constructor(private readonly attendance: AttendanceService) {}

  @OnEvent('sessions.status_changed')
  async onStatusChanged(event: SessionStatusChangedEvent): Promise<void> {
    if (event.to === 'ended' || event.to === 'cancelled') {
      await this.attendance.closeOpenStays(event.sessionId, event.at);
    }
  }
}
