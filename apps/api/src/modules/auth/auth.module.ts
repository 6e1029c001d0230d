import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { Environment } from '../../config/environment';
import { RuntimeSettings } from '../../config/config.module';
import { AbilityFactory } from './ability.factory';
import { AccessTokenService } from './access-token.service';
import { JwtStrategy } from './jwt.strategy';

/** Authentication (tokens) and authorisation (abilities); global so every capability can check policies. */
@Global()
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [RuntimeSettings, Environment],
      useFactory: (runtime: RuntimeSettings, env: Environment) => ({
        secret: runtime.jwtKey,
        signOptions: { algorithm: 'HS256', expiresIn: env.JWT_ACCESS_TTL_SECONDS },
      }),
    }),
  ],
  providers: [AccessTokenService, AbilityFactory, JwtStrategy],
  exports: [AccessTokenService, AbilityFactory],
})
export class AuthModule {}
