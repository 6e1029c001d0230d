import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { MEMBER_ROLES, type MemberRole } from '@convergo/contracts';
import type { AuthMember } from './auth-member';

interface AccessClaims {
  sub: string;
  role: MemberRole;
  org: string | null;
  ref: boolean;
}

/** Signs and verifies the short-lived access JWT; shared by HTTP (passport) and the socket handshake. */
@Injectable()
export class AccessTokenService {
  constructor(private readonly jwt: JwtService) {}

  sign(member: AuthMember): Promise<string> {
    const claims: AccessClaims = {
      sub: member.id,
      role: member.role,
      org: member.organizationId,
      ref: member.isReferent,
    };
    return this.jwt.signAsync(claims);
  }

  /** Undefined for a missing, expired, forged or malformed token. */
  async verify(token: unknown): Promise<AuthMember | undefined> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return undefined;
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
      return AccessTokenService.toMember(claims);
    } catch {
      return undefined;
    }
  }

  static toMember(claims: Partial<AccessClaims>): AuthMember | undefined {
    if (typeof claims.sub !== 'string' || !MEMBER_ROLES.includes(claims.role as MemberRole)) return undefined;
    return {
      id: claims.sub,
      role: claims.role as MemberRole,
      organizationId: typeof claims.org === 'string' ? claims.org : null,
      isReferent: claims.ref === true,
    };
  }
}
