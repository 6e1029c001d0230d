import { Module, type OnModuleInit } from '@nestjs/common';
import { NotificationMailer } from '../../notifications/notification-mailer';
import { NotificationsModule } from '../../notifications/notifications.module';
import { TutoringModule } from '../tutoring.module';
import { INVITATION_METHODS, TutoringInvitations } from './tutoring-invitations';
import { TutoringReminderScheduler } from './tutoring-reminders.scheduler';
import { TutoringRemindersService } from './tutoring-reminders.service';

/**
 * Tutoring reminders (TUTORING_REMINDER_MINUTES before a slot starts) to each booker and, once
 * per slot, to its tutor, as pg-boss jobs on the app's database (jobs/job-queue.ts): scheduled
 * and withdrawn in the booking's transaction, sent once by whichever API process fetches them.
 * Also attaches the booking's iCalendar invitation to the booker's tutoring e-mails.
 * Uses TutoringModule; TutoringModule knows nothing of it.
 */
@Module({
  imports: [TutoringModule, NotificationsModule],
  providers: [TutoringReminderScheduler, TutoringRemindersService, TutoringInvitations],
})
export class TutoringRemindersModule implements OnModuleInit {
  constructor(
    private readonly mailer: NotificationMailer,
    private readonly invitations: TutoringInvitations,
  ) {}

  onModuleInit(): void {
    for (const kind of Object.keys(INVITATION_METHODS)) {
      this.mailer.registerInvitation(kind, (request) => this.invitations.build(request));
    }
  }
}
