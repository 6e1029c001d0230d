import { Injectable } from '@nestjs/common';
import type { NotificationKind, PostView } from '@convergo/contracts';
import { NotificationsService } from '../notifications/notifications.service';
import { SpacesService } from '../spaces/spaces.service';
import type { ThreadMeta, ThreadSubscriptionRecord } from './threads.repository';

export interface NewPostEvent {
  thread: ThreadMeta;
  /** The post as its author sees it. */
  post: PostView;
  /** Plain-text excerpt of the post. */
  excerpt: string;
  /** Members mentioned for the first time by this write. */
  mentionIds: readonly string[];
  /** new thread, new reply, or an edit (only new mentions are told). */
  kind: 'thread' | 'post' | 'edit';
  /** Author of the quoted post, for replies. */
  replyToAuthorId: string | null;
  /** The thread's watchers and muters, read with the thread's lock (only replies tell them). */
  subscriptions: readonly ThreadSubscriptionRecord[];
}

/**
 * Who hears about a new post, one notification each, the strongest reason winning: a mention,
 * then a reply to your post, a reply in your thread, a post in a thread you watch or a thread in
 * a space you follow. Never the author; nobody who muted the thread (except for mentions);
 * nobody who cannot read the space.
 */
@Injectable()
export class ThreadNotifier {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly spaces: SpacesService,
  ) {}

  async newPost(event: NewPostEvent): Promise<void> {
    const authorId = event.post.author?.id ?? null;
    const recipients = new Map<string, NotificationKind>();
    const put = (memberId: string | null, kind: NotificationKind) => {
      if (memberId && memberId !== authorId && !recipients.has(memberId)) recipients.set(memberId, kind);
    };
    for (const id of event.mentionIds) put(id, 'mention');
    const subscriptions = event.kind === 'post' ? event.subscriptions : [];
    if (event.kind === 'post') {
      put(event.replyToAuthorId, 'post_reply');
      put(event.thread.authorId, 'thread_reply');
      for (const s of subscriptions) if (s.level === 'watching') put(s.memberId, 'thread_post');
    } else if (event.kind === 'thread') {
      for (const id of await this.spaces.findFollowers(event.thread.spaceId)) put(id, 'space_thread');
    }
    for (const s of subscriptions) {
      if (s.level === 'muted' && recipients.get(s.memberId) !== 'mention') recipients.delete(s.memberId);
    }
    if (recipients.size === 0) return;
    const readers = await this.spaces.filterReaders(event.thread.spaceId, [...recipients.keys()]);
    for (const [memberId, kind] of recipients) {
      if (!readers.has(memberId)) continue;
      await this.notifications.notify({
        memberId,
        kind,
        data: {
          threadId: event.thread.id,
          threadTitle: event.thread.title,
          spaceId: event.thread.spaceId,
          postId: event.post.id,
          postNumber: event.post.number,
          authorId,
          authorName: event.post.author?.displayName ?? null,
          excerpt: event.excerpt,
        },
        link: `/discussioni/${event.thread.id}#post-${event.post.number}`,
      });
    }
  }

  /** Tells the author that a moderator hid their post, and why. */
  async postHidden(thread: ThreadMeta, post: PostView, reason: string): Promise<void> {
    if (!post.author) return;
    await this.notifications.notify({
      memberId: post.author.id,
      kind: 'post_hidden',
      data: {
        threadId: thread.id,
        threadTitle: thread.title,
        spaceId: thread.spaceId,
        postId: post.id,
        postNumber: post.number,
        reason,
      },
      link: `/discussioni/${thread.id}#post-${post.number}`,
    });
  }
}
