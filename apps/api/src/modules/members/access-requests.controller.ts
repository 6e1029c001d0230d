import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse, ApiCreatedResponse } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { AccessRequestView, Page } from '@convergo/contracts';
import { ApiAuthenticated, ApiPageResponse } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CheckPolicy } from '../auth/check-policy.decorator';
import { CurrentMember } from '../auth/current-member.decorator';
import { Public } from '../auth/public.decorator';
import { AccessRequestsService } from './access-requests.service';
import { AccessRequestQueryDto } from './dto/access-request-query.dto';
import { CreateAccessRequestDto } from './dto/create-access-request.dto';
import { DecideAccessRequestDto } from './dto/decide-access-request.dto';
import { AccessRequestResponse } from './dto/member.response';

@ApiTags('members')
@Controller('access-requests')
export class AccessRequestsController {
  constructor(private readonly requests: AccessRequestsService) {}

  @Post()
  @Public()
  @Throttle({ default: { limit: 5, ttl: 60_000 } })
  @ApiOperation({ summary: 'Ask for an account; an admin approves it' })
  @ApiCreatedResponse({ type: AccessRequestResponse })
  submit(@Body() dto: CreateAccessRequestDto): Promise<AccessRequestView> {
    return this.requests.submit(dto);
  }

  @Get()
  @ApiAuthenticated()
  @CheckPolicy('approve', 'AccessRequest')
  @ApiPageResponse(AccessRequestResponse)
  list(@Query() query: AccessRequestQueryDto): Promise<Page<AccessRequestView>> {
    return this.requests.list(query);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiAuthenticated()
  @CheckPolicy('approve', 'AccessRequest')
  @ApiOkResponse({ type: AccessRequestResponse })
  approve(
    @CurrentMember() actor: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: DecideAccessRequestDto,
  ): Promise<AccessRequestView> {
    return this.requests.approve(actor, id, dto.note);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiAuthenticated()
  @CheckPolicy('approve', 'AccessRequest')
  @ApiOkResponse({ type: AccessRequestResponse })
  reject(
    @CurrentMember() actor: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: DecideAccessRequestDto,
  ): Promise<AccessRequestView> {
    return this.requests.reject(actor, id, dto.note);
  }
}
