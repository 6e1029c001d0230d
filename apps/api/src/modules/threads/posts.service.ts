import { Injectable } from '@nestjs/common';
import { MemberRateLimits } from '../../common/rate-limit/member-rate-limits';
import { Transactional } from '../../database/transactional';
import {
  roomName,
  type FlagView,
  type Page,
  type PostRevisionView,
  type PostView,
  type ReactionEmoji,
  type ReactionsView,
  POSTS_PER_MINUTE,
} from '@convergo/contracts';
import { decodeKeyset, encodeCursor } from '../../common/cursor';
import type { PageQueryDto } from '../../common/pagination.dto';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { EventOutbox } from '../realtime/event-outbox';
import { DomainEvents } from '../../common/domain-events/domain-events';
import type { CreatePostDto } from './dto/post.dto';
import { excerpt } from '../../common/markdown/post-renderer';
import { PostViews } from './post-views';
import { PostsRepository, type PostRecord, type PostWithReactions } from './posts.repository';
import { ThreadAccessService, type PostAccess } from './thread-access.service';
import { ThreadNotifier } from './thread-notifier';
import { closedToGlobalModerators } from '../spaces/spaces.policy';
import { ThreadsException } from './threads.exception';
import { PUBLIC_VIEWER, toReactionCounts, toRevisionView, toThreadView } from './threads.mapper';
import { postSubject } from './threads.policy';
import { ThreadsRepository, type ThreadRecord } from './threads.repository';

type PostEventType = 'post.created' | 'post.updated' | 'post.deleted' | 'post.hidden' | 'post.restored';

/** Posts: replies with quotes, edits with history, deletion, reactions, flags, hiding. */
@Injectable()
export class PostsService {
  constructor(
    private readonly posts: PostsRepository,
    private readonly threads: ThreadsRepository,
    private readonly views: PostViews,
    private readonly access: ThreadAccessService,
    private readonly notifier: ThreadNotifier,
    private readonly abilities: AbilityFactory,
    private readonly outbox: EventOutbox,
    private readonly events: DomainEvents,
    private readonly rateLimits: MemberRateLimits,
  ) {}

  /** The posts as any reader sees them (what realtime events carry), in the order of `ids`. */
  async publicViews(ids: readonly string[]): Promise<PostView[]> {
    const rows = await this.posts.findByIds(ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const ordered = ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [row] : [];
    });
    return this.views.build(ordered, PUBLIC_VIEWER);
  }

  async list(actor: AuthMember, threadId: string, query: PageQueryDto): Promise<Page<PostView>> {
    const [after] = query.cursor ? decodeKeyset(query.cursor, ['int']) : [0];
    // The page is read with the thread, on a guess of whether hidden posts are shown (global
    // moderators and admins moderate nearly every space); the space's rules decide, a wrong guess
    // reads the page again, and a refused member receives none of it.
    const guess = actor.role === 'moderator' || actor.role === 'admin';
    const found = await this.posts.findThreadPage(
      threadId,
      { id: actor.id, seesAllHidden: guess },
      after,
      query.limit + 1,
    );
    if (!found) throw ThreadsException.threadNotFound();
    const { space, viewer } = await this.access.ofThread(actor, found.thread, found.space);
    const seesAllHidden = this.abilities.for(actor).can('moderate', space.subject);
    const rows =
      seesAllHidden === guess
        ? found.posts
        : await this.posts.findPageWithReactions(
            threadId,
            { id: actor.id, seesAllHidden },
            after,
            query.limit + 1,
          );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: await this.views.assemble(page, viewer),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.number]) : null,
    };
  }

  async get(actor: AuthMember, postId: string): Promise<PostView> {
    const { post, viewer } = await this.access.post(actor, postId);
    const [view] = await this.views.build([post], viewer);
    return view;
  }

  /** `budget: false` for posts the platform loads on the member's behalf (the demo world). */
  @Transactional()
  async create(
    actor: AuthMember,
    threadId: string,
    dto: CreatePostDto,
    options: { budget?: boolean } = {},
  ): Promise<PostView> {
    if (options.budget !== false) await this.rateLimits.consume('post', actor.id, POSTS_PER_MINUTE);
    // Rendered before the thread is locked, so posts to a busy thread do not queue behind Markdown;
    // whoever may not post there (suspended, or not a reader) is refused at the lock, before
    // anything is written.
    const rendered = await this.views.render(dto.body);
    const { thread, space, viewer, subscriptions } = await this.access.threadForPosting(actor, threadId);
    if (thread.lockedAt && !this.abilities.for(actor).can('moderate', space.subject))
      throw ThreadsException.threadLocked();
    let replyToAuthorId: string | null = null;
    if (dto.replyToId) {
      const quoted = await this.posts.findInThread(threadId, dto.replyToId);
      if (!quoted) throw ThreadsException.notInThread('replyToId');
      if (quoted.gone) throw ThreadsException.postGone();
      replyToAuthorId = quoted.authorId;
    }
    const appended = await this.posts.append({
      threadId,
      authorId: actor.id,
      body: dto.body,
      html: rendered.html,
      text: rendered.text,
      searchTitle: null,
      replyToId: dto.replyToId ?? null,
      mentionIds: rendered.mentionIds,
    });
    // A post just written has no reactions: its views need no query for them.
    const row = { ...appended.post, reactions: [] };
    await this.emitWithThread(row, 'post.created', appended.thread);
    const [view] = await this.views.assemble([row], viewer);
    await this.notifier.newPost({
      thread,
      post: view,
      excerpt: excerpt(rendered.text),
      mentionIds: rendered.mentionIds,
      kind: 'post',
      replyToAuthorId,
      subscriptions,
    });
    return view;
  }

  /** The author edits; the text replaced is kept as a revision for moderators. */
  @Transactional()
  async edit(actor: AuthMember, postId: string, body: string): Promise<PostView> {
    await this.access.post(actor, postId);
    await this.access.assertMayWrite(actor);
    const rendered = await this.views.render(body);
    const { post, thread, space, viewer } = await this.access.post(actor, postId, { lock: true });
    this.assertAuthor(actor, post, 'update');
    if (post.deletedAt || post.hiddenAt) throw ThreadsException.postGone();
    if (thread.lockedAt && !this.abilities.for(actor).can('moderate', space.subject))
      throw ThreadsException.threadLocked();
    if (post.body === body) return (await this.views.build([post], viewer))[0];
    await this.posts.replaceBody(postId, actor.id, {
      body,
      html: rendered.html,
      text: rendered.text,
      mentionIds: rendered.mentionIds,
    });
    const row = (await this.posts.findById(postId))!;
    await this.emitPost(row, 'post.updated');
    const [view] = await this.views.build([row], viewer);
    const newMentions = rendered.mentionIds.filter((id) => !post.mentionIds.includes(id));
    if (newMentions.length > 0) {
      await this.notifier.newPost({
        thread,
        post: view,
        excerpt: excerpt(rendered.text),
        mentionIds: newMentions,
        kind: 'edit',
        replyToAuthorId: null,
        subscriptions: [],
      });
    }
    return view;
  }

  /** Authors delete their own posts within 24 hours; a placeholder keeps the post's place. */
  @Transactional()
  async delete(actor: AuthMember, postId: string): Promise<PostView> {
    const { post, viewer } = await this.access.post(actor, postId, { lock: true });
    if (post.deletedAt) throw ThreadsException.postGone();
    const ability = this.abilities.for(actor);
    const target = postSubject({
      authorId: post.authorId,
      createdAt: new Date(post.createdAt).getTime(),
    });
    if (!ability.can('delete', target)) {
      if (post.authorId === actor.id) throw ThreadsException.deleteWindowPassed();
      throw ThreadsException.forbidden('Only the author may delete a post; moderators hide it');
    }
    await this.posts.softDelete(postId, actor.id);
    const row = (await this.posts.findById(postId))!;
    await this.emitWithThread(row, 'post.deleted', (await this.threads.findById(post.threadId, null))!);
    return (await this.views.build([row], viewer))[0];
  }

  /** Adds my reaction, or takes it back. */
  @Transactional()
  async react(actor: AuthMember, postId: string, emoji: ReactionEmoji): Promise<ReactionsView> {
    const { post } = await this.access.post(actor, postId, { lock: true });
    if (post.deletedAt || post.hiddenAt) throw ThreadsException.postGone();
    const active = await this.posts.toggleReaction(postId, actor.id, emoji);
    const rows = await this.posts.findReactions([postId], actor.id);
    await this.outbox.record(roomName('thread', post.threadId), 'reaction.updated', {
      postId,
      threadId: post.threadId,
      memberId: actor.id,
      emoji,
      active,
      reactions: toReactionCounts(rows.map((r) => ({ ...r, mine: false }))),
    });
    return { postId, threadId: post.threadId, reactions: toReactionCounts(rows) };
  }

  /** Moderators hide a post: it disappears for others; its author sees it with the reason. */
  @Transactional()
  async hide(actor: AuthMember, postId: string, reason: string): Promise<PostView> {
    const { post, thread, viewer } = await this.moderated(actor, postId);
    if (post.deletedAt) throw ThreadsException.postGone();
    if (post.hiddenAt) throw ThreadsException.alreadyHidden();
    await this.posts.setHidden(postId, actor.id, reason);
    const row = (await this.posts.findById(postId))!;
    const publicView = await this.emitWithThread(
      row,
      'post.hidden',
      (await this.threads.findById(post.threadId, null))!,
    );
    if (row.authorId !== actor.id) await this.notifier.postHidden(thread, publicView, reason);
    await this.reportModeration({ action: 'hide', actor, row, reason });
    return (await this.views.build([row], viewer))[0];
  }

  @Transactional()
  async restore(actor: AuthMember, postId: string): Promise<PostView> {
    const { post, viewer } = await this.moderated(actor, postId);
    if (!post.hiddenAt) throw ThreadsException.notHidden();
    await this.posts.clearHidden(postId);
    const row = (await this.posts.findById(postId))!;
    await this.emitWithThread(row, 'post.restored', (await this.threads.findById(post.threadId, null))!);
    await this.reportModeration({ action: 'restore', actor, row, reason: null });
    return (await this.views.build([row], viewer))[0];
  }

  /**
   * Moderation's bulk actions, on posts the caller has checked under their threads' locks: the
   * post and its thread's count change together; the caller sends the events.
   */
  async hideChecked(postId: string, moderatorId: string, reason: string): Promise<void> {
    await this.posts.setHidden(postId, moderatorId, reason);
  }

  async restoreChecked(postId: string): Promise<void> {
    await this.posts.clearHidden(postId);
  }

  /** Any reader flags someone else's post for the moderators, once while the flag is open. */
  @Transactional()
  async flag(actor: AuthMember, postId: string, reason: string): Promise<FlagView> {
    const { post, space } = await this.access.post(actor, postId);
    if (space.space.visibility === 'coaching') throw ThreadsException.coachingFlag();
    if (post.authorId === actor.id) throw ThreadsException.ownPostFlag();
    if (post.deletedAt) throw ThreadsException.postGone();
    const flag = await this.posts.insertFlag(postId, actor.id, reason);
    if (!flag) throw ThreadsException.alreadyFlagged();
    const reporter = (await this.posts.findMemberRefs([actor.id])).get(actor.id) ?? null;
    const view: FlagView = {
      id: flag.id,
      postId,
      threadId: post.threadId,
      spaceId: post.spaceId,
      reason,
      reporter,
      post: {
        number: post.number,
        author: post.authorId
          ? { id: post.authorId, displayName: post.authorName ?? '', organizationName: post.authorOrg }
          : null,
        excerpt: excerpt(post.bodyText),
      },
      createdAt: new Date(flag.createdAt).toISOString(),
    };
    // Every global moderator follows `moderation`; a flag in a space they do not read (a working
    // group's coaching, a twinning's) goes to the admins, who read every space.
    const room = closedToGlobalModerators(space.space.visibility) ? 'admin' : 'moderation';
    await this.outbox.record(room, 'flag.created', view);
    await this.events.emit('threads.flag_created', view);
    return view;
  }

  /** Earlier texts of the post, oldest first: moderators only. */
  async revisions(actor: AuthMember, postId: string): Promise<{ items: PostRevisionView[] }> {
    const { post, space } = await this.access.post(actor, postId);
    if (!this.abilities.for(actor).can('moderate', space.subject))
      throw ThreadsException.forbidden('Only moderators read the edit history');
    return { items: (await this.posts.findRevisions(post.id)).map(toRevisionView) };
  }

  private async moderated(actor: AuthMember, postId: string): Promise<PostAccess> {
    const access = await this.access.post(actor, postId, { lock: true });
    if (!this.abilities.for(actor).can('moderate', access.space.subject))
      throw ThreadsException.forbidden('Only moderators hide and restore posts');
    return access;
  }

  private async reportModeration(e: {
    action: 'hide' | 'restore';
    actor: AuthMember;
    row: PostRecord;
    reason: string | null;
  }): Promise<void> {
    await this.events.emit('threads.moderated', {
      action: e.action,
      moderatorId: e.actor.id,
      targetType: 'post',
      targetId: e.row.id,
      memberId: e.row.authorId,
      spaceId: e.row.spaceId,
      reason: e.reason,
    });
  }

  private assertAuthor(actor: AuthMember, post: PostRecord, action: 'update'): void {
    const target = postSubject({ authorId: post.authorId, createdAt: new Date(post.createdAt).getTime() });
    if (!this.abilities.for(actor).can(action, target)) {
      throw ThreadsException.forbidden('Only the author may edit a post');
    }
  }

  /** Records a post event with the post as any reader sees it; returns that view. */
  private async publicView(row: PostRecord | PostWithReactions): Promise<PostView> {
    const [view] =
      'reactions' in row
        ? await this.views.assemble([row], PUBLIC_VIEWER)
        : await this.views.build([row], PUBLIC_VIEWER);
    return view;
  }

  private async emitPost(row: PostRecord | PostWithReactions, type: PostEventType): Promise<PostView> {
    const view = await this.publicView(row);
    await this.outbox.record(roomName('thread', row.threadId), type, view);
    return view;
  }

  /**
   * A change to a post that changes its thread's count or last post: the post to the thread's room
   * and the thread (lists follow counts and last activity) to its space's room, in one statement.
   */
  private async emitWithThread(
    row: PostRecord | PostWithReactions,
    type: PostEventType,
    thread: ThreadRecord,
  ): Promise<PostView> {
    const view = await this.publicView(row);
    await this.outbox.recordAll([
      { room: roomName('thread', row.threadId), type, data: view },
      { room: roomName('space', thread.spaceId), type: 'thread.updated', data: toThreadView(thread, null) },
    ]);
    return view;
  }
}
