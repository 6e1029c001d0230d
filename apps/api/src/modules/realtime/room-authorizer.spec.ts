import type { AuthMember } from '../auth/auth-member';
import { parseRoom, RoomAuthorizer } from './room-authorizer';

const ID = '0b6f3c1e-5d2a-4c8e-9f10-2a3b4c5d6e7f';
const OTHER = '1c7a4d2f-6e3b-4d9f-8a21-3b4c5d6e7f80';
const member = (role: AuthMember['role'], id = ID): AuthMember => ({
  id,
  role,
  organizationId: null,
  isReferent: false,
});

describe('parseRoom', () => {
  it('reads <kind>:<id> and the bare rooms, nothing else', () => {
    expect(parseRoom(`member:${ID}`)).toEqual({ kind: 'member', id: ID });
    expect(parseRoom('moderation')).toEqual({ kind: 'moderation' });
    expect(parseRoom('admin')).toEqual({ kind: 'admin' });
    for (const bad of [
      undefined,
      null,
      1,
      '',
      'member',
      'member:',
      ':x',
      'a:b:c',
      'Member:x',
      'x'.repeat(200),
      'moderation:1',
    ]) {
      expect(parseRoom(bad)).toBeUndefined();
    }
  });
});

describe('RoomAuthorizer', () => {
  it('lets a member follow only their own member room, in canonical form', async () => {
    const rooms = new RoomAuthorizer();
    await expect(rooms.check(member('member'), `member:${ID}`)).resolves.toBe('ok');
    await expect(rooms.check(member('admin'), `member:${OTHER}`)).resolves.toBe('forbidden');
    await expect(rooms.check(member('member'), `member:${ID.toUpperCase()}`)).resolves.toBe('invalid');
    await expect(rooms.check(member('member'), 'member:42')).resolves.toBe('invalid');
  });

  it('serves a bare room only once its owner registered it, with the owner’s verdict', async () => {
    const rooms = new RoomAuthorizer();
    await expect(rooms.check(member('admin'), 'moderation')).resolves.toBe('invalid');
    rooms.registerBare('moderation', (m) =>
      m.role === 'moderator' || m.role === 'admin' ? 'ok' : 'forbidden',
    );
    rooms.registerBare('admin', (m) => (m.role === 'admin' ? 'ok' : 'forbidden'));
    expect(() => rooms.registerBare('admin', () => 'ok')).toThrow('already registered');
    const verdicts = await Promise.all(
      (['member', 'tutor', 'moderator', 'admin'] as const).flatMap((role) => [
        rooms.check(member(role), 'moderation'),
        rooms.check(member(role), 'admin'),
      ]),
    );
    expect(verdicts).toEqual([
      'forbidden',
      'forbidden',
      'forbidden',
      'forbidden',
      'ok',
      'forbidden',
      'ok',
      'ok',
    ]);
  });

  it('serves a kind only once registered, with its own id pattern', async () => {
    const rooms = new RoomAuthorizer();
    await expect(rooms.check(member('member'), `space:${ID}`)).resolves.toBe('invalid');
    rooms.register('space', (_m, id) => Promise.resolve(id === ID ? 'ok' : 'not_found'));
    rooms.register('session', () => Promise.resolve('ok'), { idPattern: /^s\d+$/ });
    await expect(rooms.check(member('member'), `space:${ID}`)).resolves.toBe('ok');
    await expect(rooms.check(member('member'), `space:${OTHER}`)).resolves.toBe('not_found');
    await expect(rooms.check(member('member'), 'session:s1')).resolves.toBe('ok');
    await expect(rooms.check(member('member'), `session:${ID}`)).resolves.toBe('invalid');
    expect(() => rooms.register('space', () => Promise.resolve('ok'))).toThrow('already registered');
    expect(() => rooms.register('moderation', () => Promise.resolve('ok'))).toThrow();
    expect(() => rooms.register('Bad-Kind', () => Promise.resolve('ok'))).toThrow();
  });
});
