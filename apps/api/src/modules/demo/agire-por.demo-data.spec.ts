import { CONVERGENCE_REGIONS, PRACTICE_LIMITS, TWINNING_TITLE_MAX_LENGTH } from '@convergo/contracts';
import { referenceOrganizations } from '../organizations/reference-data';
import { AGIRE_POR_AREAS, AGIRE_POR_ECONOMIC_OPERATORS, agirePorTwinnings } from './agire-por.demo-data';

describe('AGIRE POR demo data', () => {
  const directory = new Map(referenceOrganizations().map((o) => [o.istatCode, o]));
  const convergence = (code: string) =>
    (CONVERGENCE_REGIONS as readonly string[]).includes(directory.get(code)?.region ?? '');
  const twinnings = agirePorTwinnings();

  it('has 33 initiatives: 17 concluded and 16 start-ups, applied for within 2009-2015', () => {
    expect(twinnings).toHaveLength(33);
    expect(twinnings.filter((t) => t.status === 'concluso')).toHaveLength(17);
    expect(twinnings.filter((t) => t.status === 'candidatura')).toHaveLength(16);
    for (const t of twinnings) {
      expect(t.createdAt.getUTCFullYear()).toBeGreaterThanOrEqual(2009);
      expect(t.createdAt.getUTCFullYear()).toBeLessThanOrEqual(2015);
      expect(t.title.length).toBeLessThanOrEqual(TWINNING_TITLE_MAX_LENGTH);
      expect(t.title).toContain('esempio dimostrativo');
    }
    expect(new Set(twinnings.map((t) => t.title.toLowerCase())).size).toBe(33);
  });

  it('pairs real Centre-North administrations with real Convergence ones, over 100 in all', () => {
    const codes = new Set<string>();
    for (const t of twinnings) {
      expect([
        t.offeringIstatCode,
        directory.has(t.offeringIstatCode),
        convergence(t.offeringIstatCode),
      ]).toEqual([t.offeringIstatCode, true, false]);
      for (const code of t.receivingIstatCodes) {
        expect([code, directory.has(code), convergence(code)]).toEqual([code, true, true]);
      }
      [t.offeringIstatCode, ...t.receivingIstatCodes].forEach((code) => codes.add(code));
    }
    expect(codes.size).toBeGreaterThan(100);
  });

  it('has one practice per AGIRE POR area and 35 distinct demo operators', () => {
    expect(new Set(AGIRE_POR_AREAS.map((a) => a.theme)).size).toBe(12);
    for (const area of AGIRE_POR_AREAS) {
      expect(area.practiceTitle.length).toBeLessThanOrEqual(PRACTICE_LIMITS.title);
      expect(directory.has(area.offeringIstatCode)).toBe(true);
    }
    expect(new Set(AGIRE_POR_ECONOMIC_OPERATORS.map((o) => o.name)).size).toBe(35);
    for (const o of AGIRE_POR_ECONOMIC_OPERATORS) expect(o.name).toContain('(demo)');
  });
});
