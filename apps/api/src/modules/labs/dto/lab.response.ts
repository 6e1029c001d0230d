import { ApiProperty } from '@nestjs/swagger';
import {
  LAB_AMBITI,
  LAB_ROLES,
  LAB_STATUSES,
  type LabAmbito,
  type LabStatus,
  type LabGroupMemberView,
  type LabGroupView,
  type LabParticipantView,
  type LabRole,
  type LabView,
} from '@convergo/contracts';
import { MemberRefResponse } from '../../../common/openapi';

export class LabResponse implements LabView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) programmeId: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ enum: LAB_AMBITI }) ambito: LabAmbito;
  @ApiProperty() description: string;
  @ApiProperty() objectives: string;
  @ApiProperty() expectedResults: string;
  @ApiProperty() targetAdministrations: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Places for participants; null: unlimited' })
  capacity: number | null;
  @ApiProperty({ enum: LAB_STATUSES }) status: LabStatus;
  @ApiProperty({ type: [String], description: 'Italian regions the lab targets, e.g. Campania' })
  regions: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() participantCount: number;
  @ApiProperty() tutorCount: number;
  @ApiProperty() groupCount: number;
  @ApiProperty({ enum: LAB_ROLES, nullable: true, description: "The asker's role in the lab" })
  myRole: LabRole | null;
}

export class LabParticipantResponse implements LabParticipantView {
  @ApiProperty({ format: 'uuid' }) labId: string;
  @ApiProperty({ type: MemberRefResponse }) member: MemberRefResponse;
  @ApiProperty({ enum: LAB_ROLES }) role: LabRole;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}

export class LabGroupResponse implements LabGroupView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) labId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [MemberRefResponse] }) members: MemberRefResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class LabGroupMemberResponse implements LabGroupMemberView {
  @ApiProperty({ format: 'uuid' }) labId: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ type: MemberRefResponse }) member: MemberRefResponse;
}
