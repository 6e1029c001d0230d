// Accounts for benchmarks, made through the public API as an administration's people get them.
import type { ApiUnderTest } from './api-under-test';
import { api } from './processes';

/** Runs `task(i)` for i in 0..count-1, at most `concurrency` at a time, in index order. */
export async function inLanes<T>(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return results;
}

/**
 * Accounts through the public API, as an administration's people get them: the admin invites
 * (the answer carries the accept link) and each invitee accepts with a password, which logs them in.
 */
export async function createMembers(
  api_: ApiUnderTest,
  organizationId: string,
  count: number,
  role: 'member' | 'tutor',
  prefix: string,
  concurrency: number,
): Promise<{ id: string; token: string }[]> {
  return inLanes(count, concurrency, async (i) => {
    const email = `${prefix}-${String(i).padStart(4, '0')}@bench.example.it`;
    const invitation = await api<{ acceptUrl?: string }>(api_.base, 'POST', '/invitations', api_.adminToken, {
      email,
      organizationId,
      role,
    });
    const token = invitation.acceptUrl ? new URL(invitation.acceptUrl).searchParams.get('token') : null;
    if (!token) throw new Error(`invitation of ${email} has no accept link`);
    const login = await api<{ accessToken: string; member: { id: string } }>(
      api_.base,
      'POST',
      '/auth/accept-invitation',
      undefined,
      { token, password: `bench-password-${i}-live`, displayName: `${prefix} ${i + 1}` },
    );
    return { id: login.member.id, token: login.accessToken };
  });
}
