import { Injectable } from '@nestjs/common';
import type { MemberRef } from '@convergo/contracts';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import type { RoomAccess } from '../realtime/room-authorizer';
import { SpacesService, type SpaceAccess, type SpaceAccessRecord } from '../spaces/spaces.service';
import { PostsRepository, type PostRecord } from './posts.repository';
import { SuspensionsRepository } from './suspensions.repository';
import { ThreadsException } from './threads.exception';
import type { Viewer } from './threads.mapper';
import { ThreadsRepository, type ThreadMeta, type ThreadSubscriptionRecord } from './threads.repository';

export interface ThreadAccess {
  thread: ThreadMeta;
  space: SpaceAccess;
  viewer: Viewer;
}

/** A thread locked for a reply: its subscriptions read with it. */
export interface PostingAccess extends ThreadAccess {
  subscriptions: ThreadSubscriptionRecord[];
}

export interface PostAccess extends ThreadAccess {
  post: PostRecord;
}

/**
 * Threads and posts are read by whoever may read their space, and moderated by whoever may
 * moderate it: the one place that resolves a thread or post to the space rules.
 */
@Injectable()
export class ThreadAccessService {
  constructor(
    private readonly threads: ThreadsRepository,
    private readonly posts: PostsRepository,
    private readonly spaces: SpacesService,
    private readonly suspensions: SuspensionsRepository,
    private readonly abilities: AbilityFactory,
  ) {}

  /** The member looking at posts and threads of the space (views ask CASL whether they moderate it). */
  viewer(actor: AuthMember, space: SpaceAccess): Viewer {
    return { id: actor.id, rights: { ability: this.abilities.for(actor), space: space.subject } };
  }

  /** 404 when the thread does not exist, 403 when its space is private to others. */
  async thread(actor: AuthMember, threadId: string, options: { lock?: boolean } = {}): Promise<ThreadAccess> {
    const found = options.lock
      ? await this.threads.lockMeta(threadId, actor.id)
      : await this.threads.findMeta(threadId, actor.id);
    if (!found) throw ThreadsException.threadNotFound();
    const { space, ...thread } = found;
    return this.ofThread(actor, thread, space);
  }

  /**
   * The thread locked for the member's reply: 403 when they are suspended, 404 when the thread
   * does not exist, 403 when its space is private to others. One statement for the lock and the
   * suspension (assertMayWrite's rule).
   */
  async threadForPosting(actor: AuthMember, threadId: string): Promise<PostingAccess> {
    const found = await this.threads.lockForPosting(threadId, actor.id);
    if (!found) {
      await this.assertMayWrite(actor);
      throw ThreadsException.threadNotFound();
    }
    const { suspended, suspendedUntil, subscriptions, space, ...thread } = found;
    if (suspended) throw ThreadsException.suspended(suspendedUntil ? new Date(suspendedUntil) : null);
    return { ...(await this.ofThread(actor, thread, space)), subscriptions };
  }

  /**
   * The same check for a thread read already (403 when its space is private to others), on its
   * space as the thread's statement read it (`spaceAccessJson`).
   */
  async ofThread(actor: AuthMember, thread: ThreadMeta, read: SpaceAccessRecord): Promise<ThreadAccess> {
    const space = await this.spaces.readableFrom(actor, read);
    return { thread, space, viewer: this.viewer(actor, space) };
  }

  /**
   * 404 when the post does not exist, or is hidden from this member (hidden posts exist only for
   * their author and moderators), 403 when its space is private to others.
   */
  async post(actor: AuthMember, postId: string, options: { lock?: boolean } = {}): Promise<PostAccess> {
    const found = await this.posts.findById(postId);
    if (!found) throw ThreadsException.postNotFound();
    const access = await this.thread(actor, found.threadId, options);
    // Re-read once the thread is locked, so the post is current in this transaction.
    const post = options.lock ? ((await this.posts.findById(postId)) ?? found) : found;
    if (
      post.hiddenAt &&
      post.authorId !== actor.id &&
      !this.abilities.for(actor).can('moderate', access.space.subject)
    ) {
      throw ThreadsException.postNotFound();
    }
    return { ...access, post };
  }

  /** Suspended members read but do not write. */
  async assertMayWrite(actor: AuthMember): Promise<void> {
    const suspension = await this.suspensions.findActive(actor.id);
    if (suspension) throw ThreadsException.suspended(suspension.endsAt ? new Date(suspension.endsAt) : null);
  }

  /** The room policy of `thread:<id>`: whoever may read the thread's space. */
  async roomAccess(actor: AuthMember, threadId: string): Promise<RoomAccess> {
    const thread = await this.threads.findMeta(threadId, actor.id);
    if (!thread) return 'not_found';
    return this.spaces.roomAccessFrom(actor, thread.space);
  }

  /** How threads show a member (for presence signals). */
  async memberRef(memberId: string): Promise<MemberRef | undefined> {
    return (await this.posts.findMemberRefs([memberId])).get(memberId);
  }
}
