import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LAB_APPLICATION_LIMITS } from '@convergo/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS, trimString } from '../../../common/text-rules';

export class CreateLabApplicationDto {
  @ApiProperty({ format: 'uuid', description: 'The applying administration (the referent’s own)' })
  @IsUUID('all', { message: 'must be a UUID' })
  organizationId: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: LAB_APPLICATION_LIMITS.members,
    description: 'Active officials of that administration',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LAB_APPLICATION_LIMITS.members)
  @IsUUID('all', { each: true, message: 'must be UUIDs' })
  @ArrayUnique((id: string) => String(id).toLowerCase(), { message: 'must not repeat a member' })
  memberIds: string[];

  @ApiPropertyOptional({ maxLength: LAB_APPLICATION_LIMITS.motivation })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(LAB_APPLICATION_LIMITS.motivation)
  @Matches(NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS, { message: 'must not contain control characters' })
  motivation?: string;
}
