import { describe, expect, it } from '@jest/globals';
import type { TFunction } from 'i18next';
import it_ from '../../i18n/tutoring.it.json';
import { isTutoringNotificationKind, tutoringNotificationText } from './tutoring-notifications';

// A stand-in for i18next's t over the Italian bundle (enough for `tutoring.notifications.*`).
const t = ((key: string, values: Record<string, string> = {}) => {
  const path = key.replace(/^tutoring\./, '').split('.');
  let text: unknown = it_;
  for (const part of path) text = (text as Record<string, unknown>)[part];
  return String(text).replace(/\{\{(\w+)\}\}/g, (_m, name: string) => values[name] ?? '');
}) as unknown as TFunction;

const data = {
  tutorName: 'Tommaso Tutor',
  memberName: 'Alice Bianchi',
  // 08:00 UTC in December is 09:00 in Rome.
  startsAt: '2026-12-08T08:00:00.000Z',
};

describe('tutoring notifications in words', () => {
  it('names who and when, on Rome’s clock', () => {
    expect(tutoringNotificationText('tutoring_booking_received', data, t, 'it-IT')).toBe(
      'Alice Bianchi ha prenotato il tuo orario di tutoraggio del 8 dic 2026, 09:00',
    );
    expect(tutoringNotificationText('tutoring_booked', data, t, 'it-IT')).toBe(
      'Prenotazione confermata: tutoraggio con Tommaso Tutor, 8 dic 2026, 09:00',
    );
  });

  it('tells who cancelled a booking', () => {
    expect(
      tutoringNotificationText('tutoring_booking_cancelled', { ...data, cancelledBy: 'tutor' }, t, 'it-IT'),
    ).toContain('Tommaso Tutor ha annullato la tua prenotazione');
    expect(
      tutoringNotificationText('tutoring_booking_cancelled', { ...data, cancelledBy: 'member' }, t, 'it-IT'),
    ).toContain('Alice Bianchi ha annullato la prenotazione');
  });

  it('gives up (generic sentence) when the data lacks what the sentence needs', () => {
    expect(tutoringNotificationText('tutoring_reminder', { tutorName: 'T' }, t, 'it-IT')).toBeNull();
    expect(tutoringNotificationText('tutoring_booked', { ...data, startsAt: 'ieri' }, t, 'it-IT')).toBeNull();
    expect(isTutoringNotificationKind('tutoring_reminder')).toBe(true);
    expect(isTutoringNotificationKind('mention')).toBe(false);
  });
});
