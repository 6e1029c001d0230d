import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { IncomingHttpHeaders } from 'node:http';
import { Strategy } from 'passport-custom';
import { AccessTokenService } from './access-token.service';
import type { AuthMember } from './auth-member';
import { AuthException } from './auth.exception';

const BEARER = /^bearer\s+(\S+)$/i;

/**
 * `Authorization: Bearer <access JWT>`, checked by the same AccessTokenService as the socket
 * handshake: one rule for what a valid token is (HS256, `exp` required), one verified-token cache.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(private readonly tokens: AccessTokenService) {
    super();
  }

  validate(request: { headers: IncomingHttpHeaders }): AuthMember {
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const member = this.tokens.verify(token);
    if (!member) throw AuthException.unauthenticated();
    return member;
  }
}
