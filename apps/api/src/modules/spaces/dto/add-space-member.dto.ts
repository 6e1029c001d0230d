import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SPACE_ROLES, type SpaceRole } from '@convergo/contracts';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class AddSpaceMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  memberId: string;

  @ApiPropertyOptional({
    enum: SPACE_ROLES,
    default: 'member',
    description: 'moderator: a space moderator (admins only)',
  })
  @IsOptional()
  @IsIn(SPACE_ROLES)
  role?: SpaceRole;
}
