import type { AccessRequestView, MemberView } from '@convergo/contracts';
import type { TestMember } from './factories';

/** A MemberView-shaped payload for `member.updated`; the outbox stores whatever a service passes. */
export function memberView(member: TestMember, displayName = member.displayName): MemberView {
  return {
    id: member.id,
    email: member.email,
    displayName,
    role: member.role,
    organization: null,
    isReferent: false,
    jobTitle: null,
    interests: [],
    bio: null,
    locale: 'it',
    createdAt: new Date().toISOString(),
  };
}

/** An AccessRequestView-shaped payload for the moderation room. */
export function accessRequest(id: string): AccessRequestView {
  return {
    id,
    email: `${id}@example.it`,
    displayName: id,
    organization: null,
    jobTitle: null,
    motivation: null,
    status: 'pending',
    createdAt: new Date().toISOString(),
    decidedAt: null,
    decisionNote: null,
  };
}
