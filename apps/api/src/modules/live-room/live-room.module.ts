import { Module, type OnModuleInit } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { AbilityFactory } from '../auth/ability.factory';
import { LabsModule } from '../labs/labs.module';
import { MembersModule } from '../members/members.module';
import { PollsModule } from '../polls/polls.module';
import { LabSessionsModule } from '../sessions/sessions.module';
import { LiveHeartbeat } from './live-heartbeat';
import { LiveRoomController } from './live-room.controller';
import { LiveRoomSocketHandlers } from './live-room.socket-handlers';
import { liveRoomRules } from './live-room.policy';
import { LiveRoomRepository } from './live-room.repository';
import { LiveRoomService } from './live-room.service';
import { LiveSignals } from './live-signals';

/**
 * The live room of a lab session (tables live_stays, live_connections, live_hands, live_timers):
 * presence across processes with a heartbeat, raised hands, the agenda step and the countdown.
 * It tells AttendanceService when a member's remote stay begins and ends, and reads
 * PollsService.forRoom for the join acknowledgement. The room `session:<id>` is the sessions
 * module's (SessionsService.roomAccess decides who is in it).
 */
@Module({
  imports: [LabsModule, LabSessionsModule, AttendanceModule, PollsModule, MembersModule],
  controllers: [LiveRoomController],
  providers: [LiveRoomRepository, LiveRoomService, LiveSignals, LiveRoomSocketHandlers, LiveHeartbeat],
})
export class LiveRoomModule implements OnModuleInit {
  constructor(private readonly abilities: AbilityFactory) {}

  onModuleInit(): void {
    this.abilities.register(liveRoomRules);
  }
}
