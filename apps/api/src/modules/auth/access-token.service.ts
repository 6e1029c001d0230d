import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { MEMBER_ROLES, type MemberRole } from '@convergo/contracts';
import type { AuthMember } from './auth-member';

interface AccessClaims {
  sub: string;
  role: MemberRole;
  org: string | null;
  ref: boolean;
  /** The sign-in session (refresh-token family) the token was issued for: logout ends its sockets. */
  sid?: string;
  exp?: number;
}

/** A verified access token: who, which sign-in session, and until when (ms since the epoch). */
export interface VerifiedAccess {
  member: AuthMember;
  sessionId: string | null;
  expiresAt: number;
}

/** Signs and verifies the short-lived access JWT; shared by HTTP (passport) and the socket handshake. */
@Injectable()
export class AccessTokenService {
  constructor(private readonly jwt: JwtService) {}

  sign(member: AuthMember, sessionId?: string): Promise<string> {
    const claims: AccessClaims = {
      sub: member.id,
      role: member.role,
      org: member.organizationId,
      ref: member.isReferent,
      ...(sessionId ? { sid: sessionId } : {}),
    };
    return this.jwt.signAsync(claims);
  }

  /** Undefined for a missing, expired, forged or malformed token. */
  async verify(token: unknown): Promise<AuthMember | undefined> {
    return (await this.verifyAccess(token))?.member;
  }

  /** As verify, with the token's session and expiry (sockets are bound to them). */
  async verifyAccess(token: unknown): Promise<VerifiedAccess | undefined> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return undefined;
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch {
      return undefined;
    }
    const member = AccessTokenService.toMember(claims);
    if (!member || typeof claims.exp !== 'number') return undefined;
    return {
      member,
      sessionId: typeof claims.sid === 'string' ? claims.sid : null,
      expiresAt: claims.exp * 1000,
    };
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
