import { ApiProperty } from '@nestjs/swagger';
import {
  EMAIL_FREQUENCIES,
  type EmailFrequency,
  NOTIFICATION_KINDS,
  type NotificationPage,
  type NotificationPreferences,
  type NotificationsRead,
  type NotificationView,
} from '@convergo/contracts';

export class NotificationResponse implements NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: NOTIFICATION_KINDS[0], description: `One of ${NOTIFICATION_KINDS.join(', ')}` })
  kind: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Ids and names, by kind' })
  data: Record<string, string | number | boolean | null>;
  @ApiProperty({ type: String, nullable: true, example: '/discussioni/…' }) link: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class NotificationPageResponse implements NotificationPage {
  @ApiProperty({ type: [NotificationResponse] }) items: NotificationResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
  @ApiProperty({ description: 'Unread notifications in all' }) unread: number;
}

export class NotificationsReadResponse implements NotificationsRead {
  @ApiProperty({ type: [String], description: 'The ids now read' }) ids: string[];
  @ApiProperty() unread: number;
}

export class NotificationPreferencesResponse implements NotificationPreferences {
  @ApiProperty({ enum: EMAIL_FREQUENCIES }) email: EmailFrequency;
}
