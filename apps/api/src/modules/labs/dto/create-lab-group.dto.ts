import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LAB_GROUP_MAX_INITIAL_MEMBERS, LAB_GROUP_NAME_MAX_LENGTH } from '@convergo/contracts';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Length } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateLabGroupDto {
  @ApiProperty({ example: 'Gruppo Quadro logico', maxLength: LAB_GROUP_NAME_MAX_LENGTH })
  @Transform(trim)
  @IsString()
  @Length(1, LAB_GROUP_NAME_MAX_LENGTH)
  name: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: LAB_GROUP_MAX_INITIAL_MEMBERS,
    description: 'Participants or tutors of the lab',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LAB_GROUP_MAX_INITIAL_MEMBERS)
  @IsUUID('all', { each: true })
  memberIds?: string[];
}
