import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import type { NotificationPage, NotificationsRead } from '@convergo/contracts';
import { ApiAuthenticated } from '../../common/openapi';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { MarkNotificationsReadDto } from './dto/mark-read.dto';
import { NotificationQueryDto } from './dto/notification-query.dto';
import { NotificationsService } from './notifications.service';
import { NotificationPageResponse, NotificationsReadResponse } from './dto/notification.response';

@ApiTags('notifications')
@ApiAuthenticated()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My notifications, newest first, with the unread count' })
  @ApiOkResponse({ type: NotificationPageResponse })
  list(@CurrentMember() member: AuthMember, @Query() query: NotificationQueryDto): Promise<NotificationPage> {
    return this.notifications.list(member.id, query);
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark some (ids) or all of my notifications read' })
  @ApiOkResponse({ type: NotificationsReadResponse })
  markRead(
    @CurrentMember() member: AuthMember,
    @Body() dto: MarkNotificationsReadDto,
  ): Promise<NotificationsRead> {
    return this.notifications.markRead(member.id, dto.all === true ? 'all' : (dto.ids ?? []));
  }
}
