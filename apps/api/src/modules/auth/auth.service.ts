import { Injectable } from '@nestjs/common';
import { Transactional } from '../../database/transactional';
import type { AuthTokens, LoginResult } from '@convergo/contracts';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { hashToken, newSecretToken } from '../../common/secret-token';
import { MemberRateLimits } from '../../common/rate-limit/member-rate-limits';
import { DomainEvents } from '../../common/domain-events/domain-events';
import { Environment } from '../../config/environment';
import type { AcceptInvitationDto } from '../members/dto/accept-invitation.dto';
import { InvitationsService } from '../members/invitations.service';
import { MembersService, type MemberAccount } from '../members/members.service';
import { AccessTokenService } from './access-token.service';
import { AuthException } from './auth.exception';
import { RefreshTokenRepository } from './refresh-token.repository';

/**
 * Failed logins per account in a window: guesses spread over many addresses stop there, while
 * colleagues behind one municipal address (NAT) keep their own budgets. A login that succeeds
 * does not count.
 */
const FAILED_LOGINS_PER_ACCOUNT = 10;
const FAILED_LOGINS_WINDOW_SECONDS = 15 * 60;

/** Refresh tokens are `<row id>.<secret>`: the id finds the row, the secret is compared by hash. */
type RotationOutcome = { ok: false } | { ok: true; memberId: string; refreshToken: string; familyId: string };

function parseRefreshToken(token: string): { id: string; secret: string } | undefined {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})$/.exec(token);
  return match ? { id: match[1], secret: match[2] } : undefined;
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

@Injectable()
export class AuthService {
  constructor(
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly env: Environment,
    private readonly events: DomainEvents,
    private readonly rateLimits: MemberRateLimits,
  ) {}

  async validateCredentials(email: string, password: string): Promise<MemberAccount> {
    const account = email.trim().toLowerCase();
    // Per account, on top of the per-address throttle. The point is spent before the password is
    // checked (parallel guesses cannot overtake the budget) and given back when it was right.
    const budget = [account, FAILED_LOGINS_PER_ACCOUNT, FAILED_LOGINS_WINDOW_SECONDS] as const;
    await this.rateLimits.consumeWithin('login', ...budget);
    const member = await this.members.verifyCredentials(account, password);
    if (!member) throw AuthException.invalidCredentials();
    await this.rateLimits.refund('login', ...budget);
    if (member.status !== 'active') throw AuthException.accountDisabled();
    return member;
  }

  async login(member: MemberAccount): Promise<LoginResult> {
    const tokens = await this.issueTokens(member, randomUUID());
    return { ...tokens, member: await this.members.getView(member.id) };
  }

  async acceptInvitation(dto: AcceptInvitationDto): Promise<LoginResult> {
    return this.login(await this.invitations.accept(dto));
  }

  /**
   * Rotation: the presented token is spent and a new one of the same family issued. A spent
   * token presented again means someone else holds it, so the whole family is revoked.
   */
  async refresh(presented: string): Promise<AuthTokens> {
    const parsed = parseRefreshToken(presented);
    if (!parsed) throw AuthException.invalidRefreshToken();
    const outcome = await this.rotate(parsed);
    if (!outcome.ok) throw AuthException.invalidRefreshToken();
    const member = await this.members.findAuthMember(outcome.memberId);
    if (!member || member.status !== 'active') {
      await this.endSession(outcome.memberId, outcome.familyId);
      throw AuthException.invalidRefreshToken();
    }
    return {
      accessToken: await this.accessTokens.sign(member, outcome.familyId),
      refreshToken: outcome.refreshToken,
    };
  }

  /** Spends the presented token and issues its successor, in one transaction. */
  @Transactional()
  private async rotate(parsed: { id: string; secret: string }): Promise<RotationOutcome> {
    const row = await this.refreshTokens.findForRotation(parsed.id);
    if (!row || !sameHash(row.tokenHash, hashToken(parsed.secret))) return { ok: false };
    if (row.revokedAt) {
      // A spent token presented again: someone else holds the family. Its sockets go too.
      if (row.replacedBy) await this.endSession(row.memberId, row.familyId);
      return { ok: false };
    }
    if (row.expiresAt.getTime() <= Date.now()) return { ok: false };
    const secret = newSecretToken();
    const next = await this.refreshTokens.insert({
      memberId: row.memberId,
      familyId: row.familyId,
      tokenHash: hashToken(secret),
      expiresAt: this.refreshExpiry(),
    });
    await this.refreshTokens.markRotated(row.id, next.id);
    return {
      ok: true,
      memberId: row.memberId,
      refreshToken: `${next.id}.${secret}`,
      familyId: row.familyId,
    };
  }

  /** Ends the session the token belongs to; unknown tokens are ignored (logging out twice is fine). */
  async logout(presented: string): Promise<void> {
    const parsed = parseRefreshToken(presented);
    if (!parsed) return;
    const row = await this.refreshTokens.findById(parsed.id);
    if (row && sameHash(row.tokenHash, hashToken(parsed.secret)))
      await this.endSession(row.memberId, row.familyId);
  }

  /** Revokes the refresh-token family and, once committed, closes the sockets opened with its access tokens. */
  private async endSession(memberId: string, familyId: string): Promise<void> {
    await this.refreshTokens.revokeFamily(familyId);
    this.events.emitAfterCommit('auth.session_ended', { memberId, sessionId: familyId });
  }

  private async issueTokens(member: MemberAccount, familyId: string): Promise<AuthTokens> {
    const secret = newSecretToken();
    const row = await this.refreshTokens.insert({
      memberId: member.id,
      familyId,
      tokenHash: hashToken(secret),
      expiresAt: this.refreshExpiry(),
    });
    return {
      accessToken: await this.accessTokens.sign(member, familyId),
      refreshToken: `${row.id}.${secret}`,
    };
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.env.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
  }
}
