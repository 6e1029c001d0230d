import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { Transactional } from '../../../database/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../../database/transactional-adapter';
import { JobQueue } from '../../../jobs/job-queue';
import { NotificationsService } from '../../notifications/notifications.service';
import type { TutoringSlotView } from '@convergo/contracts';
import { slotPath } from '../tutoring.mapper';
import { TutoringService } from '../tutoring.service';
import { REMINDER_QUEUE, type ReminderJob } from './reminder-jobs';

/** How often each process looks for due reminders: a reminder is at most this late. */
const POLL_SECONDS = 2;

/**
 * Sends due tutoring reminders (in app, live, and by e-mail through the notifications outbox).
 * The job only says who and when; everything else is read again when it runs, so a cancelled
 * booking or slot gets nothing and a job for a start the slot no longer has is dropped. The
 * `tutoring_reminders_sent` row, inserted with the notification, makes a job that runs twice
 * (pg-boss delivers at least once) send once.
 */
@Injectable()
export class TutoringRemindersService implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobQueue,
    private readonly tutoring: TutoringService,
    private readonly notifications: NotificationsService,
    private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Retries cover a transient failure (database restart); expiry frees a job a dead process held.
    await this.jobs.createQueue(REMINDER_QUEUE, { retryLimit: 5, retryDelay: 30, expireInSeconds: 300 });
    await this.jobs.work<ReminderJob>(REMINDER_QUEUE, POLL_SECONDS, async (job) => {
      await this.deliver(job);
    });
  }

  /** Sends the reminder if it is still wanted; true when this call sent it. */
  @Transactional()
  async deliver(job: ReminderJob): Promise<boolean> {
    const startsAt = new Date(job.startsAt).getTime();
    if (!(startsAt > Date.now())) return false; // too late to remind of anything
    // Cancelling or moving takes the slot's row lock (writers lock slot, then booking): holding it
    // shared while we read means a cancellation committed a moment ago is seen, and one that
    // comes later waits for this reminder's commit — never a reminder after a cancellation.
    await this.db.tx.query(`SELECT 1 FROM tutoring_slots WHERE id = $1 FOR SHARE`, [job.slotId]);
    if (job.bookingId) {
      const details = await this.tutoring.bookingDetails(job.bookingId);
      if (!details || details.booking.status !== 'booked') return false;
      const { slot } = details.booking;
      if (!this.current(slot, startsAt)) return false;
      if (!(await this.claim(details.member.id, job, slot.id))) return false;
      await this.notify(details.member.id, slot, job, {
        bookingId: details.booking.id,
        memberName: details.member.displayName,
        topic: details.booking.topic,
      });
      return true;
    }
    const details = await this.tutoring.slotDetails(job.slotId);
    if (!details || details.bookerIds.length === 0) return false;
    if (!this.current(details.slot, startsAt)) return false;
    if (!(await this.claim(details.tutor.id, job, details.slot.id))) return false;
    await this.notify(details.tutor.id, details.slot, job, {
      bookingId: null,
      memberName: null,
      topic: null,
    });
    return true;
  }

  private current(slot: TutoringSlotView, startsAt: number): boolean {
    return slot.status === 'open' && new Date(slot.startsAt).getTime() === startsAt;
  }

  /** Records the reminder as sent; false if it already was (a repeated job). */
  private async claim(memberId: string, job: ReminderJob, slotId: string): Promise<boolean> {
    const rows = (await this.db.tx.query(
      `INSERT INTO tutoring_reminders_sent (member_id, slot_id, minutes_before, starts_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING member_id`,
      [memberId, slotId, job.minutesBefore, new Date(job.startsAt)],
    )) as unknown[];
    return rows.length > 0;
  }

  private async notify(
    memberId: string,
    slot: TutoringSlotView,
    job: ReminderJob,
    booking: { bookingId: string | null; memberName: string | null; topic: string | null },
  ): Promise<void> {
    await this.notifications.notify({
      memberId,
      kind: 'tutoring_reminder',
      data: {
        slotId: slot.id,
        ...booking,
        tutorId: slot.tutor.id,
        tutorName: slot.tutor.displayName,
        labTitle: slot.lab?.title ?? null,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        meeting: slot.meeting,
        onlineUrl: slot.onlineUrl,
        place: slot.place,
        minutesBefore: job.minutesBefore,
        bookedCount: slot.bookedCount,
      },
      link: slotPath(slot.id),
    });
  }
}
