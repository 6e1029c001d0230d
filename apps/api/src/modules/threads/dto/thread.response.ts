import { ApiProperty } from '@nestjs/swagger';
import {
  type FlagView,
  type MutedThreadView,
  type PostRevisionView,
  type PostView,
  type QuotedPost,
  REACTION_EMOJIS,
  type ReactionCount,
  type ReactionEmoji,
  type ReactionsView,
  type SearchHit,
  type ThreadReadView,
  type ThreadSubscriptionLevel,
  type ThreadSubscriptionView,
  type ThreadView,
  type ThreadViewerState,
  type ThreadWithFirstPost,
} from '@convergo/contracts';
import { MemberRefResponse } from '../../../common/openapi';

const SUBSCRIPTION_LEVELS: ThreadSubscriptionLevel[] = ['watching', 'muted'];

export class ThreadViewerResponse implements ThreadViewerState {
  @ApiProperty() unreadCount: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) lastReadPostId: string | null;
  @ApiProperty({ enum: SUBSCRIPTION_LEVELS, nullable: true }) subscription: ThreadSubscriptionLevel | null;
  @ApiProperty() canModerate: boolean;
}

export class LastPostResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() number: number;
  @ApiProperty({ type: MemberRefResponse, nullable: true }) author: MemberRefResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ThreadResponse implements ThreadView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) spaceId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: MemberRefResponse, nullable: true }) author: MemberRefResponse | null;
  @ApiProperty() pinned: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) pinnedAt: string | null;
  @ApiProperty() locked: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lockedAt: string | null;
  @ApiProperty({ description: 'Visible posts, the first one included' }) postCount: number;
  @ApiProperty({ format: 'date-time' }) lastActivityAt: string;
  @ApiProperty({ type: LastPostResponse, nullable: true }) lastPost: LastPostResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: ThreadViewerResponse, nullable: true, description: 'The asker; null in events' })
  viewer: ThreadViewerResponse | null;
}

export class ReactionCountResponse implements ReactionCount {
  @ApiProperty({ enum: REACTION_EMOJIS }) emoji: ReactionEmoji;
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Whether the asker reacted so' }) mine: boolean;
}

/** A post as quotes, flags and the moderation queue show it. */
export class PostExcerptResponse {
  @ApiProperty() number: number;
  @ApiProperty({ type: MemberRefResponse, nullable: true }) author: MemberRefResponse | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null once deleted or hidden' })
  excerpt: string | null;
}

export class QuotedPostResponse extends PostExcerptResponse implements QuotedPost {
  @ApiProperty({ format: 'uuid' }) id: string;
}

export class PostHiddenResponse {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true, description: 'For the author and moderators' })
  reason: string | null;
}

export class PostResponse implements PostView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) threadId: string;
  @ApiProperty({ format: 'uuid' }) spaceId: string;
  @ApiProperty({ description: '1 for the first post' }) number: number;
  @ApiProperty({ type: MemberRefResponse, nullable: true }) author: MemberRefResponse | null;
  @ApiProperty({ type: String, nullable: true, description: 'Markdown; null when deleted or hidden' })
  body: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Sanitised HTML' }) bodyHtml: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) replyToId: string | null;
  @ApiProperty({ type: QuotedPostResponse, nullable: true }) replyTo: QuotedPostResponse | null;
  @ApiProperty({ type: [MemberRefResponse] }) mentions: MemberRefResponse[];
  @ApiProperty({ type: [ReactionCountResponse] }) reactions: ReactionCountResponse[];
  @ApiProperty() editCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) editedAt: string | null;
  @ApiProperty() deleted: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deletedAt: string | null;
  @ApiProperty({ type: PostHiddenResponse, nullable: true }) hidden: PostHiddenResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ThreadWithFirstPostResponse extends ThreadResponse implements ThreadWithFirstPost {
  @ApiProperty({ type: PostResponse }) firstPost: PostResponse;
}

export class PostRevisionResponse implements PostRevisionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) postId: string;
  @ApiProperty({ description: '1 for the original text' }) revision: number;
  @ApiProperty() body: string;
  @ApiProperty({ type: MemberRefResponse, nullable: true }) editedBy: MemberRefResponse | null;
  @ApiProperty({ format: 'date-time' }) replacedAt: string;
}

export class ReactionsResponse implements ReactionsView {
  @ApiProperty({ format: 'uuid' }) postId: string;
  @ApiProperty({ format: 'uuid' }) threadId: string;
  @ApiProperty({ type: [ReactionCountResponse] }) reactions: ReactionCountResponse[];
}

export class ThreadSubscriptionResponse implements ThreadSubscriptionView {
  @ApiProperty({ format: 'uuid' }) threadId: string;
  @ApiProperty({ enum: SUBSCRIPTION_LEVELS, nullable: true }) level: ThreadSubscriptionLevel | null;
}

export class ThreadReadResponse implements ThreadReadView {
  @ApiProperty({ format: 'uuid' }) threadId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) lastReadPostId: string | null;
  @ApiProperty() unreadCount: number;
}

export class FlagResponse implements FlagView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) postId: string;
  @ApiProperty({ format: 'uuid' }) threadId: string;
  @ApiProperty({ format: 'uuid' }) spaceId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: MemberRefResponse, nullable: true }) reporter: MemberRefResponse | null;
  @ApiProperty({ type: PostExcerptResponse }) post: PostExcerptResponse;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SearchHitResponse implements SearchHit {
  @ApiProperty({ type: ThreadResponse }) thread: ThreadResponse;
  @ApiProperty({ type: PostResponse }) post: PostResponse;
  @ApiProperty({ description: 'Plain text with the matches in `<mark>`, the rest escaped' }) snippet: string;
}

export class MutedThreadResponse implements MutedThreadView {
  @ApiProperty({ format: 'uuid' }) threadId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid' }) spaceId: string;
  @ApiProperty() spaceName: string;
  @ApiProperty({ format: 'date-time' }) mutedAt: string;
}
