import { ApiProperty } from '@nestjs/swagger';
import {
  MODERATION_ACTIONS,
  MODERATION_LOG_ACTIONS,
  type FlagQueueItem,
  type ModerationAction,
  type ModerationActionResult,
  type ModerationItemResult,
  type ModerationLogAction,
  type ModerationLogEntry,
  type ModerationScopeView,
  type SuspensionView,
  type ThreadMergedEvent,
  type ThreadMergeView,
  type ThreadMovedEvent,
  type WarningView,
} from '@convergo/contracts';
import { MemberRefResponse } from '../../../common/openapi';
import { PostExcerptResponse, ThreadResponse } from '../../threads/dto/thread.response';

export class ModerationScopeResponse implements ModerationScopeView {
  @ApiProperty({ description: 'Global moderators and admins' }) everySpace: boolean;
  @ApiProperty({ type: [String], description: 'Spaces I moderate as a space moderator' }) spaceIds: string[];
}

export class QueuedPostResponse extends PostExcerptResponse {
  @ApiProperty() declare excerpt: string;
  @ApiProperty() hidden: boolean;
  @ApiProperty() deleted: boolean;
}

export class FlagReasonResponse {
  @ApiProperty() reason: string;
  @ApiProperty({ type: MemberRefResponse, nullable: true }) reporter: MemberRefResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class FlagQueueItemResponse implements FlagQueueItem {
  @ApiProperty({ format: 'uuid' }) postId: string;
  @ApiProperty({ format: 'uuid' }) threadId: string;
  @ApiProperty() threadTitle: string;
  @ApiProperty({ format: 'uuid' }) spaceId: string;
  @ApiProperty({ type: QueuedPostResponse }) post: QueuedPostResponse;
  @ApiProperty() flagCount: number;
  @ApiProperty({ type: [FlagReasonResponse] }) reasons: FlagReasonResponse[];
  @ApiProperty({ format: 'date-time' }) firstFlaggedAt: string;
  @ApiProperty({ format: 'date-time' }) lastFlaggedAt: string;
  @ApiProperty({ type: String, nullable: true, example: 'hidden' }) resolution: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt: string | null;
}

export class ModerationItemResultResponse implements ModerationItemResult {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['changed', 'unchanged'] }) status: 'changed' | 'unchanged';
}

export class ModerationActionResultResponse implements ModerationActionResult {
  @ApiProperty({ enum: MODERATION_ACTIONS }) action: ModerationAction;
  @ApiProperty({ type: [ModerationItemResultResponse] }) results: ModerationItemResultResponse[];
}

export class ThreadMovedResponse implements ThreadMovedEvent {
  @ApiProperty({ type: ThreadResponse }) thread: ThreadResponse;
  @ApiProperty({ format: 'uuid' }) fromSpaceId: string;
  @ApiProperty({ format: 'uuid' }) toSpaceId: string;
}

export class ThreadMergedResponse implements ThreadMergedEvent {
  @ApiProperty({ format: 'uuid' }) sourceThreadId: string;
  @ApiProperty({ type: ThreadResponse }) target: ThreadResponse;
  @ApiProperty({ type: [String] }) movedPostIds: string[];
}

export class ThreadMergeResponse implements ThreadMergeView {
  @ApiProperty({ format: 'uuid' }) sourceThreadId: string;
  @ApiProperty({ format: 'uuid' }) targetThreadId: string;
  @ApiProperty({ type: ThreadResponse, nullable: true, description: 'Null when I may not read it' })
  target: ThreadResponse | null;
}

export class WarningResponse implements WarningView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SuspensionResponse implements SuspensionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endsAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) liftedAt: string | null;
}

export class ModerationLogEntryResponse implements ModerationLogEntry {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MODERATION_LOG_ACTIONS }) action: ModerationLogAction;
  @ApiProperty({ type: MemberRefResponse, nullable: true }) moderator: MemberRefResponse | null;
  @ApiProperty({ enum: ['post', 'thread', 'member'] }) targetType: 'post' | 'thread' | 'member';
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ type: MemberRefResponse, nullable: true }) member: MemberRefResponse | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) spaceId: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<
    string,
    string | number | boolean | null
  >;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
