import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  REACTION_EMOJIS,
  REASON_MAX_LENGTH,
  type ReactionEmoji,
  type ThreadSubscriptionLevel,
} from '@convergo/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { BodyField } from './fields';

export class CreatePostDto {
  @BodyField()
  body: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The post of the same thread this one replies to (quoted)',
  })
  @IsOptional()
  @IsUUID('all')
  replyToId?: string;
}

export class UpdatePostDto {
  @BodyField()
  body: string;
}

export class ReactionDto {
  @ApiProperty({ enum: REACTION_EMOJIS })
  @IsIn(REACTION_EMOJIS)
  emoji: ReactionEmoji;
}

export class ReasonDto {
  @ApiProperty({ maxLength: REASON_MAX_LENGTH })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, REASON_MAX_LENGTH)
  reason: string;
}

export class MarkReadDto {
  @ApiProperty({ format: 'uuid', description: 'The last post read (the marker never moves back)' })
  @IsUUID('all')
  postId: string;
}

export class ThreadSubscriptionDto {
  @ApiPropertyOptional({ enum: ['watching', 'muted'], default: 'watching' })
  @IsOptional()
  @IsIn(['watching', 'muted'])
  level?: ThreadSubscriptionLevel;
}
