import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateProgrammeDto } from './dto/create-programme.dto';
import { DEMO_PROGRAMMES } from './programmes.demo-data';

describe('DEMO_PROGRAMMES', () => {
  const byCode = new Map(DEMO_PROGRAMMES.map((p) => [p.code, p]));

  it('holds the five programmes of the source documents, each code once', () => {
    expect([...byCode.keys()].sort()).toEqual([
      'agire-por-2007-2013',
      'formez-laboratori-cooperazione-internazionale',
      'metropoli-strategiche',
      'officine-coesione',
      'poat-si',
    ]);
    expect(byCode.size).toBe(DEMO_PROGRAMMES.length);
  });

  it.each(DEMO_PROGRAMMES.map((p) => [p.code, p] as const))(
    '%s passes the API validation',
    async (_, programme) => {
      const dto = plainToInstance(CreateProgrammeDto, programme);
      const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
      expect(errors).toEqual([]);
    },
  );

  it('gives AGIRE POR 2007-2013 the figures of its project sheet', () => {
    expect(byCode.get('agire-por-2007-2013')).toMatchObject({
      name: 'AGIRE POR 2007-2013',
      operationalProgramme: 'PON GAT 2007-2013',
      fund: 'FESR, Fondo di Rotazione',
      beneficiary: 'Agenzia per la Coesione Territoriale',
      totalBudget: '4044957.00',
      euCofinancing: '642584.82',
      startDate: '2009-01-01',
      endDate: '2015-12-31',
      partners: ['Amministrazioni Centrali dello Stato', 'Università', 'Regioni', 'Enti Locali'],
      indicators: [
        { code: 'iniziative', label: 'Iniziative', target: null, achieved: 33 },
        {
          code: 'gemellaggi-realizzati',
          label: 'Progetti di gemellaggio realizzati',
          target: null,
          achieved: 17,
        },
        { code: 'start-up-progetti', label: 'Start up di progetti', target: null, achieved: 16 },
        { code: 'operatori-economici', label: 'Operatori economici', target: null, achieved: 35 },
        { code: 'pa-coinvolte', label: 'PA coinvolte', target: null, achieved: 100 },
      ],
    });
  });

  it('keeps Metropoli Strategiche to its sheet: ANCI, 3.660.000,00 euro, three thematic areas', () => {
    expect(byCode.get('metropoli-strategiche')).toMatchObject({
      beneficiary: 'ANCI',
      totalBudget: '3660000.00',
      themes: [
        "Piani di riassetto istituzionale e organizzativo dell'area metropolitana",
        'Piani strategici metropolitani',
        'Semplificazione amministrativa in materia edilizia e urbanistica',
      ],
    });
  });

  it('invents nothing the sources do not state', () => {
    // Only AGIRE POR's sheet gives days; the others give years at most.
    for (const programme of DEMO_PROGRAMMES.filter((p) => p.code !== 'agire-por-2007-2013')) {
      expect([programme.code, programme.startDate, programme.endDate]).toEqual([programme.code, null, null]);
      expect([programme.code, programme.euCofinancing]).toEqual([programme.code, null]);
    }
    expect(byCode.get('poat-si')).toMatchObject({ fund: null, beneficiary: null, totalBudget: null });
    expect(byCode.get('officine-coesione')).toMatchObject({ fund: null, totalBudget: null });
    expect(byCode.get('formez-laboratori-cooperazione-internazionale')).toMatchObject({
      fund: 'FSE',
      beneficiary: null,
      totalBudget: null,
    });
  });
});
