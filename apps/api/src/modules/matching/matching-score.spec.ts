import { MAX_SUGGESTIONS, rank, scorePair } from './matching-score';
import type { MatchSignalsRecord } from './matching.repository';

const pair = (overrides: Partial<MatchSignalsRecord>): MatchSignalsRecord => ({
  organizationId: 'o',
  organizationName: 'Comune di Prova',
  organizationKind: 'comune',
  organizationRegion: 'Campania',
  organizationConvergence: true,
  practiceId: 'p',
  practiceTitle: 'Pratica',
  practiceSummary: '',
  offeringId: 'f',
  offeringName: 'Regione Offerente',
  offeringKind: 'regione',
  offeringRegion: 'Lombardia',
  offeringConvergence: false,
  sharedThemes: [],
  sharedWords: [],
  similarAdopters: 0,
  ...overrides,
});
const label = (code: string) => `Tema ${code}`;

describe('scorePair', () => {
  it('suggests nothing without a shared theme or word, whatever else the pair has', () => {
    expect(scorePair(pair({ similarAdopters: 3, offeringKind: 'comune' }), label)).toBeUndefined();
  });

  it('counts at most three adopters and three words, and says the real number of adopters', () => {
    expect(
      scorePair(
        pair({ sharedThemes: ['a'], sharedWords: ['uno', 'due', 'tre', 'quattro'], similarAdopters: 5 }),
        label,
      ),
    ).toEqual({
      score: 3 + 3 * 2 + 2 + 3,
      reasons: [
        'stesso tema: Tema a',
        'adottata da 5 comuni in Campania',
        'regione Convergenza',
        'parole in comune: uno, due, tre',
      ],
    });
  });

  it('speaks of one adopter in the singular, and of none without a region', () => {
    const one = scorePair(
      pair({ sharedWords: ['dati'], similarAdopters: 1, organizationConvergence: false }),
      label,
    );
    expect(one).toEqual({
      score: 2 + 1,
      reasons: ['adottata da 1 comune in Campania', 'parole in comune: dati'],
    });
    const noRegion = scorePair(
      pair({
        sharedWords: ['dati'],
        similarAdopters: 2,
        organizationRegion: null,
        organizationConvergence: false,
      }),
      label,
    );
    expect(noRegion).toEqual({ score: 1, reasons: ['parole in comune: dati'] });
  });
});

describe('rank', () => {
  it('orders by score, then name, then id, and keeps the best ones only', () => {
    const items = Array.from({ length: MAX_SUGGESTIONS + 2 }, (_, i) => ({
      score: i === 0 ? 1 : 5,
      reasons: [],
      name: i % 2 === 0 ? 'Beta' : 'Alfa',
      id: String(100 + i),
    }));
    const ranked = rank(
      items,
      (s) => s.name,
      (s) => s.id,
    );
    expect(ranked).toHaveLength(MAX_SUGGESTIONS);
    expect(ranked[0]).toMatchObject({ name: 'Alfa', id: '101' });
    expect(ranked.map((s) => s.id)).not.toContain('100');
  });
});
