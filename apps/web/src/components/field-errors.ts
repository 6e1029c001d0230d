import type { TFunction } from 'i18next';
import type { ProblemDetails } from '@convergo/contracts';
import type { ApiError } from '../api/problem';

/** A form's fields by the API's field name: their id (for links) and translated label. */
export type FormFields = Record<string, { id: string; label: string }>;

export interface FieldMessage {
  message: string;
  /** The message names the field itself (a sentence worded by code), so no "label:" prefix. */
  labelled: boolean;
}

type FieldError = NonNullable<ProblemDetails['errors']>[number];

/**
 * The class-validator rules (the `code` of a field error, libs/contracts/src/problem.ts)
 * the interface words itself, with the field's label. Any other code shows the API's message.
 */
const SIMPLE_CODES = {
  isEmail: 'fieldErrors.isEmail',
  isString: 'fieldErrors.isString',
  isNotEmpty: 'fieldErrors.isNotEmpty',
  isDefined: 'fieldErrors.isNotEmpty',
  arrayNotEmpty: 'fieldErrors.isNotEmpty',
  matches: 'fieldErrors.matches',
  isUuid: 'fieldErrors.isUuid',
  isIn: 'fieldErrors.isIn',
  isEnum: 'fieldErrors.isIn',
  isInt: 'fieldErrors.isInt',
  isNumber: 'fieldErrors.isNumber',
  isBoolean: 'fieldErrors.isBoolean',
  isArray: 'fieldErrors.isArray',
  isUrl: 'fieldErrors.isUrl',
  isDateString: 'fieldErrors.isDate',
  isIso8601: 'fieldErrors.isDate',
  whitelistValidation: 'fieldErrors.whitelistValidation',
} as const;

/** Rules with a limit; class-validator's message is the only place the limit travels. */
const LIMIT_CODES = [
  'isLength',
  'minLength',
  'maxLength',
  'min',
  'max',
  'arrayMinSize',
  'arrayMaxSize',
] as const;
type LimitCode = (typeof LIMIT_CODES)[number];

function isSimpleCode(code: string): code is keyof typeof SIMPLE_CODES {
  return Object.prototype.hasOwnProperty.call(SIMPLE_CODES, code);
}

function isLimitCode(code: string): code is LimitCode {
  return (LIMIT_CODES as readonly string[]).includes(code);
}

/** The numbers after "must"/"should" in class-validator's English message (its default or our own). */
function limits(message: string): number[] {
  const rule = message.slice(Math.max(0, message.search(/\b(must|should)\b/)));
  return [...rule.matchAll(/\d+/g)].map((m) => Number(m[0]));
}

function limitMessage(code: LimitCode, message: string, label: string, t: TFunction): string | null {
  const n = limits(message);
  switch (code) {
    case 'isLength': {
      if (n.length >= 2) return t('fieldErrors.lengthBetween', { label, min: n[0], max: n[1] });
      if (n.length === 1 && /longer|least/i.test(message))
        return t('fieldErrors.minLength', { label, count: n[0] });
      if (n.length === 1 && /shorter|most/i.test(message))
        return t('fieldErrors.maxLength', { label, count: n[0] });
      return t('fieldErrors.length', { label });
    }
    case 'minLength':
      return n.length
        ? t('fieldErrors.minLength', { label, count: n[0] })
        : t('fieldErrors.length', { label });
    case 'maxLength':
      return n.length
        ? t('fieldErrors.maxLength', { label, count: n[0] })
        : t('fieldErrors.length', { label });
    case 'min':
      return n.length ? t('fieldErrors.min', { label, count: n[0] }) : null;
    case 'max':
      return n.length ? t('fieldErrors.max', { label, count: n[0] }) : null;
    case 'arrayMinSize':
      return n.length ? t('fieldErrors.arrayMinSize', { label, count: n[0] }) : null;
    case 'arrayMaxSize':
      return n.length ? t('fieldErrors.arrayMaxSize', { label, count: n[0] }) : null;
  }
}

/** One API field error in the interface language, or null when its code is not known here. */
export function translateFieldError(error: FieldError, label: string, t: TFunction): FieldMessage | null {
  const code = error.code;
  if (!code) return null;
  const name = error.field.split('.').pop() ?? error.field;
  // The API's password rule: a letter and a digit (the generic "format" says too little).
  if (code === 'matches' && name === 'password')
    return { message: t('password.letterAndDigit'), labelled: false };
  const message = isLimitCode(code)
    ? limitMessage(code, error.message, label, t)
    : isSimpleCode(code)
      ? t(SIMPLE_CODES[code], { label })
      : null;
  return message === null ? null : { message, labelled: true };
}

/** The API's own words for an unknown code, without the property name the label already gives. */
function apiWording(error: FieldError): string {
  const name = error.field.split('.').pop() ?? error.field;
  return error.message.startsWith(`${name} `) ? error.message.slice(name.length + 1) : error.message;
}

/**
 * The field errors of a 400 problem, keyed by field, worded in the interface language by
 * `code` with the field's translated label (`fields`); unknown codes fall back to the API.
 */
export function apiFieldMessages(
  error: ApiError | null,
  t: TFunction,
  fields: FormFields = {},
): Record<string, FieldMessage> {
  const out: Record<string, FieldMessage> = {};
  for (const fieldError of error?.problem.errors ?? []) {
    const label = fields[fieldError.field]?.label ?? fieldError.field;
    const next = translateFieldError(fieldError, label, t) ?? {
      message: apiWording(fieldError),
      labelled: false,
    };
    const previous = out[fieldError.field];
    out[fieldError.field] = previous
      ? { message: `${previous.message} ${next.message}`, labelled: previous.labelled && next.labelled }
      : next;
  }
  return out;
}

/** What each field shows next to itself: errors found before sending win over the API's. */
export function fieldErrorMessages(
  error: ApiError | null,
  t: TFunction,
  fields: FormFields,
  clientErrors: Record<string, string> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, { message }] of Object.entries(apiFieldMessages(error, t, fields))) out[field] = message;
  return { ...out, ...clientErrors };
}
