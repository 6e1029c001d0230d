import { JwtService } from '@nestjs/jwt';
import { RuntimeSettings } from '../../config/config.module';
import { AccessTokenService } from './access-token.service';
import type { AuthMember } from './auth-member';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const member: AuthMember = {
  id: '2f1c3a52-7a55-4d55-9a3e-0c7f3b0f6a10',
  role: 'member',
  organizationId: null,
  isReferent: false,
};

function service(secret = SECRET, expiresIn = 60): { tokens: AccessTokenService; jwt: JwtService } {
  const runtime = new RuntimeSettings(secret, false);
  const jwt = new JwtService({ secret: runtime.jwtKey, signOptions: { algorithm: 'HS256', expiresIn } });
  return { tokens: new AccessTokenService(jwt, runtime), jwt };
}

describe('AccessTokenService.verifyAccess', () => {
  afterEach(() => jest.useRealTimers());

  it('accepts its own token, with the session and the expiry', async () => {
    const { tokens } = service();
    const token = await tokens.sign(member, 'family-1');
    const access = tokens.verifyAccess(token);
    expect(access?.member).toEqual(member);
    expect(access?.sessionId).toBe('family-1');
    expect(access?.expiresAt).toBeGreaterThan(Date.now());
    // A second check of the same token (the cache) answers the same.
    expect(tokens.verifyAccess(token)).toEqual(access);
  });

  it('refuses a token once it expires, even after it was verified (and cached)', async () => {
    // Only the clock: jsonwebtoken signs on setImmediate.
    jest.useFakeTimers({ now: new Date('2026-12-05T10:00:00Z'), doNotFake: ['setImmediate', 'nextTick'] });
    const { tokens } = service(SECRET, 30);
    const token = await tokens.sign(member);
    expect(tokens.verify(token)).toEqual(member);
    jest.setSystemTime(new Date('2026-12-05T10:00:31Z'));
    expect(tokens.verify(token)).toBeUndefined();
  });

  it('refuses forged, unsigned, expiry-less and malformed tokens', async () => {
    const { tokens, jwt } = service();
    const forged = await service('another-secret-of-at-least-thirty-two-chars').tokens.sign(member);
    const claims = { sub: member.id, role: member.role, org: null, ref: false };
    const unsigned = [
      Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url'),
      Buffer.from(JSON.stringify({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 })).toString(
        'base64url',
      ),
      '',
    ].join('.');
    const noExpiry = new JwtService({ secret: new RuntimeSettings(SECRET, false).jwtKey }).sign(claims);
    const wrongRole = await jwt.signAsync({ ...claims, role: 'superuser' });
    for (const token of [
      forged,
      unsigned,
      noExpiry,
      wrongRole,
      'not.a.jwt',
      '',
      42,
      null,
      'x'.repeat(5000),
    ]) {
      expect(tokens.verifyAccess(token)).toBeUndefined();
    }
  });
});
