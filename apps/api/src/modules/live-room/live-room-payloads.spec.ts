import { parseHandRequest, parseRoomRequest } from './live-room-payloads';

const id = '4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5b';

describe('live room payloads', () => {
  it('accepts the contract shapes', () => {
    expect(parseRoomRequest({ sessionId: id })).toEqual({ sessionId: id });
    expect(parseHandRequest({ sessionId: id, raised: true })).toEqual({ sessionId: id, raised: true });
    expect(parseHandRequest({ sessionId: id, raised: false, memberId: id })).toEqual({
      sessionId: id,
      raised: false,
      memberId: id,
    });
  });

  it.each([
    ['a string', 'x'],
    ['null', null],
    ['an array', [id]],
    ['no session', {}],
    ['an upper-case id', { sessionId: id.toUpperCase() }],
    ['a NUL in the id', { sessionId: `${id}\u0000` }],
    ['an extra field', { sessionId: id, role: 'tutor' }],
    ['an own __proto__ key', JSON.parse(`{"sessionId":"${id}","__proto__":{"x":1}}`) as unknown],
  ])('refuses %s to join', (_name, body) => {
    expect(parseRoomRequest(body)).toEqual({ error: expect.any(String) });
  });

  it.each([
    ['raised missing', { sessionId: id }],
    ['raised a string', { sessionId: id, raised: 'true' }],
    ['memberId not a UUID', { sessionId: id, raised: false, memberId: 'me' }],
    ['memberId null', { sessionId: id, raised: false, memberId: null }],
  ])('refuses a hand with %s', (_name, body) => {
    expect(parseHandRequest(body)).toEqual({ error: expect.any(String) });
  });
});
