import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiCreatedResponse, ApiNoContentResponse } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { InvitationView } from '@convergo/contracts';
import { ApiAuthenticated, ApiItemsResponse } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { CreateInvitationDto } from './dto/create-invitation.dto';
import { InvitationsService } from './invitations.service';
import { InvitationResponse } from './dto/member.response';

@ApiTags('members')
@ApiAuthenticated()
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  @Throttle({ default: { limit: 30, ttl: 60_000 } })
  @ApiOperation({ summary: 'Invite someone: admins any role; referents colleagues of their administration' })
  @ApiCreatedResponse({ type: InvitationResponse })
  invite(@CurrentMember() actor: AuthMember, @Body() dto: CreateInvitationDto): Promise<InvitationView> {
    return this.invitations.invite(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Pending invitations the caller may manage' })
  @ApiItemsResponse(InvitationResponse)
  async pending(@CurrentMember() actor: AuthMember): Promise<{ items: InvitationView[] }> {
    return { items: await this.invitations.listPending(actor) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Done' })
  revoke(@CurrentMember() actor: AuthMember, @Param('id', uuidPipe()) id: string): Promise<void> {
    return this.invitations.revoke(actor, id);
  }
}
