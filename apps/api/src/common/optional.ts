import { ValidateIf } from 'class-validator';

/**
 * The field may be left out, but `null` is validated like any value (and refused by the field's
 * other rules). class-validator's IsOptional skips null too, which let `PATCH { displayName: null }`
 * reach a NOT NULL column and answer 500.
 */
export const IsOptionalNotNull = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
