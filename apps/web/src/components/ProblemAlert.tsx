import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { isClientProblemCode, type ApiError } from '../api/problem';
import { apiFieldMessages, type FieldMessage, type FormFields } from './field-errors';

/**
 * API problem codes the interface explains in its own language; any other problem shows the
 * server's `detail`. Keep in step with the `problems` keys of it.json and en.json.
 */
const TRANSLATED_PROBLEMS = [
  'access_request_decided',
  'access_request_pending',
  'account_disabled',
  'email_taken',
  'invalid_credentials',
  'invitation_invalid',
  'organization_not_found',
  'validation_failed',
  'rate_limited',
  'invalid_text',
  'json_too_deep',
  'unsupported_media_type',
] as const;
type TranslatedProblem = (typeof TRANSLATED_PROBLEMS)[number];

function isTranslatedProblem(code: string | undefined): code is TranslatedProblem {
  return (TRANSLATED_PROBLEMS as readonly string[]).includes(code ?? '');
}

/**
 * A refusal for too many requests, with the wait its `Retry-After` gives (seconds under a
 * minute, else whole minutes rounded up); `attempts` words it for the login form.
 */
export function rateLimitMessage(error: ApiError, t: TFunction, attempts = false): string {
  const seconds = error.retryAfterSeconds;
  if (seconds === null || seconds <= 0) return t('problems.rate_limited');
  if (seconds < 60) {
    return attempts
      ? t('problems.loginRateLimitedSeconds', { count: seconds })
      : t('problems.rateLimitedSeconds', { count: seconds });
  }
  const minutes = Math.ceil(seconds / 60);
  return attempts
    ? t('problems.loginRateLimitedMinutes', { count: minutes })
    : t('problems.rateLimitedMinutes', { count: minutes });
}

/** The sentence to show for a failed call, in the interface language when the code is known, never a raw body. */
export function problemMessage(error: ApiError, t: TFunction): string {
  const { problem } = error;
  if (problem.code === 'rate_limited' || problem.status === 429) return rateLimitMessage(error, t);
  if (isTranslatedProblem(problem.code)) return t(`problems.${problem.code}`);
  if (isClientProblemCode(problem.code)) {
    switch (problem.code) {
      case 'client.network':
        return t('errors.network');
      case 'client.session_expired':
        return t('errors.sessionExpired');
      default:
        return t('errors.unexpected');
    }
  }
  return problem.detail || problem.title || t('errors.generic');
}

export interface ErrorSummaryProps {
  error: ApiError | null;
  /** Errors found before sending, keyed like the API's `errors[].field`. */
  clientErrors?: Record<string, string>;
  /** The form's fields: links the summary to them and names them in the API's field errors. */
  fields?: FormFields;
  /** The sentence to show instead of the problem's own (a form that words a problem its way). */
  message?: string;
}

/**
 * Error summary at the top of a form: takes focus when it appears, says what went wrong
 * and links each field error to its field (which also shows it next to itself).
 * Keep `clientErrors` in state set on submit: a new object each render would steal focus.
 */
export function ErrorSummary({ error, clientErrors, fields = {}, message }: ErrorSummaryProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const fieldErrors: Record<string, FieldMessage> = { ...apiFieldMessages(error, t, fields) };
  for (const [field, message] of Object.entries(clientErrors ?? {})) {
    fieldErrors[field] = { message, labelled: false };
  }
  const entries = Object.entries(fieldErrors);
  const visible = error !== null || entries.length > 0;

  useEffect(() => {
    if (visible) ref.current?.focus();
  }, [visible, error, clientErrors]);

  if (!visible) return null;
  return (
    <div ref={ref} className="alert alert-danger" role="alert" tabIndex={-1}>
      <p className="mb-1 fw-semibold">
        {error ? (message ?? problemMessage(error, t)) : t('form.fixErrors')}
      </p>
      {entries.length > 0 && (
        <ul className="mb-0">
          {entries.map(([field, { message, labelled }]) => {
            const target = fields[field];
            // A sentence worded by code already names the field; any other gets "label: ".
            const text = labelled ? message : `${target?.label ?? field}: ${message}`;
            return (
              <li key={field}>
                {target ? (
                  <a
                    href={`#${target.id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(target.id)?.focus();
                    }}
                  >
                    {text}
                  </a>
                ) : (
                  <span>{text}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** A failed load (not a form): the message and, when given, a retry button. */
export function ProblemAlert({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-danger" role="alert">
      <p className="mb-0">{problemMessage(error, t)}</p>
      {onRetry && (
        <button type="button" className="btn btn-outline-primary btn-sm mt-2" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
