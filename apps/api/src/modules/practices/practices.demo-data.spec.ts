import { PRACTICE_LIMITS } from '@convergo/contracts';
import { DEMO_PRACTICES } from './practices.demo-data';

const POAT_SI_THEMES = [
  'servizi-cittadini',
  'servizi-imprese',
  'innovazione-processi-dematerializzazione',
  'sistema-pubblico-connettivita',
  'patrimonio-informativo-pubblico',
  'interoperabilita-cooperazione-applicativa',
];

describe('demo practices', () => {
  it('cover the six POAT SI themes with published practices, and hold one proposal', () => {
    const published = DEMO_PRACTICES.filter((p) => p.status === 'published');
    for (const theme of POAT_SI_THEMES) {
      expect([theme, published.some((p) => p.themes.includes(theme))]).toEqual([theme, true]);
    }
    expect(DEMO_PRACTICES.filter((p) => p.status === 'proposed')).toHaveLength(1);
  });

  it('come from real kinds of administration (ISTAT codes of comuni and regioni) and fit the limits', () => {
    for (const p of DEMO_PRACTICES) {
      expect(p.offeringIstatCode).toMatch(/^(\d{6}|R\d{2})$/);
      expect(p.title.length).toBeLessThanOrEqual(PRACTICE_LIMITS.title);
      expect(p.summary.length).toBeLessThanOrEqual(PRACTICE_LIMITS.summary);
      expect(p.themes.length).toBeGreaterThan(0);
    }
    expect(new Set(DEMO_PRACTICES.map((p) => p.title)).size).toBe(DEMO_PRACTICES.length);
  });
});
