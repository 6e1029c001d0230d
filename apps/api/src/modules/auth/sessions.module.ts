import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersModule } from '../members/members.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LocalStrategy } from './local.strategy';
import { RefreshTokenEntity } from './refresh-token.entity';
import { RefreshTokenRepository } from './refresh-token.repository';

/** Login, token refresh with rotation, logout and invitation acceptance. */
@Module({
  imports: [TypeOrmModule.forFeature([RefreshTokenEntity]), MembersModule],
  controllers: [AuthController],
  providers: [AuthService, LocalStrategy, RefreshTokenRepository],
})
export class SessionsModule {}
