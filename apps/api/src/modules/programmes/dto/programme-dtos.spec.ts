import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateProgrammeDto } from './create-programme.dto';
import { UpdateProgrammeDto } from './update-programme.dto';

const options = { whitelist: true, forbidNonWhitelisted: true };

async function invalidFields(cls: typeof CreateProgrammeDto | typeof UpdateProgrammeDto, body: object) {
  const errors = await validate(plainToInstance(cls, body), options);
  const names = (list: typeof errors, prefix = ''): string[] =>
    list.flatMap((e) => [
      ...(e.constraints ? [`${prefix}${e.property}`] : []),
      ...names(e.children ?? [], `${prefix}${e.property}.`),
    ]);
  return names(errors);
}

describe('programme DTOs', () => {
  const minimal = { code: 'prova', name: 'Prova' };

  it('accepts a minimal programme and explicit nulls on nullable fields', async () => {
    expect(await invalidFields(CreateProgrammeDto, minimal)).toEqual([]);
    expect(await invalidFields(CreateProgrammeDto, { ...minimal, fund: null, startDate: null })).toEqual([]);
  });

  it.each([
    ['code', { code: 'Con Spazi' }],
    ['code', { code: '-a' }],
    ['name', { name: 'x'.repeat(201) }],
    ['name', { name: '   ' }],
    ['totalBudget', { totalBudget: '4.044.957,00' }],
    ['totalBudget', { totalBudget: 4044957 }],
    ['totalBudget', { totalBudget: '1234567890123.00' }],
    ['startDate', { startDate: '2021-02-30' }],
    ['startDate', { startDate: '2021-02-03T00:00:00Z' }],
    ['themes', { themes: 'Turismo' }],
    ['themes', { themes: ['Turismo', 'Turismo'] }],
    ['themes', { themes: null }],
    [
      'indicators',
      {
        indicators: [
          { code: 'a', label: 'A' },
          { code: 'a', label: 'B' },
        ],
      },
    ],
    ['indicators.0.target', { indicators: [{ code: 'a', label: 'A', target: -1 }] }],
    ['indicators.0.unit', { indicators: [{ code: 'a', label: 'A', unit: null }] }],
    ['indicators.0.extra', { indicators: [{ code: 'a', label: 'A', extra: true }] }],
    ['isAdmin', { isAdmin: true }],
  ])('rejects a bad %s', async (field, change) => {
    expect(await invalidFields(CreateProgrammeDto, { ...minimal, ...change })).toContain(field);
  });

  it('lets a patch be empty, but never null for a required field nor a new code', async () => {
    expect(await invalidFields(UpdateProgrammeDto, {})).toEqual([]);
    expect(await invalidFields(UpdateProgrammeDto, { description: null, fund: null })).toEqual([]);
    expect(await invalidFields(UpdateProgrammeDto, { name: null })).toContain('name');
    expect(await invalidFields(UpdateProgrammeDto, { indicators: null })).toContain('indicators');
    expect(await invalidFields(UpdateProgrammeDto, { code: 'altro' })).toContain('code');
    expect(await invalidFields(UpdateProgrammeDto, { name: 'x'.repeat(201) })).toContain('name');
  });
});
