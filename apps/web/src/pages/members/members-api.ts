import type {
  AccessRequestView,
  InvitationView,
  MemberDirectoryEntry,
  MemberRole,
  MemberView,
  Page,
} from '@convergo/contracts';
import { api } from '../../api/client';
import type { Language } from '../../i18n';

/**
 * The members' server state: the directory, one member, the signed-in member's profile, access
 * requests and invitations. (The signed-in member's own cache is `ME_QUERY_KEY`, owned by auth.)
 */
export const memberKeys = {
  directory: (filters: { q: string; organizationId: string }) => ['members', filters] as const,
  member: (memberId: string | null) => ['members', memberId] as const,
  mentions: (q: string) => ['mention-members', q] as const,
  pendingAccessRequests: ['access-requests', 'pending'] as const,
  pendingInvitations: ['invitations', 'pending'] as const,
};

export function fetchMemberDirectory(
  filters: { q: string; organizationId?: string },
  limit: number,
  cursor: string | null,
  signal?: AbortSignal,
) {
  return api<Page<MemberDirectoryEntry>>('/members', { query: { ...filters, limit, cursor }, signal });
}

export function fetchMember(memberId: string, signal?: AbortSignal) {
  return api<MemberDirectoryEntry>(`/members/${memberId}`, { signal });
}

export interface ProfileChanges {
  displayName: string;
  jobTitle: string | null;
  bio: string | null;
  interests: string[];
  locale: Language;
}

export function updateProfile(body: ProfileChanges) {
  return api<MemberView>('/me', { method: 'PATCH', body });
}

export interface AccessRequestBody {
  email: string;
  displayName: string;
  organizationId: string;
  password: string;
  jobTitle?: string;
  motivation?: string;
}

/** Public: anyone asks for an account. */
export function sendAccessRequest(body: AccessRequestBody) {
  return api<AccessRequestView>('/access-requests', { method: 'POST', body, auth: false });
}

export function fetchPendingAccessRequests(limit: number, cursor: string | null, signal?: AbortSignal) {
  return api<Page<AccessRequestView>>('/access-requests', {
    query: { status: 'pending', limit, cursor },
    signal,
  });
}

export type AccessRequestDecision = 'approve' | 'reject';

export function decideAccessRequest(requestId: string, decision: AccessRequestDecision, note?: string) {
  return api<AccessRequestView>(`/access-requests/${encodeURIComponent(requestId)}/${decision}`, {
    method: 'POST',
    body: note ? { note } : {},
  });
}

export interface InvitationBody {
  email: string;
  organizationId: string;
  role: MemberRole;
}

export function inviteMember(body: InvitationBody) {
  return api<InvitationView>('/invitations', { method: 'POST', body });
}

/** Pending invitations the caller may manage (a referent: their administration's). */
export function fetchPendingInvitations(signal?: AbortSignal) {
  return api<{ items: InvitationView[] }>('/invitations', { signal });
}

export function revokeInvitation(invitationId: string) {
  return api<void>(`/invitations/${encodeURIComponent(invitationId)}`, { method: 'DELETE' });
}
