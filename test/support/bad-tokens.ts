import { JwtService } from '@nestjs/jwt';
import { TEST_JWT_SECRET } from './test-app';

/**
 * Access tokens for `memberId` that must be refused: expired (right secret), forged (another
 * secret) and unsigned (`alg: none`).
 */
export function badAccessTokens(memberId: string): { expired: string; forged: string; unsigned: string } {
  const jwt = new JwtService();
  const claims = { sub: memberId, role: 'member', org: null, ref: false };
  const now = Math.floor(Date.now() / 1000);
  const expired = jwt.sign({ ...claims, exp: now - 60 }, { secret: TEST_JWT_SECRET, algorithm: 'HS256' });
  const forged = jwt.sign(claims, {
    secret: 'another-secret-that-is-long-enough-for-hs256!!',
    algorithm: 'HS256',
  });
  const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
    JSON.stringify({ ...claims, exp: now + 600 }),
  ).toString('base64url')}.`;
  return { expired, forged, unsigned };
}
