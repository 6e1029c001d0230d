import { Module, type OnModuleInit } from '@nestjs/common';
import { AbilityFactory } from '../auth/ability.factory';
import { LabsModule } from '../labs/labs.module';
import { RoomAuthorizer } from '../realtime/room-authorizer';
import { LabSessionsModule } from '../sessions/sessions.module';
import { AttendanceController } from './attendance.controller';
import { attendanceRules } from './attendance.policy';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceLedger } from './attendance-ledger';
import { AttendanceReportsService } from './attendance-reports.service';
import { AttendanceService } from './attendance.service';
import { CheckInService } from './check-in.service';
import { SessionEndListener } from './session-end.listener';

/**
 * The attendance register of lab sessions: stays in the live room (reported by the live room
 * through AttendanceService), check-in at the venue with a rotating code, the tutor's
 * corrections and confirmation, the change log and the exports. Registers the attendance rules
 * and the `attendance:<sessionId>` room (the lab's tutors and admins).
 */
@Module({
  imports: [LabsModule, LabSessionsModule],
  controllers: [AttendanceController],
  providers: [
    AttendanceRepository,
    AttendanceLedger,
    AttendanceService,
    CheckInService,
    AttendanceReportsService,
    SessionEndListener,
  ],
  exports: [AttendanceService],
})
export class AttendanceModule implements OnModuleInit {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly rooms: RoomAuthorizer,
    private readonly attendance: AttendanceService,
  ) {}

  onModuleInit(): void {
    this.abilities.register(attendanceRules);
    this.rooms.register('attendance', (member, id) => this.attendance.roomAccess(member, id));
  }
}
