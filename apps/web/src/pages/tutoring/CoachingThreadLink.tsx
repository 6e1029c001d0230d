import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { fetchGroupCoachingThread, tutoringKeys } from './tutoring-api';

/**
 * "Thread di coaching" on a working group of the lab page, for those who may read it (the group's
 * members, the lab's tutors, admins: the caller decides whether to render it, the API decides
 * anyway). Nothing is shown when the thread cannot be opened.
 */
export function CoachingThreadLink({ groupId, groupName }: { groupId: string; groupName: string }) {
  const { t } = useTranslation();
  const thread = useQuery({
    queryKey: tutoringKeys.groupCoaching(groupId),
    queryFn: ({ signal }) => fetchGroupCoachingThread(groupId, signal),
    retry: false,
  });
  if (!thread.data) return null;
  return (
    <p className="mt-2 mb-0">
      <Link to={`/discussioni/${thread.data.threadId}`}>
        {t('tutoring.coaching.groupLink')}
        <span className="visually-hidden"> {t('tutoring.coaching.ofGroup', { group: groupName })}</span>
      </Link>
      {thread.data.unreadCount > 0 && (
        <span className="badge bg-primary ms-2">
          {t('tutoring.coaching.unread', { count: thread.data.unreadCount })}
        </span>
      )}
    </p>
  );
}
