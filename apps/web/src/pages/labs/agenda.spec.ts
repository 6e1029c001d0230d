import { describe, expect, it } from '@jest/globals';
import { agendaText, parseAgenda } from './agenda';

describe('the session form’s agenda lines', () => {
  it('reads one item per line, with minutes after a vertical bar', () => {
    expect(parseAgenda('Saluti istituzionali | 15\n\n  Lavoro di gruppo  \nPausa | caffè')).toEqual([
      { title: 'Saluti istituzionali', minutes: 15 },
      { title: 'Lavoro di gruppo', minutes: null },
      { title: 'Pausa | caffè', minutes: null },
    ]);
  });

  it('writes the items back as the same lines', () => {
    const items = [
      { title: 'Apertura', minutes: 10 },
      { title: 'Dibattito', minutes: null },
    ];
    expect(parseAgenda(agendaText(items))).toEqual(items);
  });
});
