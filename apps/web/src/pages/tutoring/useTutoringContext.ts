import { useQuery } from '@tanstack/react-query';
import type { LabView, MemberView } from '@convergo/contracts';
import { useAuth } from '../../auth/auth-context';
import { fetchMyLabs, labKeys } from '../labs/labs-api';

export interface TutoringContext {
  member: MemberView | null;
  /** The labs the member takes part in or tutors (their slots and rooms). */
  labs: LabView[];
  labsLoaded: boolean;
  /** May publish slots: the tutor or admin role, or a tutor of some lab. */
  isTutor: boolean;
}

/** Who the member is to tutoring: their labs, and whether the tutors' pages are theirs. */
export function useTutoringContext(): TutoringContext {
  const { member } = useAuth();
  const labs = useQuery({
    queryKey: labKeys.mine,
    queryFn: ({ signal }) => fetchMyLabs(signal),
    enabled: member !== null,
  });
  const mine = labs.data ?? [];
  const isTutor =
    member !== null &&
    (member.role === 'tutor' || member.role === 'admin' || mine.some((lab) => lab.myRole === 'tutor'));
  return { member, labs: mine, labsLoaded: labs.isSuccess, isTutor };
}
