import { HttpStatus } from '@nestjs/common';
import { AppException } from '../app.exception';

/** The largest body any JSON or form endpoint reads (uploads have their own limit). */
export const BODY_LIMIT_BYTES = 256 * 1024;

export class MalformedJsonException extends AppException {
  constructor() {
    super(HttpStatus.BAD_REQUEST, 'malformed_json', 'Bad request', 'The request body is not valid JSON');
  }
}

export class BodyTooLargeException extends AppException {
  constructor() {
    super(
      HttpStatus.PAYLOAD_TOO_LARGE,
      'payload_too_large',
      'Payload too large',
      'The request body is larger than this endpoint accepts',
    );
  }
}

const OBJECT_OR_ARRAY = /^\s*[[{]/;

/**
 * JSON bodies as the API has always read them: an object or an array (a bare string or number is
 * malformed), and an empty body is no body, as clients send with action POSTs.
 */
export function parseJsonBody(
  _request: unknown,
  body: Buffer,
  done: (error: Error | null, parsed?: unknown) => void,
): void {
  if (body.length === 0) {
    done(null, undefined);
    return;
  }
  const text = body.toString('utf8');
  if (!OBJECT_OR_ARRAY.test(text)) {
    done(new MalformedJsonException());
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    done(new MalformedJsonException());
    return;
  }
  done(null, parsed);
}
