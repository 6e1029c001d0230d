import { jobId } from '../../../jobs/job-queue';

export const REMINDER_QUEUE = 'tutoring-reminder';

/** One reminder: to a booker (`bookingId`) or to the slot's tutor (`bookingId` null). */
export interface ReminderJob {
  slotId: string;
  bookingId: string | null;
  minutesBefore: number;
  /** The slot's start when the job was scheduled (ISO): a job for an older start is stale. */
  startsAt: string;
}

/** A booker's reminder: one job per booking and offset. */
export function bookingReminderId(bookingId: string, minutesBefore: number): string {
  return jobId(`tutoring-reminder:booking:${bookingId}:${minutesBefore}`);
}

/** The tutor's reminder: one job per slot and offset, however many bookings it has. */
export function slotReminderId(slotId: string, minutesBefore: number): string {
  return jobId(`tutoring-reminder:slot:${slotId}:${minutesBefore}`);
}

/** When the reminder `minutesBefore` a start is due; undefined if that moment has passed. */
export function reminderDue(startsAt: Date, minutesBefore: number, now: Date): Date | undefined {
  const due = new Date(startsAt.getTime() - Math.round(minutesBefore * 60_000));
  return due.getTime() > now.getTime() ? due : undefined;
}
