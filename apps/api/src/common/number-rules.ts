import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A finite number with at most `places` decimals. class-validator's `IsNumber({ maxDecimalPlaces })`
 * splits `String(value)` on the dot and throws on exponent forms (`6e-323`), which answered 500.
 * Comparing with the value rounded to `places` also refuses what no form can store exactly.
 */
export function HasDecimalPlaces(places: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasDecimalPlaces',
      constraints: [places],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(places)) === value,
        defaultMessage: () => `$property must be a number with at most ${places} decimals`,
      },
    },
    options,
  );
}
