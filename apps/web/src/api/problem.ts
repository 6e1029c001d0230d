import type { ProblemDetails } from '@convergo/contracts';

/**
 * Problems the client itself detects (no answer, an answer that is not problem+json).
 * Their `code` starts with `client.` and the UI shows a translated sentence for them.
 */
export const CLIENT_PROBLEM_CODES = [
  'client.network',
  'client.unexpected',
  'client.session_expired',
] as const;
export type ClientProblemCode = (typeof CLIENT_PROBLEM_CODES)[number];

/** Every failed API call rejects with this: the body is always RFC 9457 problem details. */
export class ApiError extends Error {
  readonly problem: ProblemDetails;
  /** For a 429: the seconds to wait, from the answer's `Retry-After` header. */
  readonly retryAfterSeconds: number | null;

  constructor(problem: ProblemDetails, retryAfterSeconds: number | null = null) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get status(): number {
    return this.problem.status;
  }
}

export function clientProblem(code: ClientProblemCode, status = 0): ApiError {
  return new ApiError({ type: 'about:blank', title: code, status, detail: '', code });
}

export function isClientProblemCode(code: string | undefined): code is ClientProblemCode {
  return (CLIENT_PROBLEM_CODES as readonly string[]).includes(code ?? '');
}

function isProblemDetails(value: unknown): value is ProblemDetails {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.status === 'number' && (typeof v.title === 'string' || typeof v.detail === 'string');
}

/** `Retry-After` in seconds (its HTTP-date form too), or null when absent or unreadable. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // An HTTP-date names its day and month ("Fri, 04 Dec 2026 10:02:00 GMT").
  if (!/^[A-Za-z]{3}, /.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Turns a non-2xx answer into an ApiError without ever exposing a raw body. */
export async function problemFromResponse(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body: unknown = await response.json();
      if (isProblemDetails(body)) {
        return new ApiError(
          { ...body, detail: body.detail ?? '', title: body.title ?? '' },
          retryAfterSeconds(response.headers.get('retry-after')),
        );
      }
    } catch {
      // fall through: a broken body is reported as an unexpected answer
    }
  }
  return clientProblem('client.unexpected', response.status);
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return clientProblem('client.network');
}
