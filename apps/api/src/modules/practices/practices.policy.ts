import { subject as tagSubject } from '@casl/ability';
import { PRACTICE_EDITABLE_STATUSES, type PracticeStatus } from '@convergo/contracts';
import type { AbilityContributor } from '../auth/ability.factory';

export const PRACTICE_SUBJECT = 'Practice';

/** What the practice rules look at: its status and whether the asker's administration offers it. */
export interface PracticeSubject {
  status: PracticeStatus | null;
  /** The asker belongs to the offering administration. */
  mine: boolean;
}

/**
 * Every member reads the published practices; the members of the offering administration also
 * read its proposals (whatever their status), propose practices in its name only, and edit them
 * while proposed or changes requested (and resubmit: `update`). The editorial review (`approve`:
 * publish, ask for changes, archive) is for admins only, through the base `manage all`.
 */
export const practiceRules: AbilityContributor = (member, { can }) => {
  can('read', PRACTICE_SUBJECT, { status: 'published' });
  if (!member.organizationId) return;
  can('read', PRACTICE_SUBJECT, { mine: true });
  can('create', PRACTICE_SUBJECT, { mine: true });
  can('update', PRACTICE_SUBJECT, { mine: true, status: { $in: [...PRACTICE_EDITABLE_STATUSES] } });
};

export function practiceSubject(attributes: PracticeSubject): Record<string, unknown> {
  const plain: Record<string, unknown> = { ...attributes };
  return tagSubject(PRACTICE_SUBJECT, plain);
}
