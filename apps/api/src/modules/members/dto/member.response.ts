import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACCESS_REQUEST_STATUSES,
  type AccessRequestStatus,
  type AccessRequestView,
  type AuthTokens,
  type InvitationView,
  type LoginResult,
  MEMBER_ROLES,
  type MemberDirectoryEntry,
  type MemberRole,
  type MemberView,
} from '@convergo/contracts';
import { OrganizationSummaryResponse } from '../../../common/openapi';

export class MemberDirectoryEntryResponse implements MemberDirectoryEntry {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role: MemberRole;
  @ApiProperty({ type: OrganizationSummaryResponse, nullable: true })
  organization: OrganizationSummaryResponse | null;
  @ApiProperty({ description: "The administration's referent: invites colleagues" }) isReferent: boolean;
  @ApiProperty({ type: String, nullable: true }) jobTitle: string | null;
  @ApiProperty({ type: [String] }) interests: string[];
  @ApiProperty({ type: String, nullable: true }) bio: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** The member as they see themselves, and as admins see them. */
export class MemberResponse extends MemberDirectoryEntryResponse implements MemberView {
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty({ example: 'it' }) locale: string;
}

export class AuthTokensResponse implements AuthTokens {
  @ApiProperty({ description: 'Short-lived JWT, sent as `Authorization: Bearer`' }) accessToken: string;
  @ApiProperty({ description: 'Single use: each refresh answers a new one' }) refreshToken: string;
}

export class LoginResponse extends AuthTokensResponse implements LoginResult {
  @ApiProperty({ type: MemberResponse }) member: MemberResponse;
}

export class InvitationResponse implements InvitationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role: MemberRole;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiPropertyOptional({ description: 'Only when created: the link, ending in `?token=…`' })
  acceptUrl?: string;
}

export class AccessRequestResponse implements AccessRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: OrganizationSummaryResponse, nullable: true })
  organization: OrganizationSummaryResponse | null;
  @ApiProperty({ type: String, nullable: true }) jobTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) motivation: string | null;
  @ApiProperty({ enum: ACCESS_REQUEST_STATUSES }) status: AccessRequestStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionNote: string | null;
}
