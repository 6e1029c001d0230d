import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateOrganizationDto } from './create-organization.dto';
import { SearchOrganizationsQuery } from './search-organizations.query';
import { UpdateOrganizationDto } from './update-organization.dto';

function failures<T extends object>(type: new () => T, plain: Record<string, unknown>): string[] {
  const dto = plainToInstance(type, plain);
  return validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).map((error) => error.property);
}

describe('SearchOrganizationsQuery', () => {
  it('accepts a full, valid query', () => {
    expect(
      failures(SearchOrganizationsQuery, {
        q: 'Città',
        region: "Valle d'Aosta",
        kind: 'comune',
        convergence: 'false',
        limit: '100',
      }),
    ).toEqual([]);
  });

  it.each([
    ['q', { q: 'x'.repeat(101) }],
    ['q', { q: 'a\u0000b' }],
    ['q', { q: ['a', 'b'] }],
    ['region', { region: '<script>' }],
    ['region', { region: 'campania' }],
    ['kind', { kind: 'ministero' }],
    ['convergence', { convergence: 'maybe' }],
    ['limit', { limit: 'abc' }],
    ['limit', { limit: '0' }],
    ['limit', { limit: '101' }],
    ['limit', { limit: '1.5' }],
    ['cursor', { cursor: 'x'.repeat(1025) }],
    ['unknown', { unknown: '1' }],
  ])('refuses a bad %s', (field, plain) => {
    expect(failures(SearchOrganizationsQuery, plain)).toEqual([field]);
  });
});

describe('CreateOrganizationDto', () => {
  const valid = { name: '  Agenzia   per la Coesione Territoriale ', kind: 'agenzia' };

  it('normalises spaces and empty optional strings', () => {
    const dto = plainToInstance(CreateOrganizationDto, { ...valid, website: ' ', ipaCode: '' });
    expect(validateSync(dto)).toEqual([]);
    expect(dto.name).toBe('Agenzia per la Coesione Territoriale');
    expect(dto.website).toBeNull();
    expect(dto.ipaCode).toBeNull();
  });

  it.each([
    ['name', { name: 'ab' }],
    ['name', { name: 'x'.repeat(201) }],
    ['name', { name: '<script>alert(1)</script>' }],
    ['name', { name: 42 }],
    ['kind', { kind: 'comune' }],
    ['region', { region: 'Atlantide' }],
    ['website', { website: 'javascript:alert(1)' }],
    ['ipaCode', { ipaCode: "x' --" }],
  ])('refuses a bad %s', (field, patch) => {
    expect(failures(CreateOrganizationDto, { ...valid, ...patch })).toEqual([field]);
  });
});

describe('UpdateOrganizationDto', () => {
  it('accepts nulls that clear optional fields, refuses a null name or kind', () => {
    expect(failures(UpdateOrganizationDto, { region: null, website: null, ipaCode: null })).toEqual([]);
    expect(failures(UpdateOrganizationDto, { name: null })).toEqual(['name']);
    expect(failures(UpdateOrganizationDto, { kind: null })).toEqual(['kind']);
  });
});
