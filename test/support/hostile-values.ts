import fc from 'fast-check';

/** What an OpenAPI schema says about a value, as far as the generators need it. */
export interface JsonSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

/** Texts that have broken services before: control characters, broken UTF-16, markup, injections. */
const NASTY_TEXTS = [
  'a\u0000b',
  '\u0000',
  'x\uD800y',
  '\uDC00',
  'end\uD83D',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  "' OR '1'='1' --",
  '"; DROP TABLE members; --',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '%s%s%s%n',
  'line\r\nSet-Cookie: a=b',
  '\u202Eevil\u202C',
  '\u2028\u2029',
  '\uFEFF',
  '\u200B\u200B\u200B',
  '   ',
  '',
  '🏛️‍🔥'.repeat(50),
  'ß'.repeat(5000),
  'x'.repeat(100_000),
  '1e309',
  '-1',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '2026-02-30T25:61:00Z',
  '9999-12-31T23:59:59Z',
  '0001-01-01T00:00:00Z',
  '__proto__',
  'constructor',
];

/** A string an attacker would send: a known nasty one, or random text (any Unicode, broken pairs too). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_TEXTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\u0007'))
      .map(([text, bad]) => `${text}${bad}${text}`),
  },
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, Number.MIN_VALUE),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Nested arrays or objects `depth` levels deep (within the edge guard's limit and past it). */
const deepValue: fc.Arbitrary<unknown> = fc.integer({ min: 20, max: 40 }).map((depth) => {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
});

/** Any JSON value of the wrong kind: hostile text, extreme numbers, null, booleans, arrays, objects. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 4 }) },
  { weight: 1, arbitrary: deepValue },
  { weight: 1, arbitrary: fc.constant(Array.from({ length: 5000 }, (_, i) => i)) },
);

/** A plausible value for the schema, so validation gets past the first field and meets the next. */
function plausible(
  schema: JsonSchema,
  resolve: (s: JsonSchema) => JsonSchema,
  depth: number,
): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const composed = s.oneOf ?? s.anyOf ?? s.allOf;
  if (composed?.length) return fc.oneof(...composed.map((part) => plausible(part, resolve, depth)));
  switch (s.type) {
    case 'integer':
      return fc.integer({ min: s.minimum ?? -5, max: Math.min(s.maximum ?? 1000, 1_000_000) });
    case 'number':
      return fc.double({ min: s.minimum ?? -5, max: s.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3
        ? fc.constant([])
        : fc.array(valueFor(s.items ?? {}, resolve, depth + 1), { maxLength: 4 });
    case 'object':
      return depth > 3 ? fc.constant({}) : objectFor(s, resolve, depth + 1);
    default:
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      if (s.format === 'email') return fc.emailAddress();
      return fc.string({ maxLength: 30 });
  }
}

/** A value for a field: usually plausible, often hostile. */
export function valueFor(
  schema: JsonSchema,
  resolve: (s: JsonSchema) => JsonSchema,
  depth = 0,
): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 2, arbitrary: plausible(schema, resolve, depth) },
    { weight: 3, arbitrary: hostileValue },
  );
}

/** An object shaped like the schema: some fields plausible, some hostile, some missing, maybe one unknown. */
export function objectFor(
  schema: JsonSchema,
  resolve: (s: JsonSchema) => JsonSchema,
  depth = 0,
): fc.Arbitrary<Record<string, unknown>> {
  const s = resolve(schema);
  const properties = Object.fromEntries(
    Object.entries(s.properties ?? {}).map(([name, property]) => [name, valueFor(property, resolve, depth)]),
  );
  return fc
    .tuple(
      fc.record(properties, { requiredKeys: [] }),
      fc.option(fc.tuple(hostileString, hostileValue), { freq: 4 }),
    )
    .map(([record, extra]) => (extra ? { ...record, [extra[0]]: extra[1] } : record));
}
