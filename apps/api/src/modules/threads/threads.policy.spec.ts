import { POST_DELETE_WINDOW_MS } from '@convergo/contracts';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { postSubject, threadRules } from './threads.policy';

const author: AuthMember = { id: 'm-1', role: 'member', organizationId: 'org-1', isReferent: false };

describe('threadRules', () => {
  afterEach(() => jest.useRealTimers());

  it('lets authors delete their own post until its window closes, on rules built once', () => {
    jest.useFakeTimers({ now: new Date('2026-12-05T10:00:00Z') });
    const abilities = new AbilityFactory();
    abilities.register(threadRules);
    const createdAt = Date.now() - POST_DELETE_WINDOW_MS + 60_000;
    const rules = abilities.for(author);
    expect(rules.can('delete', postSubject({ authorId: author.id, createdAt }))).toBe(true);
    expect(rules.can('delete', postSubject({ authorId: 'm-2', createdAt }))).toBe(false);

    // Two minutes later the same rules (still built) refuse: the window is the subject's.
    jest.advanceTimersByTime(120_000);
    expect(abilities.for(author)).toBe(rules);
    expect(rules.can('delete', postSubject({ authorId: author.id, createdAt }))).toBe(false);
    expect(rules.can('delete', postSubject({ authorId: author.id, createdAt: Date.now() }))).toBe(true);
  });
});
