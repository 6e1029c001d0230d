import { ParseUUIDPipe } from '@nestjs/common';
import { ValidationFailedException } from './app.exception';

/** ParseUUIDPipe whose failure names the parameter, as every other 400 does. */
export function uuidPipe(field = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new ValidationFailedException([{ field, message: 'must be a UUID' }]),
  });
}
