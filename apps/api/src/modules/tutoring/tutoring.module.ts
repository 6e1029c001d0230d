import { Module, type OnModuleInit } from '@nestjs/common';
import { AbilityFactory } from '../auth/ability.factory';
import { LabsModule } from '../labs/labs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RoomAuthorizer } from '../realtime/room-authorizer';
import { TutoringController } from './tutoring.controller';
import { TUTORING_BOARD, tutoringRules } from './tutoring.policy';
import { TutoringRepository } from './tutoring.repository';
import { TutoringService } from './tutoring.service';

/**
 * Tutoring office hours (tables tutoring_series, tutoring_slots, tutoring_bookings): slots, weekly
 * series and bookings. Registers the tutoring rules, the `tutoring_slot:<id>` room and the bare
 * `tutoring` room. Reminders, the meeting room and coaching threads are their own modules and use
 * TutoringService (meetingAccess, getSlot, bookingDetails, slotDetails, calendarFor).
 */
@Module({
  imports: [LabsModule, NotificationsModule],
  controllers: [TutoringController],
  providers: [TutoringRepository, TutoringService],
  exports: [TutoringService],
})
export class TutoringModule implements OnModuleInit {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly rooms: RoomAuthorizer,
    private readonly tutoring: TutoringService,
  ) {}

  onModuleInit(): void {
    this.abilities.register(tutoringRules);
    this.rooms.register('tutoring_slot', (member, id) => this.tutoring.slotRoomAccess(member, id));
    // Slots open to everyone: every signed-in member (a disabled one cannot sign in).
    this.rooms.registerBare('tutoring', (member) =>
      this.abilities.for(member).can('read', TUTORING_BOARD) ? 'ok' : 'forbidden',
    );
  }
}
