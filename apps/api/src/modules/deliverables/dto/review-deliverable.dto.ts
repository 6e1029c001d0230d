import { ApiProperty } from '@nestjs/swagger';
import {
  DELIVERABLE_LIMITS,
  DELIVERABLE_REVIEW_DECISIONS,
  type DeliverableReviewDecision,
} from '@convergo/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS, NOT_BLANK, trimString } from '../../../common/text-rules';

export class ReviewDeliverableDto {
  @ApiProperty({ enum: DELIVERABLE_REVIEW_DECISIONS })
  @IsIn(DELIVERABLE_REVIEW_DECISIONS)
  decision: DeliverableReviewDecision;

  @ApiProperty({
    maxLength: DELIVERABLE_LIMITS.comment,
    description: 'The round’s feedback; remarks on passages go as anchored comments on the document',
  })
  @Transform(trimString)
  @IsString()
  @Length(1, DELIVERABLE_LIMITS.comment)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  @Matches(NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS, { message: 'must not contain control characters' })
  comment: string;
}
