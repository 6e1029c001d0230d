import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiOperation,
  ApiTags,
  ApiOkResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
} from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { AuthTokens, LoginResult } from '@convergo/contracts';
import { ApiProblem } from '../../common/openapi';
import { AcceptInvitationDto } from '../members/dto/accept-invitation.dto';
import type { MemberAccount } from '../members/members.service';
import { AuthService } from './auth.service';
import { CurrentMember } from './current-member.decorator';
import { LoginDto } from './dto/login.dto';
import { RefreshDto } from './dto/refresh.dto';
import { LocalAuthGuard } from './local-auth.guard';
import { Public } from './public.decorator';
import { AuthTokensResponse, LoginResponse } from '../members/dto/member.response';

/** Login requests per address per minute (every attempt, right or wrong). */
export const LOGINS_PER_ADDRESS_PER_MINUTE = 100;

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  // Per address: generous, since a whole municipal network may share one (NAT). Failed attempts
  // are also limited per account (AuthService), which is what stops guessing.
  @Throttle({ default: { limit: LOGINS_PER_ADDRESS_PER_MINUTE, ttl: 60_000 } })
  @UseGuards(LocalAuthGuard)
  @ApiBody({ type: LoginDto })
  @ApiOperation({ summary: 'Log in with e-mail and password' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiProblem(
    429,
    '`rate_limited` with `Retry-After`: 10 failed attempts per account in 15 minutes, 100 attempts per address a minute',
  )
  login(@CurrentMember() member: unknown): Promise<LoginResult> {
    return this.auth.login(member as MemberAccount);
  }

  @Post('refresh')
  @HttpCode(200)
  @Throttle({ default: { limit: 30, ttl: 60_000 } })
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens (rotation)' })
  @ApiOkResponse({ type: AuthTokensResponse })
  refresh(@Body() dto: RefreshDto): Promise<AuthTokens> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: "Revoke the refresh token's session" })
  @ApiNoContentResponse({ description: 'Done' })
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
  }

  @Post('accept-invitation')
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiOperation({ summary: 'Create the account an invitation offers and log in' })
  @ApiCreatedResponse({ type: LoginResponse })
  acceptInvitation(@Body() dto: AcceptInvitationDto): Promise<LoginResult> {
    return this.auth.acceptInvitation(dto);
  }
}
