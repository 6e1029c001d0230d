import type { JsonSchema } from './hostile-values';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: JsonSchema;
}

interface RawOperation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** One operation of the API, as a generator needs it. */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The OpenAPI path, e.g. `/api/v1/spaces/{id}/threads`. */
  path: string;
  pathParams: string[];
  queryParams: { name: string; schema: JsonSchema }[];
  body?: JsonSchema;
  /** Whether the operation takes a JSON body (others are multipart uploads or bodiless). */
  json: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the document, with `$ref`s resolvable through `resolver(doc)`. */
export function operationsOf(doc: OpenApiDocument): ApiOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => {
      const raw = item[method];
      const parameters = raw.parameters ?? [];
      const content = raw.requestBody?.content ?? {};
      return {
        method,
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: content['application/json']?.schema,
        json: Object.keys(content).length === 0 || 'application/json' in content,
      };
    }),
  );
}

/** Follows `#/components/schemas/…` references (one level at a time, as the generators walk). */
export function resolver(doc: OpenApiDocument): (schema: JsonSchema) => JsonSchema {
  const schemas = doc.components?.schemas ?? {};
  return (schema) => {
    let current = schema;
    for (let hops = 0; current.$ref && hops < 10; hops++) {
      current = schemas[current.$ref.replace('#/components/schemas/', '')] ?? {};
    }
    return current;
  };
}
