import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
  /** The rule that failed, when known: lets clients translate the message. */
  code?: string;
}

/**
 * Base of every coded exception a capability throws. The problem-details filter turns it
 * into `application/problem+json`; `code` is stable for clients, `detail` is for people.
 */
export class AppException extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
  }
}

export class ValidationFailedException extends AppException {
  constructor(errors: FieldError[]) {
    const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    super(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Invalid request',
      detail || 'The request is not valid',
      errors,
    );
  }
}

export class InvalidCursorException extends AppException {
  constructor() {
    super(
      HttpStatus.BAD_REQUEST,
      'invalid_cursor',
      'Invalid cursor',
      'cursor: is not a cursor this API returned',
      [{ field: 'cursor', message: 'is not a cursor this API returned' }],
    );
  }
}

export class ForbiddenActionException extends AppException {
  constructor(detail = 'You are not allowed to do this') {
    super(HttpStatus.FORBIDDEN, 'forbidden', 'Forbidden', detail);
  }
}
