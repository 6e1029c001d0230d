import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DeskView } from '@convergo/contracts';
import { ApiAuthenticated } from '../../common/openapi';
import type { AuthMember } from '../auth/auth-member';
import { CheckPolicy } from '../auth/check-policy.decorator';
import { CurrentMember } from '../auth/current-member.decorator';
import { DeskResponse } from './dto/desk.response';
import { DESK_SUBJECT } from './desk.policy';
import { DeskService } from './desk.service';

@ApiTags('members')
@ApiAuthenticated()
@Controller('me')
export class DeskController {
  constructor(private readonly desk: DeskService) {}

  @Get('desk')
  @CheckPolicy('read', DESK_SUBJECT)
  @ApiOperation({
    summary:
      'The member’s desk for the home page, per role: officials their sessions, labs, deliverables due, ' +
      'unread followed threads and bookings; tutors today’s sessions, reviews, the week’s bookings and ' +
      'coaching; moderators the flag queue; admins requests, applications and headline figures. Each ' +
      'block at most 5 items with the total and a link; the rooms to follow for live changes',
  })
  @ApiOkResponse({ type: DeskResponse })
  get(@CurrentMember() member: AuthMember): Promise<DeskView> {
    return this.desk.desk(member);
  }
}
