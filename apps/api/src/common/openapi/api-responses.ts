import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiProduces,
  ApiResponse,
  type ApiResponseOptions,
  getSchemaPath,
} from '@nestjs/swagger';
import { ProblemDetailsResponse } from './problem.response';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The error statuses this API answers, with what they mean when an operation says no more. */
const PROBLEM_DESCRIPTIONS = {
  400: 'Invalid id, query or fields, listed in `errors`',
  401: 'Missing, expired or invalid access token',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'The request body is too large',
  415: 'Unsupported media type',
  422: 'Well-formed but refused',
  423: 'Locked',
  429: 'Too many requests',
  500: 'A bug: the request id is in `detail`',
  503: 'Unavailable',
} as const;

export type ProblemStatus = keyof typeof PROBLEM_DESCRIPTIONS;

type Decorator = MethodDecorator & ClassDecorator;

/** An error answer as the OpenAPI document declares it: problem details, never a bare JSON body. */
export function problemResponse(status: ProblemStatus, description?: string): ApiResponseOptions {
  return {
    status,
    description: description ?? PROBLEM_DESCRIPTIONS[status],
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsResponse) } } },
  };
}

/** One error answer of an operation (or of every operation of a controller), e.g. `ApiProblem(404, '`space_not_found`')`. */
export function ApiProblem(status: ProblemStatus, description?: string): Decorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsResponse),
    ApiResponse(problemResponse(status, description)),
  );
}

/** Several error answers with their generic descriptions, e.g. `ApiProblemResponses(400, 403)`. */
export function ApiProblemResponses(...statuses: ProblemStatus[]): Decorator {
  return applyDecorators(...statuses.map((status) => ApiProblem(status)));
}

/** Needs `Authorization: Bearer <access token>`; without a valid one the answer is a 401. */
export function ApiAuthenticated(): Decorator {
  return applyDecorators(ApiBearerAuth(), ApiProblem(401));
}

function listSchema(item: Type<unknown>, paginated: boolean) {
  const properties: Record<string, object> = {
    items: { type: 'array', items: { $ref: getSchemaPath(item) } },
  };
  if (paginated) {
    properties.nextCursor = {
      type: 'string',
      nullable: true,
      description: 'Pass as `cursor` to get the next page; null on the last page',
    };
  }
  return { type: 'object', required: Object.keys(properties), properties };
}

/** 200 with a cursor page `{ items, nextCursor }` of `item`. */
export function ApiPageResponse(item: Type<unknown>, description?: string): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({ description, schema: listSchema(item, true) }),
  );
}

/** 200 with `{ items }` of `item` (short lists, never paginated). */
export function ApiItemsResponse(item: Type<unknown>, description?: string): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({ description, schema: listSchema(item, false) }),
  );
}

/** 200 with a file in one of `mediaTypes` (errors stay problem+json). */
export function ApiFileResponse(description: string, ...mediaTypes: string[]): MethodDecorator {
  return applyDecorators(
    ApiProduces(...mediaTypes),
    ApiOkResponse({ description, schema: { type: 'string', format: 'binary' } }),
  );
}
