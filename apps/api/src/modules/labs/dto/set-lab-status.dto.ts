import { ApiProperty } from '@nestjs/swagger';
import { LAB_STATUSES, type LabStatus, type SetLabStatusInput } from '@convergo/contracts';
import { IsIn } from 'class-validator';

export class SetLabStatusDto implements SetLabStatusInput {
  @ApiProperty({
    enum: LAB_STATUSES,
    description: 'Allowed moves: LAB_STATUS_TRANSITIONS in @convergo/contracts',
  })
  @IsIn(LAB_STATUSES)
  status: LabStatus;
}
