import type { LoginResult, MemberView } from '@convergo/contracts';
import { api } from '../api/client';

/** The signed-in member (`ME_QUERY_KEY`). */
export function fetchMe(signal?: AbortSignal) {
  return api<MemberView>('/me', { signal });
}

/** Saves the interface language to the profile (`PATCH /me`). */
export function saveLocale(locale: 'it' | 'en') {
  return api<MemberView>('/me', { method: 'PATCH', body: { locale } });
}

export function logIn(body: { email: string; password: string }) {
  return api<LoginResult>('/auth/login', { method: 'POST', body, auth: false });
}

export interface AcceptInvitationBody {
  token: string;
  password: string;
  displayName: string;
}

/** The invitation e-mail's link: the new member chooses a name and a password and is signed in. */
export function acceptInvitation(body: AcceptInvitationBody) {
  return api<LoginResult>('/auth/accept-invitation', { method: 'POST', body, auth: false });
}
