import { Module } from '@nestjs/common';
import { MembersModule } from '../../members/members.module';
import { TutoringModule } from '../tutoring.module';
import { TutoringMeetingController } from './tutoring-meeting.controller';
import { TutoringMeetingSocketHandlers } from './tutoring-meeting.socket-handlers';
import { TutoringMeetingHeartbeat } from './tutoring-meeting-heartbeat';
import { TutoringMeetingRepository } from './tutoring-meeting.repository';
import { TutoringMeetingService } from './tutoring-meeting.service';

/**
 * The meeting room of a tutoring slot held in Convergo (tables tutoring_messages,
 * tutoring_meeting_connections): presence across processes with a heartbeat, and the chat.
 * Imports TutoringModule (never the reverse) and decides who enters with
 * TutoringService.meetingAccess; the room `tutoring_slot:<id>` is registered there.
 */
@Module({
  imports: [TutoringModule, MembersModule],
  controllers: [TutoringMeetingController],
  providers: [
    TutoringMeetingRepository,
    TutoringMeetingService,
    TutoringMeetingSocketHandlers,
    TutoringMeetingHeartbeat,
  ],
})
export class TutoringMeetingModule {}
