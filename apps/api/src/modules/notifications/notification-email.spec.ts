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
      'Sei iscritto al laboratorio «Laboratorio A»',
    );
  });

  it('words deliverable submissions and reviews', () => {
    const data = { deliverableTitle: 'Quadro logico', groupName: 'Gruppo 1', decision: 'changes_requested' };
    expect(headline({ kind: 'deliverable_submitted', data, link: null }, 'it')).toBe(
      'Il gruppo «Gruppo 1» ha consegnato «Quadro logico» per la revisione',
    );
    expect(headline({ kind: 'deliverable_reviewed', data, link: null }, 'it')).toBe(
      'Il tutor ha chiesto modifiche al prodotto «Quadro logico»',
    );
    expect(
      headline({ kind: 'deliverable_reviewed', data: { ...data, decision: 'approved' }, link: null }, 'en'),
    ).toBe('The deliverable “Quadro logico” was approved');
  });
});
