import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  MODERATION_ACTIONS,
  MODERATION_MAX_ITEMS,
  REASON_MAX_LENGTH,
  type FlagStatus,
  type ModerationAction,
} from '@convergo/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination.dto';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class ModerationReasonDto {
  @ApiProperty({ maxLength: REASON_MAX_LENGTH })
  @Transform(trim)
  @IsString()
  @Length(1, REASON_MAX_LENGTH)
  reason: string;
}

export class ModerationActionDto extends ModerationReasonDto {
  @ApiProperty({ enum: MODERATION_ACTIONS })
  @IsIn(MODERATION_ACTIONS)
  action: ModerationAction;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MODERATION_MAX_ITEMS,
    description: 'hide, restore, dismiss',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MODERATION_MAX_ITEMS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  postIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MODERATION_MAX_ITEMS,
    description: 'lock, unlock',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MODERATION_MAX_ITEMS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  threadIds?: string[];
}

export class FlagQueueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'resolved'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status: FlagStatus = 'open';

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this space' })
  @IsOptional()
  @IsUUID('all')
  space?: string;
}

export class ModerationLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Actions by this moderator' })
  @IsOptional()
  @IsUUID('all')
  moderator?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Actions concerning this member' })
  @IsOptional()
  @IsUUID('all')
  member?: string;
}

export class MoveThreadDto extends ModerationReasonDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  spaceId: string;
}

export class MergeThreadDto extends ModerationReasonDto {
  @ApiProperty({ format: 'uuid', description: 'The thread that receives the posts' })
  @IsUUID('all')
  targetThreadId: string;
}

export class SuspendMemberDto extends ModerationReasonDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'When it ends; omitted: until lifted' })
  @IsOptional()
  @IsDateString({ strict: true })
  until?: string;
}
