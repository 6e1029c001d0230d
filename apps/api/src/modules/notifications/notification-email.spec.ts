import { headline } from './notification-email';

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
