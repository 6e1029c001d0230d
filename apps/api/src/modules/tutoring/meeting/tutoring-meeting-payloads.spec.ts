import { parseSlotRequest } from './tutoring-meeting-payloads';

describe('parseSlotRequest', () => {
  const id = '0b1e7a4c-3f1d-4c2a-9e8b-5d6f7a8b9c0d';

  it('accepts { slotId } with a lower-case UUID', () => {
    expect(parseSlotRequest({ slotId: id })).toEqual({ slotId: id });
  });

  it.each([
    ['a string', 'x'],
    ['null', null],
    ['an array', [id]],
    ['no slotId', {}],
    ['a number', { slotId: 7 }],
    ['an upper-case UUID', { slotId: id.toUpperCase() }],
    ['a NUL', { slotId: `${id}\u0000` }],
    ['an extra field', { slotId: id, extra: true }],
    ['an oversized id', { slotId: 'a'.repeat(10_000) }],
  ])('refuses %s', (_label, body) => {
    expect(parseSlotRequest(body)).toEqual({ error: expect.any(String) });
  });
});
