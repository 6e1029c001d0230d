import type { MemberDirectoryEntry, MemberView, OrganizationSummary } from '@convergo/contracts';
import type { MemberEntity } from './member.entity';

export function toMemberView(member: MemberEntity, organization: OrganizationSummary | null): MemberView {
  return {
    ...toDirectoryEntry(member, organization),
    email: member.email,
    locale: member.locale,
  };
}

/** What other members see: no e-mail address, no preferences. */
export function toDirectoryEntry(
  member: MemberEntity,
  organization: OrganizationSummary | null,
): MemberDirectoryEntry {
  return {
    id: member.id,
    displayName: member.displayName,
    role: member.role,
    organization,
    isReferent: member.isReferent,
    jobTitle: member.jobTitle,
    interests: member.interests,
    bio: member.bio,
    createdAt: member.createdAt.toISOString(),
  };
}
