import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MutedThreadView } from '@convergo/contracts';
import { ApiAuthenticated, ApiItemsResponse } from '../../common/openapi';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { MutedThreadResponse } from './dto/notification.response';

/** A member mutes a handful of threads at most; the list is not paginated beyond this. */
const MUTED_THREADS_MAX = 200;

interface MutedThreadRecord {
  threadId: string;
  title: string;
  spaceId: string;
  spaceName: string;
  createdAt: Date;
}

/**
 * The e-mail preferences page lists the muted threads so they can be unmuted
 * (`DELETE /threads/:id/subscription`). Only threads whose space the member still reads are
 * listed, with the same rule as the spaces (public, a scoped role there, or a global role).
 */
@ApiTags('notifications')
@ApiAuthenticated()
@Controller('me/muted-threads')
export class MutedThreadsController {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  @Get()
  @ApiOperation({ summary: 'Threads I muted, newest first (unmute with DELETE /threads/:id/subscription)' })
  @ApiItemsResponse(MutedThreadResponse)
  async list(@CurrentMember() member: AuthMember): Promise<{ items: MutedThreadView[] }> {
    const rows = (await this.db.tx.query(
      `SELECT ts.thread_id AS "threadId", t.title, t.space_id AS "spaceId", s.name AS "spaceName",
              ts.created_at AS "createdAt"
         FROM thread_subscriptions ts
         JOIN threads t ON t.id = ts.thread_id
         JOIN spaces s ON s.id = t.space_id
         JOIN members m ON m.id = ts.member_id
        WHERE ts.member_id = $1 AND ts.level = 'muted'
          AND (s.visibility = 'public' OR m.role IN ('moderator','admin')
               OR EXISTS (SELECT 1 FROM space_members sm WHERE sm.space_id = s.id AND sm.member_id = m.id))
        ORDER BY ts.created_at DESC, ts.thread_id
        LIMIT $2`,
      [member.id, MUTED_THREADS_MAX],
    )) as MutedThreadRecord[];
    return {
      items: rows.map((r) => ({
        threadId: r.threadId,
        title: r.title,
        spaceId: r.spaceId,
        spaceName: r.spaceName,
        mutedAt: new Date(r.createdAt).toISOString(),
      })),
    };
  }
}
