import { Injectable } from '@nestjs/common';
import { ConnectionHeartbeat } from '../../../common/realtime/connection-heartbeat';
import { Environment } from '../../../config/environment';
import { TutoringMeetingService } from './tutoring-meeting.service';

/**
 * The meeting rooms' clock on each process, at the live room's pace (LIVE_HEARTBEAT_SECONDS):
 * confirms this process's sockets, sweeps a dead process's (their rooms get the new presence).
 */
@Injectable()
export class TutoringMeetingHeartbeat extends ConnectionHeartbeat {
  constructor(meeting: TutoringMeetingService, env: Environment) {
    super(meeting, env.LIVE_HEARTBEAT_SECONDS, 'tutoring meeting');
  }
}
