import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import type { EmailFrequency, NotificationPreferences } from '@convergo/contracts';
import { ApiAuthenticated } from '../../common/openapi';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { UpdateNotificationPreferencesDto } from './dto/notification-preferences.dto';
import { NotificationPreferencesResponse } from './dto/notification.response';

@ApiTags('notifications')
@ApiAuthenticated()
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  @Get()
  @ApiOperation({ summary: 'How I receive notifications by e-mail (default: daily digest)' })
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  async get(@CurrentMember() member: AuthMember): Promise<NotificationPreferences> {
    const rows = (await this.db.tx.query(`SELECT email FROM notification_preferences WHERE member_id = $1`, [
      member.id,
    ])) as { email: EmailFrequency }[];
    return { email: rows[0]?.email ?? 'daily' };
  }

  @Patch()
  @ApiOperation({ summary: "Change how I receive notifications by e-mail: 'immediate', 'daily' or 'never'" })
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  async update(
    @CurrentMember() member: AuthMember,
    @Body() dto: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferences> {
    const rows = (await this.db.tx.query(
      `INSERT INTO notification_preferences (member_id, email) VALUES ($1, $2)
       ON CONFLICT (member_id) DO UPDATE SET email = EXCLUDED.email, updated_at = now()
       RETURNING email`,
      [member.id, dto.email],
    )) as { email: EmailFrequency }[];
    return { email: rows[0].email };
  }
}
