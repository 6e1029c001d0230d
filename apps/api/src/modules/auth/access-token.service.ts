import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createVerifier } from 'fast-jwt';
import { RuntimeSettings } from '../../config/config.module';
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

/** Verified tokens remembered (until their expiry): a member's requests carry the same token. */
const VERIFIED_CACHE_SIZE = 10_000;

/** Signs and verifies the short-lived access JWT; shared by HTTP (passport) and the socket handshake. */
@Injectable()
export class AccessTokenService {
  /**
   * fast-jwt's verifier with its cache: a token checked once is not parsed and HMAC'd again on each
   * request (~35 µs each, bench/README "HTTP"); a hit still honours `exp`, and only valid tokens are
   * kept, so a forged one is checked in full every time.
   */
  private readonly verifier: (token: string) => AccessClaims;

  constructor(
    private readonly jwt: JwtService,
    runtime: RuntimeSettings,
  ) {
    this.verifier = createVerifier({
      key: runtime.jwtKey.export(),
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
      cache: VERIFIED_CACHE_SIZE,
    }) as (token: string) => AccessClaims;
  }

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
  verify(token: unknown): AuthMember | undefined {
    return this.verifyAccess(token)?.member;
  }

  /** As verify, with the token's session and expiry (sockets are bound to them). */
  verifyAccess(token: unknown): VerifiedAccess | undefined {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return undefined;
    let claims: AccessClaims;
    try {
      claims = this.verifier(token);
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
