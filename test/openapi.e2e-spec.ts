import { startTestApp, type TestApp } from './support/test-app';

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}
interface Response {
  description?: string;
  content?: Record<string, { schema?: Schema }>;
}
interface Operation {
  responses?: Record<string, Response>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];
const PROBLEM = 'application/problem+json';

/** Every `$ref` inside a schema, nested ones included. */
function refsOf(schema: unknown, found: string[] = []): string[] {
  if (Array.isArray(schema)) schema.forEach((item) => refsOf(item, found));
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsOf(value, found);
    }
  }
  return found;
}

/** A schema that says something: a reference, a type, properties or a composition. */
function describesSomething(schema: Schema | undefined): boolean {
  return Boolean(schema && (schema.$ref || schema.type || schema.properties || schema.allOf || schema.oneOf));
}

/**
 * What a client reads in `/api/docs-json` must describe every answer: each operation declares its
 * success (a schema, a file type, or a 204) and its errors as problem details. A controller that
 * forgets its response types fails here.
 */
describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  const operations: { name: string; operation: Operation }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http().get('/api/docs-json').expect(200)).body as OpenApiDocument;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        if (item[method])
          operations.push({ name: `${method.toUpperCase()} ${path}`, operation: item[method] });
      }
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the operations of every capability', () => {
    expect(operations.length).toBeGreaterThan(90);
  });

  it('declares a described success answer for every operation', () => {
    const undescribed = operations
      .filter(({ operation }) => {
        const successes = Object.entries(operation.responses ?? {}).filter(([status]) =>
          /^2\d\d$/.test(status),
        );
        return !successes.some(([status, response]) => {
          if (status === '204') return !response.content;
          const contents = Object.entries(response.content ?? {});
          return contents.length > 0 && contents.every(([, media]) => describesSomething(media.schema));
        });
      })
      .map(({ name }) => name);
    expect(undescribed).toEqual([]);
  });

  it('never declares a success as problem+json', () => {
    const wrong = operations.flatMap(({ name, operation }) =>
      Object.entries(operation.responses ?? {})
        .filter(([status]) => /^2\d\d$/.test(status))
        .flatMap(([status, response]) =>
          Object.keys(response.content ?? {})
            .filter((type) => type === PROBLEM)
            .map((type) => `${name} ${status} ${type}`),
        ),
    );
    expect(wrong).toEqual([]);
  });

  it('declares every error answer as problem+json, 500 included on every operation', () => {
    const notProblems: string[] = [];
    const without500: string[] = [];
    for (const { name, operation } of operations) {
      const errors = Object.entries(operation.responses ?? {}).filter(([status]) =>
        /^[45]\d\d$/.test(status),
      );
      if (!operation.responses?.['500']) without500.push(name);
      for (const [status, response] of errors) {
        const types = Object.keys(response.content ?? {});
        const schema = response.content?.[PROBLEM]?.schema;
        if (types.join() !== PROBLEM || schema?.$ref !== '#/components/schemas/ProblemDetailsResponse')
          notProblems.push(`${name} ${status}`);
      }
    }
    expect(notProblems).toEqual([]);
    expect(without500).toEqual([]);
  });

  it('describes the problem details and resolves every schema reference', () => {
    const schemas = doc.components?.schemas ?? {};
    expect(Object.keys(schemas.ProblemDetailsResponse?.properties ?? {})).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'errors']),
    );
    const dangling = [...new Set(refsOf(doc))].filter(
      (ref) =>
        !ref.startsWith('#/components/schemas/') || !schemas[ref.slice('#/components/schemas/'.length)],
    );
    expect(dangling).toEqual([]);
  });

  it('documents the 401 of every operation that needs a bearer token', () => {
    const unsecured = operations
      .filter(({ operation }) => {
        const secured = ((operation as { security?: unknown[] }).security ?? []).length > 0;
        return secured && !operation.responses?.['401'];
      })
      .map(({ name }) => name);
    expect(unsecured).toEqual([]);
  });
});
