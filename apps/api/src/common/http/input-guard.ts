import { HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { AppException } from '../app.exception';

/** Deeper JSON than this is refused before class-transformer recurses into it (it overflows the stack at ~3,000). */
export const MAX_JSON_DEPTH = 32;

/** Keys that mean prototype tampering in any of our payloads: no DTO has them. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** NUL and the other C0/DEL control characters; tabs and line breaks are text. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type InputProblemCode = 'json_too_deep' | 'json_forbidden_key' | 'invalid_text';

export class InputRejectedException extends AppException {
  constructor(code: InputProblemCode, field: string, message: string) {
    super(HttpStatus.BAD_REQUEST, code, 'Invalid request', `${field || 'body'}: ${message}`, [
      { field: field || 'body', message, code },
    ]);
  }
}

export class UnsupportedMediaTypeException extends AppException {
  constructor(type: string) {
    super(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'unsupported_media_type',
      'Unsupported media type',
      `a body of type ${type} is not accepted: send application/json (or multipart/form-data for files)`,
    );
  }
}

function describeText(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate (not valid Unicode text)';
  if (CONTROL_CHARACTER.test(text)) return 'contains a control character (NUL or similar)';
  return undefined;
}

/**
 * The first thing wrong with a parsed body or query string, walked without recursion: too deep,
 * a prototype key, or text PostgreSQL and the validators cannot take (NUL, lone surrogates,
 * control characters). Every endpoint gets the same answer for the same mistake.
 */
export function findInputProblem(
  value: unknown,
): { code: InputProblemCode; field: string; message: string } | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      const message = describeText(current);
      if (message) return { code: 'invalid_text', field: path, message };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_JSON_DEPTH) {
      return {
        code: 'json_too_deep',
        field: path,
        message: `nested too deep: at most ${MAX_JSON_DEPTH} levels of objects and arrays`,
      };
    }
    const isArray = Array.isArray(current);
    for (const key of Object.keys(current)) {
      const child = isArray ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (!isArray) {
        if (FORBIDDEN_KEYS.has(key)) {
          return { code: 'json_forbidden_key', field: child, message: `the key "${key}" is not accepted` };
        }
        const keyProblem = describeText(key);
        if (keyProblem)
          return { code: 'invalid_text', field: path || 'body', message: `a key ${keyProblem}` };
      }
      stack.push({ value: (current as Record<string, unknown>)[key], path: child, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * A Fastify `preValidation` hook for the API's paths: checks the parsed query and body with
 * findInputProblem, so no controller, validator or SQL statement ever sees such input. Bodies of
 * media types without a parser never get here: Fastify refuses them (415).
 */
export function guardApiInput(prefix: string) {
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    if (!request.url.startsWith(prefix)) {
      done();
      return;
    }
    const problem = findInputProblem(request.query) ?? findInputProblem(request.body);
    done(problem ? new InputRejectedException(problem.code, problem.field, problem.message) : undefined);
  };
}
