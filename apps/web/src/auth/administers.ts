import type { MemberView } from '@convergo/contracts';

/**
 * Who reaches `/amministrazione`: admins (everything), and an administration's referents (to
 * invite their colleagues and see them). The API decides again on every call.
 */
export function administers(member: MemberView): boolean {
  return member.role === 'admin' || (member.isReferent && member.organization !== null);
}
