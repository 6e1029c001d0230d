import { subject as tagSubject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { Transactional } from '../../database/transactional';
import { toDeskBlock } from '../../common/desk/desk-block';
import { OnEvent } from '@nestjs/event-emitter';
import type { ThreadsModeratedEvent } from '../../common/domain-events/domain-event-map';
import {
  POST_MODERATION_ACTIONS,
  type DeskBlock,
  type FlagQueueItem,
  type FlagView,
  type ModerationActionResult,
  type ModerationItemResult,
  type ModerationLogEntry,
  type ModerationScopeView,
  type Page,
  type SuspensionView,
  type ThreadMergedEvent,
  type ThreadMergeView,
  type ThreadMovedEvent,
  type WarningView,
  roomName,
} from '@convergo/contracts';
import { AppException, type FieldError } from '../../common/app.exception';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { AbilityFactory } from '../auth/ability.factory';
import type { RoomAccess } from '../realtime/room-authorizer';
import type { AuthMember } from '../auth/auth-member';
import { NotificationsService } from '../notifications/notifications.service';
import { EventOutbox } from '../realtime/event-outbox';
import { SpacesService } from '../spaces/spaces.service';
import { PostsService } from '../threads/posts.service';
import { ThreadsService } from '../threads/threads.service';
import type {
  FlagQueueQueryDto,
  MergeThreadDto,
  ModerationActionDto,
  ModerationLogQueryDto,
  MoveThreadDto,
  SuspendMemberDto,
} from './dto/moderation.dto';
import { ModerationException } from './moderation.exception';
import { toFlagQueueItem, toLogEntry, toSuspensionView } from './moderation.mapper';
import { MODERATED_MEMBER, moderatesEverySpace } from './moderation.policy';
import {
  ModerationRepository,
  type NewLogEntry,
  type PostTargetRecord,
  type ThreadTargetRecord,
} from './moderation.repository';

/** Which spaces a member moderates: every one, or a list (possibly empty). */
type Scope = 'all' | string[];

/**
 * Moderation: the flag queue, bulk actions on posts and threads, moving and merging threads,
 * warnings and suspensions, and the log of every moderator action (including pin, lock, hide
 * and restore done through the threads endpoints, which it hears through their listeners).
 */
@Injectable()
export class ModerationService {
  constructor(
    private readonly repo: ModerationRepository,
    private readonly spaces: SpacesService,
    private readonly posts: PostsService,
    private readonly threads: ThreadsService,
    private readonly notifications: NotificationsService,
    private readonly abilities: AbilityFactory,
    private readonly outbox: EventOutbox,
  ) {}

  /**
   * Space moderators hear of each flag in their space: live in `moderation_space:<spaceId>` (their
   * queue page) and as a notification (global moderators get `flag.created` in `moderation`).
   */
  @OnEvent('threads.flag_created')
  async flagCreated(flag: FlagView): Promise<void> {
    await this.outbox.record(roomName('moderation_space', flag.spaceId), 'flag.created', flag);
    const moderators = await this.repo.findSpaceModerators(flag.spaceId);
    for (const memberId of moderators) {
      if (memberId === flag.reporter?.id || memberId === flag.post.author?.id) continue;
      await this.notifications.notify({
        memberId,
        kind: 'post_flagged',
        data: {
          flagId: flag.id,
          postId: flag.postId,
          threadId: flag.threadId,
          spaceId: flag.spaceId,
          postNumber: flag.post.number,
          reason: flag.reason,
          excerpt: flag.post.excerpt,
        },
        link: `/discussioni/${flag.threadId}#post-${flag.post.number}`,
      });
    }
  }

  /** Pin, lock, hide and restore through the threads endpoints go to the log too. */
  @OnEvent('threads.moderated')
  async threadsModerated(event: ThreadsModeratedEvent): Promise<void> {
    await this.repo.insertLog({ ...event });
  }

  /** Where the asker moderates; never refuses (the web app decides what to show from it). */
  async moderationScope(actor: AuthMember): Promise<ModerationScopeView> {
    if (moderatesEverySpace(actor.role)) return { everySpace: true, spaceIds: [] };
    return { everySpace: false, spaceIds: await this.repo.findModeratedSpaceIds(actor.id) };
  }

  /** Who may join `moderation_space:<id>`: the space's moderators, global moderators and admins. */
  async spaceRoomAccess(actor: AuthMember, spaceId: string): Promise<RoomAccess> {
    const read = await this.spaces.roomAccess(actor, spaceId);
    if (read !== 'ok') return read;
    return (await this.moderates(actor, spaceId)) ? 'ok' : 'forbidden';
  }

  /** Where a merged thread went, for anyone who may read it; 404 when it was not merged. */
  async mergedInto(actor: AuthMember, threadId: string): Promise<ThreadMergeView> {
    await this.threads.get(actor, threadId);
    const targetId = await this.repo.findMergedInto(threadId);
    if (!targetId) throw ModerationException.notMerged();
    // A target in a space the asker may not read is named by id only.
    const target = await this.threads.get(actor, targetId).catch((error: unknown) => {
      if (error instanceof AppException && error.status < 500) return null;
      throw error;
    });
    return { sourceThreadId: threadId, targetThreadId: targetId, target };
  }

  /** The desk's flag queue: how many posts wait and the latest flagged, for those who moderate. */
  async deskFlags(actor: AuthMember, limit: number): Promise<DeskBlock> {
    const scope = await this.flagScope(actor);
    const rows = await this.repo.findLatestOpenFlags(scope === 'all' ? null : scope, limit);
    return toDeskBlock(rows, '/moderazione', (row) => `/discussioni/${row.threadId}#post-${row.number}`);
  }

  async flagQueue(actor: AuthMember, query: FlagQueueQueryDto): Promise<Page<FlagQueueItem>> {
    const scope = await this.flagScope(actor);
    const after = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
    const rows = await this.repo.findFlagGroups({
      status: query.status,
      spaceIds: scope === 'all' ? null : scope,
      spaceId: query.space ?? null,
      after: after ? { key: String(after[0]), postId: String(after[1]) } : null,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toFlagQueueItem),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.sortKey, last.postId]) : null,
    };
  }

  async log(actor: AuthMember, query: ModerationLogQueryDto): Promise<Page<ModerationLogEntry>> {
    const scope = await this.scope(actor);
    const before = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
    const rows = await this.repo.findLogPage({
      spaceIds: scope === 'all' ? null : scope,
      moderatorId: query.moderator ?? null,
      memberId: query.member ?? null,
      before: before ? { key: String(before[0]), id: String(before[1]) } : null,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toLogEntry),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.sortKey, last.id]) : null,
    };
  }

  /**
   * One action on many posts or threads, in one transaction. Every item is checked first: one
   * unknown or forbidden item refuses the whole request and nothing changes.
   */
  @Transactional()
  async act(actor: AuthMember, dto: ModerationActionDto): Promise<ModerationActionResult> {
    await this.scope(actor);
    const onPosts = POST_MODERATION_ACTIONS.includes(dto.action);
    const given = onPosts ? dto.postIds : dto.threadIds;
    const ids = given ? [...new Set(given.map((id) => id.toLowerCase()))] : undefined;
    const other = onPosts ? dto.threadIds : dto.postIds;
    const field = onPosts ? 'postIds' : 'threadIds';
    if (other !== undefined) {
      throw ModerationException.invalid(
        onPosts ? 'threadIds' : 'postIds',
        `not used by ${dto.action}: send ${field}`,
      );
    }
    if (!ids) throw ModerationException.invalid(field, `${dto.action} needs ${field}`);
    const results = onPosts
      ? await this.actOnPosts(actor, dto.action as 'hide' | 'restore' | 'dismiss', ids, dto.reason)
      : await this.actOnThreads(actor, dto.action === 'lock', ids, dto.reason);
    return { action: dto.action, results };
  }

  @Transactional()
  async move(actor: AuthMember, threadId: string, dto: MoveThreadDto): Promise<ThreadMovedEvent> {
    const [thread] = await this.repo.findThreadTargets([threadId]);
    if (!thread) throw ModerationException.threadNotFound('id');
    if (thread.mergedIntoId) throw ModerationException.invalid('id', 'the thread was merged into another');
    if (thread.spaceId === dto.spaceId)
      throw ModerationException.invalid('spaceId', 'the thread is already there');
    await this.assertModerates(actor, thread.spaceId);
    await this.assertModerates(actor, dto.spaceId);
    await this.repo.moveThread(threadId, dto.spaceId);
    const event: ThreadMovedEvent = {
      thread: (await this.threads.publicView(threadId))!,
      fromSpaceId: thread.spaceId,
      toSpaceId: dto.spaceId,
    };
    for (const room of [
      roomName('thread', threadId),
      roomName('space', thread.spaceId),
      roomName('space', dto.spaceId),
    ]) {
      await this.outbox.record(room, 'thread.moved', event);
    }
    await this.logAction(actor, 'move', thread, dto.reason, {
      fromSpaceId: thread.spaceId,
      toSpaceId: dto.spaceId,
    });
    return event;
  }

  @Transactional()
  async merge(actor: AuthMember, threadId: string, dto: MergeThreadDto): Promise<ThreadMergedEvent> {
    if (threadId === dto.targetThreadId)
      throw ModerationException.invalid('targetThreadId', 'is the same thread');
    const rows = await this.repo.findThreadTargets([threadId, dto.targetThreadId]);
    const source = rows.find((r) => r.id === threadId);
    const target = rows.find((r) => r.id === dto.targetThreadId);
    if (!source) throw ModerationException.threadNotFound('id');
    if (!target) throw ModerationException.threadNotFound('targetThreadId');
    if (source.mergedIntoId) throw ModerationException.invalid('id', 'the thread was merged already');
    if (target.mergedIntoId)
      throw ModerationException.invalid('targetThreadId', 'the thread was merged into another');
    await this.assertModerates(actor, source.spaceId);
    await this.assertModerates(actor, target.spaceId);
    const movedPostIds = await this.repo.mergeThread(source.id, target.id, actor.id);
    const event: ThreadMergedEvent = {
      sourceThreadId: source.id,
      target: (await this.threads.publicView(target.id))!,
      movedPostIds,
    };
    const rooms = new Set([
      roomName('thread', source.id),
      roomName('thread', target.id),
      roomName('space', source.spaceId),
      roomName('space', target.spaceId),
    ]);
    for (const room of rooms) await this.outbox.record(room, 'thread.merged', event);
    await this.logAction(actor, 'merge', source, dto.reason, {
      targetThreadId: target.id,
      movedPosts: movedPostIds.length,
    });
    return event;
  }

  @Transactional()
  async warn(actor: AuthMember, memberId: string, reason: string): Promise<WarningView> {
    await this.assertMayDiscipline(actor, memberId);
    const row = await this.repo.insertWarning(memberId, reason, actor.id);
    await this.notifications.notify({
      memberId,
      kind: 'moderation_warning',
      data: { warningId: row.id, reason },
      link: null,
    });
    await this.repo.insertLog(memberEntry(actor, 'warn', memberId, reason));
    return { id: row.id, memberId, reason, createdAt: new Date(row.createdAt).toISOString() };
  }

  @Transactional()
  async suspend(actor: AuthMember, memberId: string, dto: SuspendMemberDto): Promise<SuspensionView> {
    const until = dto.until ? new Date(dto.until) : null;
    if (until && until.getTime() <= Date.now())
      throw ModerationException.invalid('until', 'must be in the future');
    await this.assertMayDiscipline(actor, memberId);
    const row = await this.repo.insertSuspension(memberId, dto.reason, until, actor.id);
    await this.notifications.notify({
      memberId,
      kind: 'member_suspended',
      data: { suspensionId: row.id, reason: dto.reason, endsAt: until?.toISOString() ?? null },
      link: null,
    });
    await this.repo.insertLog({
      ...memberEntry(actor, 'suspend', memberId, dto.reason),
      details: { endsAt: until?.toISOString() ?? null },
    });
    return toSuspensionView(row);
  }

  @Transactional()
  async unsuspend(actor: AuthMember, memberId: string): Promise<{ items: SuspensionView[] }> {
    await this.assertMayDiscipline(actor, memberId);
    const lifted = await this.repo.liftSuspensions(memberId, actor.id);
    if (lifted.length === 0) throw ModerationException.notSuspended();
    await this.notifications.notify({
      memberId,
      kind: 'member_unsuspended',
      data: { suspensionIds: lifted.map((s) => s.id).join(',') },
      link: null,
    });
    await this.repo.insertLog(memberEntry(actor, 'unsuspend', memberId, null));
    return { items: lifted.map(toSuspensionView) };
  }

  private async actOnPosts(
    actor: AuthMember,
    action: 'hide' | 'restore' | 'dismiss',
    ids: string[],
    reason: string,
  ): Promise<ModerationItemResult[]> {
    const rows = await this.repo.findPostTargets(ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    await this.checkItems(actor, 'postIds', ids, byId);

    const results: ModerationItemResult[] = [];
    const changed: PostTargetRecord[] = [];
    for (const id of ids) {
      const post = byId.get(id)!;
      let didChange = false;
      if (action === 'hide' && !post.hiddenAt && !post.deletedAt) {
        await this.posts.hideChecked(id, actor.id, reason);
        didChange = true;
      } else if (action === 'restore' && post.hiddenAt) {
        await this.posts.restoreChecked(id);
        didChange = true;
      }
      const resolution = action === 'hide' ? 'hidden' : action === 'restore' ? 'restored' : 'dismissed';
      const resolved = await this.repo.resolveFlags(id, actor.id, resolution);
      if (resolved > 0) {
        const event = {
          postId: id,
          resolution,
          moderatorId: actor.id,
          threadId: post.threadId,
          spaceId: post.spaceId,
        };
        await this.outbox.record('moderation', 'flag.resolved', event);
        await this.outbox.record(roomName('moderation_space', post.spaceId), 'flag.resolved', event);
      }
      if (didChange || resolved > 0) {
        await this.repo.insertLog({
          moderatorId: actor.id,
          action,
          targetType: 'post',
          targetId: id,
          memberId: post.authorId,
          spaceId: post.spaceId,
          reason,
          details: { threadId: post.threadId, flagsResolved: resolved },
        });
      }
      if (didChange) changed.push(post);
      results.push({ id, status: didChange || resolved > 0 ? 'changed' : 'unchanged' });
    }

    if (changed.length > 0) {
      const views = await this.posts.publicViews(changed.map((p) => p.id));
      for (const view of views) {
        await this.outbox.record(
          roomName('thread', view.threadId),
          action === 'hide' ? 'post.hidden' : 'post.restored',
          view,
        );
        const post = byId.get(view.id)!;
        if (action === 'hide' && view.author && view.author.id !== actor.id) {
          await this.notifications.notify({
            memberId: view.author.id,
            kind: 'post_hidden',
            data: {
              threadId: post.threadId,
              threadTitle: post.title,
              spaceId: post.spaceId,
              postId: post.id,
              postNumber: post.number,
              reason,
            },
            link: `/discussioni/${post.threadId}#post-${post.number}`,
          });
        }
      }
      for (const threadId of new Set(changed.map((p) => p.threadId))) {
        const thread = (await this.threads.publicView(threadId))!;
        await this.outbox.record(roomName('space', thread.spaceId), 'thread.updated', thread);
      }
    }
    return results;
  }

  private async actOnThreads(
    actor: AuthMember,
    locked: boolean,
    ids: string[],
    reason: string,
  ): Promise<ModerationItemResult[]> {
    const rows = await this.repo.findThreadTargets(ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    await this.checkItems(actor, 'threadIds', ids, byId);
    const results: ModerationItemResult[] = [];
    for (const id of ids) {
      const thread = byId.get(id)!;
      if ((thread.lockedAt !== null) === locked) {
        results.push({ id, status: 'unchanged' });
        continue;
      }
      await this.repo.setLocked(id, locked, actor.id);
      const view = (await this.threads.publicView(id))!;
      await this.outbox.record(roomName('thread', id), 'thread.locked', view);
      await this.outbox.record(roomName('space', thread.spaceId), 'thread.locked', view);
      await this.logAction(actor, locked ? 'lock' : 'unlock', thread, reason, {});
      results.push({ id, status: 'changed' });
    }
    return results;
  }

  /** Every id must exist and lie in a space the actor moderates; otherwise nothing happens. */
  private async checkItems(
    actor: AuthMember,
    field: string,
    ids: readonly string[],
    found: ReadonlyMap<string, { spaceId: string }>,
  ): Promise<void> {
    const missing: FieldError[] = [];
    const forbidden: FieldError[] = [];
    const moderates = new Map<string, boolean>();
    for (const [index, id] of ids.entries()) {
      const item = found.get(id);
      if (!item) {
        missing.push({ field: `${field}[${index}]`, message: 'no such item' });
        continue;
      }
      if (!moderates.has(item.spaceId)) {
        moderates.set(item.spaceId, await this.moderates(actor, item.spaceId));
      }
      if (!moderates.get(item.spaceId)) {
        forbidden.push({ field: `${field}[${index}]`, message: 'you do not moderate its space' });
      }
    }
    // Forbidden first: an outsider learns nothing about which ids exist.
    if (forbidden.length > 0) throw ModerationException.itemsForbidden(forbidden);
    if (missing.length > 0) throw ModerationException.itemsNotFound(missing);
  }

  private async logAction(
    actor: AuthMember,
    action: NewLogEntry['action'],
    thread: ThreadTargetRecord,
    reason: string | null,
    details: NewLogEntry['details'],
  ): Promise<void> {
    await this.repo.insertLog({
      moderatorId: actor.id,
      action,
      targetType: 'thread',
      targetId: thread.id,
      memberId: thread.authorId,
      spaceId: thread.spaceId,
      reason,
      details,
    });
  }

  /** CASL `moderate` on the space (404 from SpacesService when it does not exist). */
  private async moderates(actor: AuthMember, spaceId: string): Promise<boolean> {
    const { subject } = await this.spaces.access(actor, spaceId);
    return this.abilities.for(actor).can('moderate', subject);
  }

  private async assertModerates(actor: AuthMember, spaceId: string): Promise<void> {
    if (!(await this.moderates(actor, spaceId))) {
      throw ModerationException.forbidden('You do not moderate this space');
    }
  }

  /** Global moderators (on members) and admins warn and suspend; never themselves. */
  private async assertMayDiscipline(actor: AuthMember, memberId: string): Promise<void> {
    if (!moderatesEverySpace(actor.role))
      throw ModerationException.forbidden('Only global moderators warn and suspend');
    if (memberId === actor.id) throw ModerationException.invalid('id', 'you cannot discipline yourself');
    const member = await this.repo.findMember(memberId);
    if (!member) throw ModerationException.memberNotFound();
    if (!this.abilities.for(actor).can('moderate', subjectOf(member.role))) {
      throw ModerationException.forbidden(
        'Only administrators warn or suspend moderators and administrators',
      );
    }
  }

  /**
   * Whose flagged posts the asker sees: global moderators those of every space they read — not
   * another administration's twinning space —, admins all, space moderators their spaces'.
   */
  private async flagScope(actor: AuthMember): Promise<Scope> {
    if (actor.role === 'moderator') return this.spaces.readableSpaceIds(actor);
    return this.scope(actor);
  }

  private async scope(actor: AuthMember): Promise<Scope> {
    if (moderatesEverySpace(actor.role)) return 'all';
    const ids = await this.repo.findModeratedSpaceIds(actor.id);
    if (ids.length === 0) throw ModerationException.forbidden();
    return ids;
  }
}

function subjectOf(role: string): Record<string, unknown> {
  const plain: Record<string, unknown> = { role };
  return tagSubject(MODERATED_MEMBER, plain);
}

function memberEntry(
  actor: AuthMember,
  action: 'warn' | 'suspend' | 'unsuspend',
  memberId: string,
  reason: string | null,
): NewLogEntry {
  return {
    moderatorId: actor.id,
    action,
    targetType: 'member',
    targetId: memberId,
    memberId,
    spaceId: null,
    reason,
  };
}
