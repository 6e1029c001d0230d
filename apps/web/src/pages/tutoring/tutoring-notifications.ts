import type { TFunction } from 'i18next';
import { TUTORING_TIME_ZONE, type NotificationKind } from '@convergo/contracts';

export const TUTORING_NOTIFICATION_KINDS = [
  'tutoring_booked',
  'tutoring_booking_received',
  'tutoring_booking_cancelled',
  'tutoring_slot_changed',
  'tutoring_slot_cancelled',
  'tutoring_reminder',
] as const satisfies readonly NotificationKind[];
type TutoringNotificationKind = (typeof TUTORING_NOTIFICATION_KINDS)[number];

export function isTutoringNotificationKind(kind: string): kind is TutoringNotificationKind {
  return (TUTORING_NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** "8 dic 2026, 10:00" on Rome's clock, whatever the browser's zone; null for a missing or broken date. */
function romeDateTime(value: unknown, locale: string): string | null {
  const at = typeof value === 'string' ? new Date(value) : null;
  if (!at || Number.isNaN(at.getTime())) return null;
  return new Intl.DateTimeFormat(locale, {
    timeZone: TUTORING_TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(at);
}

/**
 * A tutoring notification as a sentence (libs/contracts/src/notifications.ts lists its `data`):
 * who, and when on Rome's clock. Null when the data lacks what the sentence needs, so the bell
 * falls back to its generic sentence.
 */
export function tutoringNotificationText(
  kind: TutoringNotificationKind,
  data: Record<string, unknown>,
  t: TFunction,
  locale: string,
): string | null {
  const when = romeDateTime(data.startsAt, locale);
  const tutor = text(data.tutorName);
  const member = text(data.memberName);
  if (!when || !tutor) return null;
  switch (kind) {
    case 'tutoring_booked':
    case 'tutoring_slot_changed':
    case 'tutoring_slot_cancelled':
    case 'tutoring_reminder':
      return t(`tutoring.notifications.${kind}`, { tutor, when });
    case 'tutoring_booking_received':
      return member ? t('tutoring.notifications.tutoring_booking_received', { member, when }) : null;
    case 'tutoring_booking_cancelled':
      if (data.cancelledBy === 'tutor') return t('tutoring.notifications.cancelledByTutor', { tutor, when });
      return member ? t('tutoring.notifications.cancelledByMember', { member, when }) : null;
  }
}
