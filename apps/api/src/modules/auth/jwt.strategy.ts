import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { RuntimeSettings } from '../../config/config.module';
import { AccessTokenService } from './access-token.service';
import type { AuthMember } from './auth-member';
import { AuthException } from './auth.exception';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(runtime: RuntimeSettings) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt's types predate KeyObject; it hands the key to jsonwebtoken, which takes one.
      secretOrKey: runtime.jwtKey as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(claims: Record<string, unknown>): AuthMember {
    const member = AccessTokenService.toMember(claims);
    if (!member) throw AuthException.unauthenticated();
    return member;
  }
}
