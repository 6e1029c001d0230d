import { headline, renderImmediate } from './notification-email';

describe('notification e-mail wording of lab notifications', () => {
  const recipient = { email: 'a@example.it', displayName: 'Aldo', locale: 'it' };

  it('words enrolment decisions in Italian by default, with the note', () => {
    const item = {
      kind: 'lab_application_decided',
      data: { labTitle: 'Laboratorio A', decision: 'rejected', note: 'Posti esauriti' },
      link: '/laboratori/1',
    };
    expect(headline(item, 'it')).toBe('La candidatura al laboratorio «Laboratorio A» non è stata accolta');
    expect(headline(item, 'en')).toBe('The application to the lab “Laboratorio A” was not accepted');
    expect(renderImmediate(recipient, item, 'https://convergo.example').text).toContain(
      'Nota: Posti esauriti',
    );
    expect(headline({ kind: 'lab_enrolled', data: { labTitle: 'Laboratorio A' }, link: null }, 'it')).toBe(
      'La tua iscrizione al laboratorio «Laboratorio A» è confermata',
    );
  });

  it('words deliverable submissions and reviews', () => {
    const data = { deliverableTitle: 'Quadro logico', groupName: 'Gruppo 1', decision: 'changes_requested' };
    expect(headline({ kind: 'deliverable_submitted', data, link: null }, 'it')).toBe(
      'Il gruppo «Gruppo 1» ha consegnato «Quadro logico» per la revisione',
    );
    expect(headline({ kind: 'deliverable_reviewed', data, link: null }, 'it')).toBe(
      'Sono state chieste modifiche al prodotto «Quadro logico»',
    );
    expect(
      headline({ kind: 'deliverable_reviewed', data: { ...data, decision: 'approved' }, link: null }, 'en'),
    ).toBe('The deliverable “Quadro logico” was approved');
  });
});

describe('session notification headlines', () => {
  const data = {
    labTitle: 'Laboratorio Ambito A',
    sessionTitle: 'Quadri Logici',
    startsAt: '2027-01-14T09:00:00.000Z',
    place: 'Formez PA, Roma',
  };

  it('says when in Rome time, in Italian first and in English', () => {
    expect(headline({ kind: 'session_scheduled', data, link: null }, 'it')).toBe(
      'Nuova sessione «Quadri Logici» del laboratorio «Laboratorio Ambito A»: giovedì 14 gennaio 2027 alle ore 10:00',
    );
    expect(headline({ kind: 'session_scheduled', data, link: null }, 'en')).toContain(
      'New session “Quadri Logici” of the lab “Laboratorio Ambito A”: Thursday, 14 January 2027 at 10:00',
    );
    // July: 08:00 UTC is 10:00 in Rome (CEST).
    const july = { ...data, startsAt: '2027-07-14T08:00:00.000Z' };
    expect(headline({ kind: 'session_changed', data: july, link: null }, 'it')).toBe(
      'La sessione «Quadri Logici» del laboratorio «Laboratorio Ambito A» è cambiata: ora mercoledì 14 luglio 2027 alle ore 10:00, luogo: Formez PA, Roma',
    );
    expect(headline({ kind: 'session_cancelled', data, link: null }, 'it')).toContain('è annullata');
    expect(headline({ kind: 'session_cancelled', data, link: null }, 'en')).toContain('is cancelled');
  });
});

describe('tutoring notification headlines', () => {
  const data = {
    slotId: 's',
    bookingId: 'b',
    tutorName: 'Tutor Bianchi',
    memberName: 'Funzionaria Rossi',
    startsAt: '2027-01-14T09:00:00.000Z',
    meeting: 'online',
    onlineUrl: 'https://meet.example.it/x',
    place: null,
  };

  it('confirms, reminds and cancels in Italian first and in English', () => {
    expect(headline({ kind: 'tutoring_booked', data, link: null }, 'it')).toBe(
      'Prenotazione confermata: tutoraggio con Tutor Bianchi giovedì 14 gennaio 2027 alle ore 10:00, online: https://meet.example.it/x',
    );
    expect(headline({ kind: 'tutoring_booked', data, link: null }, 'en')).toContain(
      'Booking confirmed: tutoring with Tutor Bianchi on Thursday, 14 January 2027',
    );
    const reminder = { ...data, minutesBefore: 1440 };
    expect(headline({ kind: 'tutoring_reminder', data: reminder, link: null }, 'it')).toContain(
      'Promemoria: tutoraggio con Tutor Bianchi tra un giorno',
    );
    const hour = { ...data, minutesBefore: 60, bookingId: null, bookedCount: 3, meeting: 'convergo' };
    expect(headline({ kind: 'tutoring_reminder', data: hour, link: null }, 'it')).toContain(
      "Promemoria: tutoraggio (prenotazioni: 3) tra un'ora",
    );
    expect(headline({ kind: 'tutoring_reminder', data: hour, link: null }, 'en')).toContain(
      'Reminder: tutoring (bookings: 3) in one hour',
    );
    expect(
      headline(
        { kind: 'tutoring_booking_cancelled', data: { ...data, cancelledBy: 'tutor' }, link: null },
        'it',
      ),
    ).toBe('Tutor Bianchi ha annullato la tua prenotazione del giovedì 14 gennaio 2027 alle ore 10:00');
    expect(headline({ kind: 'tutoring_slot_cancelled', data, link: null }, 'en')).toContain('is cancelled');
  });
});
