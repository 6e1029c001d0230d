import { TUTORING_TIME_ZONE, WEEKDAYS, type Weekday } from '@convergo/contracts';
import { instantOf, wallClockAt } from '../../common/time-zone';

/** The demo tutor's weekly office hour: Tuesdays 10:00–11:00 in Rome, two places, for the next weeks. */
export const DEMO_TUTORING_SERIES = {
  weekday: 'TU' as Weekday,
  start: [10, 0] as [number, number],
  durationMinutes: 60,
  count: 8,
  capacity: 2,
  note: 'Ricevimento settimanale: piani di lavoro, quadri logici e schede progetto',
};

/** A slot for the demo lab's people only, online, the Thursday after. */
export const DEMO_TUTORING_LAB_SLOT = {
  weekday: 'TH' as Weekday,
  start: [15, 0] as [number, number],
  durationMinutes: 60,
  capacity: 3,
  onlineUrl: 'https://meet.jit.si/convergo-tutoraggio-ambito-a',
  note: 'Revisione dei prodotti del laboratorio prima della consegna',
};

export const DEMO_TUTORING_BOOKER_EMAIL = 'funzionaria.bari@convergo.demo';
export const DEMO_TUTORING_TOPIC =
  'Vorrei rivedere il quadro logico del nostro progetto di cooperazione con l’Albania prima della consegna.';

/** More officials booked in the coming days: the weekly office hour's first slot, and the lab slot. */
export const DEMO_TUTORING_MORE_BOOKINGS: readonly {
  email: string;
  slot: 'weekly' | 'lab';
  topic: string;
}[] = [
  {
    email: 'referente.napoli@convergo.demo',
    slot: 'weekly',
    topic: 'Lettera di intenti con una municipalità tunisina: vorrei un parere sulla clausola degli oneri.',
  },
  {
    email: 'funzionario.palermo@convergo.demo',
    slot: 'lab',
    topic:
      'Indicatori dei risultati attesi nel quadro logico: come renderli misurabili con i dati che abbiamo.',
  },
  {
    email: 'funzionaria.reggio@convergo.demo',
    slot: 'lab',
    topic: 'Analisi dell’assetto organizzativo consegnata: chiarimenti sulle ipotesi di miglioramento.',
  },
];

/** Every demo booking: the first official's and the others'. */
export const DEMO_TUTORING_BOOKING_COUNT = 1 + DEMO_TUTORING_MORE_BOOKINGS.length;

/** The first `weekday` strictly after tomorrow, at `start` wall-clock time in Rome. */
export function nextWeekday(now: Date, weekday: Weekday, [hour, minute]: [number, number]): Date {
  for (let days = 2; days < 9; days += 1) {
    const day = wallClockAt(new Date(now.getTime() + days * 86_400_000), TUTORING_TIME_ZONE);
    const dayOfWeek = WEEKDAYS[(new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() + 6) % 7];
    if (dayOfWeek === weekday) return instantOf({ ...day, hour, minute }, TUTORING_TIME_ZONE);
  }
  throw new Error(`no ${weekday} within a week`);
}
