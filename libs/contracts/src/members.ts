export const MEMBER_ROLES = ['member', 'tutor', 'moderator', 'admin'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const MEMBER_STATUSES = ['active', 'disabled'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const ACCESS_REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

export interface OrganizationSummary {
  id: string;
  name: string;
  kind: string;
  region: string | null;
  convergence: boolean;
}

/** A member as other members see it in the directory. */
export interface MemberDirectoryEntry {
  id: string;
  displayName: string;
  role: MemberRole;
  organization: OrganizationSummary | null;
  isReferent: boolean;
  jobTitle: string | null;
  interests: string[];
  bio: string | null;
  createdAt: string;
}

/** A member as they see themselves (GET /me) and as admins see them. */
export interface MemberView extends MemberDirectoryEntry {
  email: string;
  locale: string;
}

export interface AuthTokens {
  accessToken: string;
  refreshToken: string;
}

export interface LoginResult extends AuthTokens {
  member: MemberView;
}

export interface InvitationView {
  id: string;
  email: string;
  organizationId: string;
  role: MemberRole;
  expiresAt: string;
  acceptUrl?: string;
}

export interface AccessRequestView {
  id: string;
  email: string;
  displayName: string;
  organization: OrganizationSummary | null;
  jobTitle: string | null;
  motivation: string | null;
  status: AccessRequestStatus;
  createdAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
}
