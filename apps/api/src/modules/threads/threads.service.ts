import { Injectable } from '@nestjs/common';
import { toDeskBlock } from '../../common/desk/desk-block';
import { MemberRateLimits } from '../../common/rate-limit/member-rate-limits';
import { Transactional } from '../../database/transactional';
import {
  roomName,
  type DeskBlock,
  type MutedThreadView,
  type Page,
  type ThreadReadView,
  type ThreadSubscriptionLevel,
  type ThreadSubscriptionView,
  type ThreadView,
  type ThreadWithFirstPost,
  POSTS_PER_MINUTE,
} from '@convergo/contracts';
import { decodeKeyset, encodeCursor } from '../../common/cursor';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { EventOutbox } from '../realtime/event-outbox';
import { DomainEvents } from '../../common/domain-events/domain-events';
import { NotificationsService } from '../notifications/notifications.service';
import { SpacesService } from '../spaces/spaces.service';
import type { CreateThreadDto, ThreadListQueryDto, UpdateThreadDto } from './dto/thread.dto';
import { excerpt } from '../../common/markdown/post-renderer';
import { PostViews } from './post-views';
import { PostsRepository } from './posts.repository';
import { ThreadAccessService } from './thread-access.service';
import { ThreadNotifier } from './thread-notifier';
import { ThreadsException } from './threads.exception';
import { PUBLIC_VIEWER, toThreadView, type Viewer } from './threads.mapper';
import { threadSubject } from './threads.policy';
import { ThreadsRepository, type ThreadMeta } from './threads.repository';

/** What a list showing one thread per space needs of it (firstThreadSummaries). */
export interface ThreadSummary {
  id: string;
  spaceId: string;
  title: string;
  postCount: number;
  lastActivityAt: string;
  unreadCount: number;
  lastReadPostId: string | null;
}

/** Threads: creation with the first post, lists, title and tags, pin and lock, read markers, subscriptions. */
/** A member mutes a handful of threads at most; the list is not paginated beyond this. */
const MUTED_THREADS_MAX = 200;

@Injectable()
export class ThreadsService {
  constructor(
    private readonly threads: ThreadsRepository,
    private readonly posts: PostsRepository,
    private readonly views: PostViews,
    private readonly access: ThreadAccessService,
    private readonly spaces: SpacesService,
    private readonly notifier: ThreadNotifier,
    private readonly abilities: AbilityFactory,
    private readonly outbox: EventOutbox,
    private readonly events: DomainEvents,
    private readonly rateLimits: MemberRateLimits,
    private readonly notifications: NotificationsService,
  ) {}

  /** The thread as realtime events carry it (no viewer state). */
  async publicView(threadId: string): Promise<ThreadView | undefined> {
    const row = await this.threads.findById(threadId, null);
    return row ? toThreadView(row, null) : undefined;
  }

  /** For capabilities that keep a thread's audience (a coaching thread's group and tutors). */
  @Transactional()
  async watchUnlessSet(threadId: string, memberIds: readonly string[]): Promise<void> {
    await this.threads.watchUnlessSet(threadId, memberIds);
  }

  /** The oldest thread of a space, if any (a coaching space holds one). */
  /**
   * The first thread of each space with the viewer's unread markers, by space id, in one query:
   * for lists that show one thread per space (coaching). The caller has decided the viewer may
   * read those spaces.
   */
  async firstThreadSummaries(
    viewerId: string,
    spaceIds: readonly string[],
  ): Promise<Map<string, ThreadSummary>> {
    const rows = await this.threads.findFirstInSpaces(spaceIds, viewerId);
    return new Map(
      rows.map((row) => [
        row.spaceId,
        {
          id: row.id,
          spaceId: row.spaceId,
          title: row.title,
          postCount: Number(row.postCount),
          lastActivityAt: new Date(row.lastActivityAt).toISOString(),
          unreadCount: Number(row.unreadCount),
          lastReadPostId: row.lastReadPostId,
        },
      ]),
    );
  }

  /** A thread of the space by its exact title, for data loaded once (the demo world). */
  async findIdByTitle(spaceId: string, title: string): Promise<string | undefined> {
    return this.threads.findIdByTitle(spaceId, title);
  }

  /**
   * Dates a thread loaded as a conversation of the past days (the demo world): its posts
   * (`at[i]` is post number i + 1), its activity and the notifications they raised.
   */
  @Transactional()
  async dateConversation(threadId: string, at: readonly Date[]): Promise<void> {
    await this.threads.setPostDates(threadId, at);
    const posts = await this.posts.findNumbers(threadId);
    await this.notifications.dateByPosts(
      new Map(posts.flatMap((post) => (at[post.number - 1] ? [[post.id, at[post.number - 1]]] : []))),
    );
  }

  async firstThreadId(spaceId: string): Promise<string | undefined> {
    return this.threads.findFirstIdInSpace(spaceId);
  }

  @Transactional()
  /**
   * `budget: false` for a thread the platform opens on the member's behalf (a group's coaching
   * thread, opened by viewing it): it is not the member's writing.
   */
  async create(
    actor: AuthMember,
    spaceId: string,
    dto: CreateThreadDto,
    options: { budget?: boolean } = {},
  ): Promise<ThreadWithFirstPost> {
    if (options.budget !== false) await this.rateLimits.consume('post', actor.id, POSTS_PER_MINUTE);
    const space = await this.spaces.readable(actor, spaceId);
    await this.access.assertMayWrite(actor);
    const rendered = await this.views.render(dto.body);
    const threadId = await this.threads.insert({
      spaceId,
      authorId: actor.id,
      title: dto.title,
      tags: dto.tags ?? [],
    });
    // Authors follow their threads and have read what they wrote (append moves their marker).
    const { post: postRow } = await this.posts.append({
      threadId,
      authorId: actor.id,
      body: dto.body,
      html: rendered.html,
      text: rendered.text,
      searchTitle: dto.title,
      replyToId: null,
      mentionIds: rendered.mentionIds,
    });
    await this.threads.setSubscription(threadId, actor.id, 'watching');

    const row = (await this.threads.findById(threadId, actor.id))!;
    const [publicPost] = await this.views.build([postRow], PUBLIC_VIEWER);
    await this.outbox.recordAll([
      {
        room: roomName('space', spaceId),
        type: 'thread.created',
        data: { ...toThreadView(row, null), firstPost: publicPost },
      },
      { room: roomName('thread', threadId), type: 'post.created', data: publicPost },
    ]);

    const viewer = this.access.viewer(actor, space);
    const [firstPost] = await this.views.build([postRow], viewer);
    await this.notifier.newPost({
      thread: {
        id: threadId,
        spaceId,
        authorId: actor.id,
        title: dto.title,
        lockedAt: null,
        pinned: false,
      },
      post: firstPost,
      excerpt: excerpt(rendered.text),
      mentionIds: rendered.mentionIds,
      kind: 'thread',
      replyToAuthorId: null,
      subscriptions: [],
    });
    return { ...toThreadView(row, viewer), firstPost };
  }

  async list(actor: AuthMember, spaceId: string, query: ThreadListQueryDto): Promise<Page<ThreadView>> {
    const space = await this.spaces.readable(actor, spaceId);
    const after = query.cursor ? decodeKeyset(query.cursor, ['int', 'timestamp', 'uuid']) : undefined;
    const rows = await this.threads.findPage({
      spaceId,
      viewerId: actor.id,
      tag: query.tag,
      limit: query.limit + 1,
      after: after ? { pinned: after[0] === 1, activityKey: after[1], id: after[2] } : undefined,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const viewer = this.access.viewer(actor, space);
    return {
      items: page.map((row) => toThreadView(row, viewer)),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor([last.pinned ? 1 : 0, last.activityKey, last.id])
          : null,
    };
  }

  async get(actor: AuthMember, threadId: string): Promise<ThreadView> {
    const { viewer } = await this.access.thread(actor, threadId);
    const row = (await this.threads.findById(threadId, actor.id))!;
    return toThreadView(row, viewer);
  }

  /** Title and tags: the author, or a moderator of the space. */
  @Transactional()
  async update(actor: AuthMember, threadId: string, dto: UpdateThreadDto): Promise<ThreadView> {
    const { thread, space, viewer } = await this.access.thread(actor, threadId, { lock: true });
    const ability = this.abilities.for(actor);
    const isAuthor = ability.can('update', threadSubject({ authorId: thread.authorId }));
    const moderates = ability.can('moderate', space.subject);
    if (!isAuthor && !moderates)
      throw ThreadsException.forbidden('Only the author or a moderator may edit the thread');
    if (thread.lockedAt && !moderates) throw ThreadsException.threadLocked();
    if (!moderates) await this.access.assertMayWrite(actor);
    await this.threads.update(threadId, dto);
    if (dto.title !== undefined) await this.posts.setSearchTitle(threadId, dto.title);
    return this.emitThread(actor, threadId, 'thread.updated', viewer);
  }

  @Transactional()
  async setPinned(actor: AuthMember, threadId: string, pinned: boolean): Promise<ThreadView> {
    const { thread, space, viewer } = await this.access.thread(actor, threadId, { lock: true });
    if (!this.abilities.for(actor).can('moderate', space.subject))
      throw ThreadsException.forbidden('Only moderators pin threads');
    if (thread.pinned === pinned) return this.view(actor, threadId, viewer);
    await this.threads.setPinned(threadId, pinned, actor.id);
    await this.reportModeration(actor, thread, pinned ? 'pin' : 'unpin');
    return this.emitThread(actor, threadId, 'thread.pinned', viewer);
  }

  @Transactional()
  async setLocked(actor: AuthMember, threadId: string, locked: boolean): Promise<ThreadView> {
    const { thread, space, viewer } = await this.access.thread(actor, threadId, { lock: true });
    if (!this.abilities.for(actor).can('moderate', space.subject))
      throw ThreadsException.forbidden('Only moderators lock threads');
    if ((thread.lockedAt !== null) === locked) return this.view(actor, threadId, viewer);
    await this.threads.setLocked(threadId, locked, actor.id);
    await this.reportModeration(actor, thread, locked ? 'lock' : 'unlock');
    return this.emitThread(actor, threadId, 'thread.locked', viewer);
  }

  /** Moves my read marker to `postId` (never back) and tells my other tabs. */
  @Transactional()
  async markRead(actor: AuthMember, threadId: string, postId: string): Promise<ThreadReadView> {
    await this.access.thread(actor, threadId);
    const post = await this.posts.findInThread(threadId, postId);
    if (!post) throw ThreadsException.notInThread('postId');
    await this.threads.markRead(threadId, actor.id, post.number);
    const row = (await this.threads.findById(threadId, actor.id))!;
    const view: ThreadReadView = {
      threadId,
      lastReadPostId: row.lastReadPostId,
      unreadCount: Number(row.unreadCount),
    };
    await this.outbox.record(roomName('member', actor.id), 'thread.read', view);
    return view;
  }

  /** Watch (notified of every post), mute (never notified but for mentions), or neither (null). */
  async subscribe(
    actor: AuthMember,
    threadId: string,
    level: ThreadSubscriptionLevel | null,
  ): Promise<ThreadSubscriptionView> {
    await this.access.thread(actor, threadId);
    await this.threads.setSubscription(threadId, actor.id, level);
    return { threadId, level };
  }

  /** The desk's threads: those the member follows with posts they have not read, in spaces they still read. */
  async unreadWatched(actor: AuthMember, limit: number): Promise<DeskBlock> {
    const readable = await this.spaces.readableSpaceIds(actor);
    const rows = await this.threads.findUnreadWatched(actor.id, readable, limit);
    return toDeskBlock(rows, '/spazi', (row) => `/discussioni/${row.id}`);
  }

  /** Threads the member muted in spaces they still read (to unmute them from the e-mail preferences). */
  async mutedThreads(actor: AuthMember): Promise<MutedThreadView[]> {
    const readable = await this.spaces.readableSpaceIds(actor);
    const rows = await this.threads.findMuted(actor.id, readable, MUTED_THREADS_MAX);
    return rows.map((r) => ({
      threadId: r.threadId,
      title: r.title,
      spaceId: r.spaceId,
      spaceName: r.spaceName,
      mutedAt: new Date(r.createdAt).toISOString(),
    }));
  }

  private async reportModeration(
    actor: AuthMember,
    thread: Pick<ThreadMeta, 'id' | 'spaceId' | 'authorId'>,
    action: 'pin' | 'unpin' | 'lock' | 'unlock',
  ): Promise<void> {
    await this.events.emit('threads.moderated', {
      action,
      moderatorId: actor.id,
      targetType: 'thread',
      targetId: thread.id,
      memberId: thread.authorId,
      spaceId: thread.spaceId,
      reason: null,
    });
  }

  private async view(actor: AuthMember, threadId: string, viewer: Viewer): Promise<ThreadView> {
    return toThreadView((await this.threads.findById(threadId, actor.id))!, viewer);
  }

  /** Records a thread-level event in the thread's room and its space's room; answers the actor's view. */
  private async emitThread(
    actor: AuthMember,
    threadId: string,
    type: 'thread.updated' | 'thread.pinned' | 'thread.locked',
    viewer: Viewer,
  ): Promise<ThreadView> {
    const row = (await this.threads.findById(threadId, actor.id))!;
    const data = toThreadView(row, null);
    await this.outbox.recordAll([
      { room: roomName('thread', threadId), type, data },
      { room: roomName('space', row.spaceId), type, data },
    ]);
    return toThreadView(row, viewer);
  }
}
