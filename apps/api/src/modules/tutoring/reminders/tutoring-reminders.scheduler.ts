import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type {
  TutoringBookingCancelledEvent,
  TutoringBookingCreatedEvent,
  TutoringSlotRescheduledEvent,
} from '../../../common/domain-events/domain-event-map';
import { Environment, tutoringReminderMinutes } from '../../../config/environment';
import { JobQueue } from '../../../jobs/job-queue';
import {
  bookingReminderId,
  REMINDER_QUEUE,
  reminderDue,
  slotReminderId,
  type ReminderJob,
} from './reminder-jobs';

/**
 * Keeps the reminder jobs in step with bookings. Every listener runs inside the booking's or
 * the slot's transaction (the events are emitted with `emit`), so jobs appear and disappear
 * with the commit. A reminder whose moment has already passed is not scheduled.
 */
@Injectable()
export class TutoringReminderScheduler {
  readonly offsets: number[];

  constructor(
    private readonly jobs: JobQueue,
    env: Environment,
  ) {
    this.offsets = tutoringReminderMinutes(env);
  }

  @OnEvent('tutoring.booking_created')
  async onBookingCreated(event: TutoringBookingCreatedEvent): Promise<void> {
    await this.schedule(event.slotId, [event.bookingId], new Date(event.startsAt));
  }

  @OnEvent('tutoring.booking_cancelled')
  async onBookingCancelled(event: TutoringBookingCancelledEvent): Promise<void> {
    // The tutor's job stays: the handler skips it if no booking is left when it falls due.
    await this.jobs.remove(
      REMINDER_QUEUE,
      this.offsets.map((m) => bookingReminderId(event.bookingId, m)),
    );
  }

  @OnEvent('tutoring.slot_rescheduled')
  async onSlotRescheduled(event: TutoringSlotRescheduledEvent): Promise<void> {
    await this.jobs.remove(
      REMINDER_QUEUE,
      event.bookingIds.flatMap((id) => this.offsets.map((m) => bookingReminderId(id, m))),
    );
    if (event.bookingIds.length > 0) {
      await this.schedule(event.slotId, event.bookingIds, new Date(event.startsAt));
    }
  }

  private async schedule(slotId: string, bookingIds: string[], startsAt: Date): Promise<void> {
    const now = new Date();
    // The tutor's job is replaced (not kept): one left from an earlier start would be stale.
    await this.jobs.remove(
      REMINDER_QUEUE,
      this.offsets.map((m) => slotReminderId(slotId, m)),
    );
    for (const minutesBefore of this.offsets) {
      const due = reminderDue(startsAt, minutesBefore, now);
      if (!due) continue;
      const base = { slotId, minutesBefore, startsAt: startsAt.toISOString() };
      await this.jobs.send(
        REMINDER_QUEUE,
        slotReminderId(slotId, minutesBefore),
        { ...base, bookingId: null } satisfies ReminderJob,
        due,
      );
      for (const bookingId of bookingIds) {
        const job: ReminderJob = { ...base, bookingId };
        await this.jobs.send(REMINDER_QUEUE, bookingReminderId(bookingId, minutesBefore), job, due);
      }
    }
  }
}
