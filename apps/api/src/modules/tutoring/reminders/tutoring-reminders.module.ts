import { Module } from '@nestjs/common';
import { NotificationsModule } from '../../notifications/notifications.module';
import { TutoringModule } from '../tutoring.module';
import { TutoringReminderScheduler } from './tutoring-reminders.scheduler';
import { TutoringRemindersService } from './tutoring-reminders.service';

/**
 * Tutoring reminders (TUTORING_REMINDER_MINUTES before a slot starts) to each booker and, once
 * per slot, to its tutor, as pg-boss jobs on the app's database (jobs/job-queue.ts): scheduled
 * and withdrawn in the booking's transaction, sent once by whichever API process fetches them.
 * Uses TutoringModule; TutoringModule knows nothing of it.
 */
@Module({
  imports: [TutoringModule, NotificationsModule],
  providers: [TutoringReminderScheduler, TutoringRemindersService],
})
export class TutoringRemindersModule {}
