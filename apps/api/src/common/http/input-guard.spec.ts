import { findInputProblem, MAX_JSON_DEPTH } from './input-guard';

describe('findInputProblem', () => {
  it('accepts ordinary payloads, emoji and Italian text included', () => {
    expect(
      findInputProblem({
        title: 'Perché sì 👍🏽',
        agenda: [{ title: 'Apertura', minutes: 10 }],
        note: 'a\tb\nc',
      }),
    ).toBeUndefined();
  });

  it('names the field holding a NUL, a control character or a lone surrogate', () => {
    expect(findInputProblem({ agenda: [{ title: 'a\u0000' }] })).toMatchObject({
      code: 'invalid_text',
      field: 'agenda[0].title',
    });
    expect(findInputProblem({ name: 'x\u001b[31m' })).toMatchObject({ code: 'invalid_text', field: 'name' });
    expect(findInputProblem({ name: 'x\ud800y' })).toMatchObject({ code: 'invalid_text', field: 'name' });
    expect(findInputProblem({ name: 'x\udc00' })).toMatchObject({ code: 'invalid_text', field: 'name' });
  });

  it('refuses prototype keys and keys with bad text', () => {
    expect(findInputProblem(JSON.parse('{"a":{"__proto__":{"x":1}}}'))).toMatchObject({
      code: 'json_forbidden_key',
      field: 'a.__proto__',
    });
    expect(findInputProblem({ ['k\u0000']: 1 })).toMatchObject({ code: 'invalid_text' });
  });

  it('refuses nesting beyond the limit without recursing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findInputProblem(deep)).toMatchObject({ code: 'json_too_deep' });
    let fits: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH; i++) fits = { a: fits };
    expect(findInputProblem(fits)).toBeUndefined();
  });
});
