import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationFailedException } from './app.exception';
import { cacheValidationMetadata } from './validation-metadata-cache';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    // `code` is the rule that failed (isEmail, isLength, whitelistValidation…): clients word it in their language.
    const own = Object.entries(error.constraints ?? {}).map(([code, message]) => ({ field, message, code }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Whitelist, reject unknown fields, transform; errors name each field. */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedException(flatten(errors)),
  });
}
