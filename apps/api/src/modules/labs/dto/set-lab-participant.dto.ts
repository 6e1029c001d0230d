import { ApiProperty } from '@nestjs/swagger';
import { LAB_ROLES, type LabRole } from '@convergo/contracts';
import { IsIn } from 'class-validator';

export class SetLabParticipantDto {
  @ApiProperty({ enum: LAB_ROLES, description: 'tutor: appointed by administrators only' })
  @IsIn(LAB_ROLES)
  role: LabRole;
}
