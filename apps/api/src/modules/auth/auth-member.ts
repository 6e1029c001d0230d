import type { MemberRole } from '@convergo/contracts';

/** Who is calling, as the access token says; loaded once per request or socket. */
export interface AuthMember {
  id: string;
  role: MemberRole;
  organizationId: string | null;
  isReferent: boolean;
}
