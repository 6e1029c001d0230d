import { subject as tagSubject } from '@casl/ability';
import { POST_DELETE_WINDOW_MS } from '@convergo/contracts';
import type { AbilityContributor } from '../auth/ability.factory';

export const THREAD_SUBJECT = 'Thread';
export const POST_SUBJECT = 'Post';

/**
 * Threads and posts: authors edit their own (title and tags, post text) and delete their own
 * posts within 24 hours. Reading, posting and moderating follow the space (spaceRules):
 * services check `read`/`moderate` on the Space before these.
 */
export const threadRules: AbilityContributor = (member, { can }) => {
  can('update', THREAD_SUBJECT, { authorId: member.id });
  can('update', POST_SUBJECT, { authorId: member.id });
  // The window is read off the subject (postSubject), at the check: rules never read the clock,
  // so AbilityFactory keeps them built.
  can('delete', POST_SUBJECT, { authorId: member.id, withinDeleteWindow: true });
};

export function threadSubject(attributes: { authorId: string | null }): Record<string, unknown> {
  const plain: Record<string, unknown> = { ...attributes };
  return tagSubject(THREAD_SUBJECT, plain);
}

/** `createdAt` in epoch milliseconds; whether its author may still delete it is decided now. */
export function postSubject(attributes: {
  authorId: string | null;
  createdAt: number;
}): Record<string, unknown> {
  const plain: Record<string, unknown> = {
    authorId: attributes.authorId,
    withinDeleteWindow: Date.now() - attributes.createdAt <= POST_DELETE_WINDOW_MS,
  };
  return tagSubject(POST_SUBJECT, plain);
}
