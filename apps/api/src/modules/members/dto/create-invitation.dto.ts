import { ApiProperty } from '@nestjs/swagger';
import { MEMBER_ROLES, type MemberRole } from '@convergo/contracts';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsUUID, MaxLength } from 'class-validator';

export const normalizeEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class CreateInvitationDto {
  @ApiProperty({ example: 'giulia.bianchi@comune.napoli.it' })
  @Transform(normalizeEmail)
  @MaxLength(254)
  @IsEmail()
  email: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organizationId: string;

  @ApiProperty({ enum: MEMBER_ROLES, description: 'Referents may invite officials (member) only' })
  @IsIn(MEMBER_ROLES)
  role: MemberRole;
}
