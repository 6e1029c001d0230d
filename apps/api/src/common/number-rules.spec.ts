import { validate } from 'class-validator';
import { HasDecimalPlaces } from './number-rules';

class Days {
  @HasDecimalPlaces(2)
  days!: unknown;
}

async function accepts(days: unknown): Promise<boolean> {
  return (await validate(Object.assign(new Days(), { days }))).length === 0;
}

describe('HasDecimalPlaces', () => {
  it('accepts whole numbers and up to two decimals', async () => {
    for (const days of [0, 3, 1.5, 0.25, 365]) expect(await accepts(days)).toBe(true);
  });

  it('refuses more decimals, exponent forms, infinities and non-numbers without throwing', async () => {
    for (const days of [0.125, 6e-323, 1e-7, 1.8e-284, Infinity, NaN, '1.5', null, [1]]) {
      expect(await accepts(days)).toBe(false);
    }
  });
});
