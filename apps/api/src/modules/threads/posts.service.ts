import { Injectable } from '@nestjs/common';
import { Transactional } from '../../database/transactional';
import {
  roomName,
  type FlagView,
  type Page,
  type PostRevisionView,
  type PostView,
  type ReactionEmoji,
  type ReactionsView,
  type ThreadView,
} from '@convergo/contracts';
import { decodeKeyset, encodeCursor } from '../../common/cursor';
import type { PageQueryDto } from '../../common/pagination.dto';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { EventOutbox } from '../realtime/event-outbox';
import { DomainEvents } from '../../common/domain-events/domain-events';
import type { CreatePostDto } from './dto/post.dto';
import { excerpt } from './markdown/post-renderer';
import { PostViews } from './post-views';
import { PostsRepository, type PostRow } from './posts.repository';
import { ThreadAccessService, type PostAccess } from './thread-access.service';
import { ThreadNotifier } from './thread-notifier';
import { ThreadsException } from './threads.exception';
import { PUBLIC_VIEWER, toReactionCounts, toRevisionView, toThreadView } from './threads.mapper';
import { postSubject } from './threads.policy';
import { ThreadsRepository } from './threads.repository';

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
    const { viewer } = await this.access.thread(actor, threadId);
    const [after] = query.cursor ? decodeKeyset(query.cursor, ['int']) : [0];
    const rows = await this.posts.findPage(
      threadId,
      { id: actor.id, canModerate: viewer.canModerate },
      after,
      query.limit + 1,
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: await this.views.build(page, viewer),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.number]) : null,
    };
  }

  async get(actor: AuthMember, postId: string): Promise<PostView> {
    const { post, viewer } = await this.access.post(actor, postId);
    const [view] = await this.views.build([post], viewer);
    return view;
  }

  @Transactional()
  async create(actor: AuthMember, threadId: string, dto: CreatePostDto): Promise<PostView> {
    await this.access.thread(actor, threadId);
    await this.access.assertMayWrite(actor);
    const rendered = await this.views.render(dto.body);
    const { thread, space, viewer } = await this.access.thread(actor, threadId, { lock: true });
    if (thread.locked_at && !space.canModerate) throw ThreadsException.threadLocked();
    let replyToAuthorId: string | null = null;
    if (dto.replyToId) {
      const quoted = await this.posts.findInThread(threadId, dto.replyToId);
      if (!quoted) throw ThreadsException.notInThread('replyToId');
      if (quoted.gone) throw ThreadsException.postGone();
      replyToAuthorId = quoted.author_id;
    }
    const number = await this.threads.nextPostNumber(threadId);
    const postId = await this.posts.insert({
      threadId,
      number,
      authorId: actor.id,
      body: dto.body,
      html: rendered.html,
      text: rendered.text,
      searchTitle: null,
      replyToId: dto.replyToId ?? null,
      mentionIds: rendered.mentionIds,
    });
    await this.threads.markRead(threadId, actor.id, number);
    const row = (await this.posts.findById(postId))!;
    await this.emitPost(row, 'post.created');
    await this.emitThreadUpdated(threadId);
    const [view] = await this.views.build([row], viewer);
    await this.notifier.newPost({
      thread,
      post: view,
      excerpt: excerpt(rendered.text),
      mentionIds: rendered.mentionIds,
      kind: 'post',
      replyToAuthorId,
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
    if (post.deleted_at || post.hidden_at) throw ThreadsException.postGone();
    if (thread.locked_at && !space.canModerate) throw ThreadsException.threadLocked();
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
    const newMentions = rendered.mentionIds.filter((id) => !post.mention_ids.includes(id));
    if (newMentions.length > 0) {
      await this.notifier.newPost({
        thread,
        post: view,
        excerpt: excerpt(rendered.text),
        mentionIds: newMentions,
        kind: 'edit',
        replyToAuthorId: null,
      });
    }
    return view;
  }

  /** Authors delete their own posts within 24 hours; a placeholder keeps the post's place. */
  @Transactional()
  async delete(actor: AuthMember, postId: string): Promise<PostView> {
    const { post, viewer } = await this.access.post(actor, postId, { lock: true });
    if (post.deleted_at) throw ThreadsException.postGone();
    const ability = this.abilities.for(actor);
    const target = postSubject({
      authorId: post.author_id,
      createdAt: new Date(post.created_at).getTime(),
    });
    if (!ability.can('delete', target)) {
      if (post.author_id === actor.id) throw ThreadsException.deleteWindowPassed();
      throw ThreadsException.forbidden('Only the author may delete a post; moderators hide it');
    }
    await this.posts.softDelete(postId, actor.id);
    const row = (await this.posts.findById(postId))!;
    await this.emitPost(row, 'post.deleted');
    await this.emitThreadUpdated(post.thread_id);
    return (await this.views.build([row], viewer))[0];
  }

  /** Adds my reaction, or takes it back. */
  @Transactional()
  async react(actor: AuthMember, postId: string, emoji: ReactionEmoji): Promise<ReactionsView> {
    const { post } = await this.access.post(actor, postId, { lock: true });
    if (post.deleted_at || post.hidden_at) throw ThreadsException.postGone();
    const active = await this.posts.toggleReaction(postId, actor.id, emoji);
    const rows = await this.posts.findReactions([postId], actor.id);
    await this.outbox.record(roomName('thread', post.thread_id), 'reaction.updated', {
      postId,
      threadId: post.thread_id,
      memberId: actor.id,
      emoji,
      active,
      reactions: toReactionCounts(rows.map((r) => ({ ...r, mine: false }))),
    });
    return { postId, threadId: post.thread_id, reactions: toReactionCounts(rows) };
  }

  /** Moderators hide a post: it disappears for others; its author sees it with the reason. */
  @Transactional()
  async hide(actor: AuthMember, postId: string, reason: string): Promise<PostView> {
    const { post, thread, viewer } = await this.moderated(actor, postId);
    if (post.deleted_at) throw ThreadsException.postGone();
    if (post.hidden_at) throw ThreadsException.alreadyHidden();
    await this.posts.setHidden(postId, actor.id, reason);
    const row = (await this.posts.findById(postId))!;
    const publicView = await this.emitPost(row, 'post.hidden');
    await this.emitThreadUpdated(post.thread_id);
    if (row.author_id !== actor.id) await this.notifier.postHidden(thread, publicView, reason);
    await this.reportModeration({ action: 'hide', actor, row, reason });
    return (await this.views.build([row], viewer))[0];
  }

  @Transactional()
  async restore(actor: AuthMember, postId: string): Promise<PostView> {
    const { post, viewer } = await this.moderated(actor, postId);
    if (!post.hidden_at) throw ThreadsException.notHidden();
    await this.posts.clearHidden(postId);
    const row = (await this.posts.findById(postId))!;
    await this.emitPost(row, 'post.restored');
    await this.emitThreadUpdated(post.thread_id);
    await this.reportModeration({ action: 'restore', actor, row, reason: null });
    return (await this.views.build([row], viewer))[0];
  }

  /** Any reader flags someone else's post for the moderators, once while the flag is open. */
  @Transactional()
  async flag(actor: AuthMember, postId: string, reason: string): Promise<FlagView> {
    const { post } = await this.access.post(actor, postId);
    if (post.author_id === actor.id) throw ThreadsException.ownPostFlag();
    if (post.deleted_at) throw ThreadsException.postGone();
    const flag = await this.posts.insertFlag(postId, actor.id, reason);
    if (!flag) throw ThreadsException.alreadyFlagged();
    const reporter = (await this.posts.findMemberRefs([actor.id])).get(actor.id) ?? null;
    const view: FlagView = {
      id: flag.id,
      postId,
      threadId: post.thread_id,
      spaceId: post.space_id,
      reason,
      reporter,
      post: {
        number: post.number,
        author: post.author_id
          ? { id: post.author_id, displayName: post.author_name ?? '', organizationName: post.author_org }
          : null,
        excerpt: excerpt(post.body_text),
      },
      createdAt: new Date(flag.created_at).toISOString(),
    };
    await this.outbox.record('moderation', 'flag.created', view);
    await this.events.emit('threads.flag_created', view);
    return view;
  }

  /** Earlier texts of the post, oldest first: moderators only. */
  async revisions(actor: AuthMember, postId: string): Promise<{ items: PostRevisionView[] }> {
    const { post, space } = await this.access.post(actor, postId);
    if (!space.canModerate) throw ThreadsException.forbidden('Only moderators read the edit history');
    return { items: (await this.posts.findRevisions(post.id)).map(toRevisionView) };
  }

  private async moderated(actor: AuthMember, postId: string): Promise<PostAccess> {
    const access = await this.access.post(actor, postId, { lock: true });
    if (!access.space.canModerate) throw ThreadsException.forbidden('Only moderators hide and restore posts');
    return access;
  }

  private async reportModeration(e: {
    action: 'hide' | 'restore';
    actor: AuthMember;
    row: PostRow;
    reason: string | null;
  }): Promise<void> {
    await this.events.emit('threads.moderated', {
      action: e.action,
      moderatorId: e.actor.id,
      targetType: 'post',
      targetId: e.row.id,
      memberId: e.row.author_id,
      spaceId: e.row.space_id,
      reason: e.reason,
    });
  }

  private assertAuthor(actor: AuthMember, post: PostRow, action: 'update'): void {
    const target = postSubject({ authorId: post.author_id, createdAt: new Date(post.created_at).getTime() });
    if (!this.abilities.for(actor).can(action, target)) {
      throw ThreadsException.forbidden('Only the author may edit a post');
    }
  }

  /** Records a post event with the post as any reader sees it; returns that view. */
  private async emitPost(row: PostRow, type: PostEventType): Promise<PostView> {
    const [view] = await this.views.build([row], PUBLIC_VIEWER);
    await this.outbox.record(roomName('thread', row.thread_id), type, view);
    return view;
  }

  /** Lists in the space follow counts and last activity. */
  private async emitThreadUpdated(threadId: string): Promise<ThreadView> {
    const row = (await this.threads.findById(threadId, null))!;
    const view = toThreadView(row, null);
    await this.outbox.record(roomName('space', row.space_id), 'thread.updated', view);
    return view;
  }
}
