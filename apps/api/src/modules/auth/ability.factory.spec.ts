import { AbilityFactory } from './ability.factory';
import type { AuthMember } from './auth-member';

const official: AuthMember = { id: 'm-1', role: 'member', organizationId: 'org-1', isReferent: false };

describe('AbilityFactory', () => {
  it('builds a member’s rules once and keeps them, and never hands them to other claims', () => {
    const abilities = new AbilityFactory();
    const first = abilities.for(official);
    expect(abilities.for({ ...official })).toBe(first);
    expect(first.can('manage', 'all')).toBe(false);

    // Same member, new claims (promoted, made referent): new rules at once.
    const promoted = abilities.for({ ...official, role: 'admin' });
    expect(promoted).not.toBe(first);
    expect(promoted.can('manage', 'all')).toBe(true);
    const referent = abilities.for({ ...official, isReferent: true });
    expect(referent.can('invite', 'Invitation')).toBe(true);
    expect(first.can('invite', 'Invitation')).toBe(false);
    expect(abilities.for({ ...official, id: 'm-2' })).not.toBe(first);
  });

  it('applies a capability registered after rules were built', () => {
    const abilities = new AbilityFactory();
    expect(abilities.for(official).can('read', 'Lab')).toBe(false);
    abilities.register((_member, { can }) => can('read', 'Lab'));
    expect(abilities.for(official).can('read', 'Lab')).toBe(true);
  });
});
