import { Injectable } from '@nestjs/common';
import { Transactional } from '../../database/transactional';
import {
  roomName,
  type NotificationKind,
  type NotificationPage,
  type NotificationsRead,
  type NotificationView,
} from '@convergo/contracts';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { EventOutbox } from '../realtime/event-outbox';
import type { NotificationQueryDto } from './dto/notification-query.dto';
import { NotificationMailer } from './notification-mailer';
import { NotificationEntity } from './notification.entity';
import { NotificationRepository } from './notification.repository';

function toView(row: NotificationEntity): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    data: row.data,
    link: row.link,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export interface NotificationInput {
  memberId: string;
  kind: NotificationKind;
  data: NotificationView['data'];
  link?: string | null;
}

/**
 * In-app notifications: stored, then pushed to `member:<id>` as `notification.created`.
 * Capabilities call `notify` inside their own `@Transactional()` method, so the notification exists if
 * and only if what it announces does. E-mail (per the member's preference) follows the commit:
 * see NotificationMailer.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly outbox: EventOutbox,
    private readonly mailer: NotificationMailer,
  ) {}

  @Transactional()
  async notify(input: NotificationInput): Promise<NotificationView> {
    const row = await this.notifications.insert({
      memberId: input.memberId,
      kind: input.kind,
      data: input.data,
      link: input.link ?? null,
    });
    const view = toView(row);
    // Only recorded here; the e-mail goes out after this transaction commits.
    await this.mailer.enqueue(row);
    await this.outbox.record(roomName('member', input.memberId), 'notification.created', view);
    return view;
  }

  /**
   * For data standing for what happened over the past days (the demo world): the notifications
   * about these posts carry the posts' dates, so the list reads in the order things happened.
   */
  @Transactional()
  async dateByPosts(dates: ReadonlyMap<string, Date>): Promise<void> {
    await this.notifications.setDatesByPost(dates);
  }

  async list(memberId: string, query: NotificationQueryDto): Promise<NotificationPage> {
    const before = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
    const rows = await this.notifications.findPage(
      memberId,
      query.limit + 1,
      query.unread === true,
      before ? { createdAt: String(before[0]), id: String(before[1]) } : undefined,
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toView),
      nextCursor:
        rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
      unread: await this.notifications.countUnread(memberId),
    };
  }

  @Transactional()
  async markRead(memberId: string, ids: string[] | 'all'): Promise<NotificationsRead> {
    const changed = await this.notifications.markRead(memberId, ids);
    const result = { ids: changed, unread: await this.notifications.countUnread(memberId) };
    if (changed.length > 0)
      await this.outbox.record(roomName('member', memberId), 'notification.read', result);
    return result;
  }
}
