import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ThreadSubscriptionLevel, ThreadSubscriptionView, ThreadView } from '@convergo/contracts';
import type { ApiError } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { notificationKeys } from '../../notifications/notifications-api';
import { communityKeys, setThreadSubscription } from './community-api';

/**
 * Follow (every new post notifies me) or mute (only mentions do) the thread: two toggle buttons,
 * at most one pressed. Pressing the pressed one goes back to neither.
 */
export function ThreadSubscriptionToggle({ thread }: { thread: ThreadView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const level = thread.viewer?.subscription ?? null;
  const change = useMutation<ThreadSubscriptionView, ApiError, ThreadSubscriptionLevel | null>({
    mutationFn: (next) => setThreadSubscription(thread.id, next),
    onSuccess: (view) => {
      queryClient.setQueryData<ThreadView>(communityKeys.thread(thread.id), (old) =>
        old?.viewer ? { ...old, viewer: { ...old.viewer, subscription: view.level } } : old,
      );
      void queryClient.invalidateQueries({ queryKey: notificationKeys.mutedThreads });
    },
  });

  const toggle = (target: ThreadSubscriptionLevel) => change.mutate(level === target ? null : target);

  return (
    <section aria-labelledby="thread-notifications-title" className="mb-4">
      <h2 id="thread-notifications-title" className="h5">
        {t('community.notifications')}
      </h2>
      <div className="d-flex flex-wrap gap-2">
        <button
          type="button"
          className={`btn btn-sm ${level === 'watching' ? 'btn-primary' : 'btn-outline-primary'}`}
          aria-pressed={level === 'watching'}
          disabled={change.isPending}
          onClick={() => toggle('watching')}
        >
          {t('community.follow')}
        </button>
        <button
          type="button"
          className={`btn btn-sm ${level === 'muted' ? 'btn-primary' : 'btn-outline-primary'}`}
          aria-pressed={level === 'muted'}
          disabled={change.isPending}
          onClick={() => toggle('muted')}
        >
          {t('community.mute')}
        </button>
      </div>
      <p className="small mt-2 mb-0" aria-live="polite">
        {level === 'watching'
          ? t('community.following')
          : level === 'muted'
            ? t('community.muted')
            : t('community.notFollowing')}
      </p>
      {change.error && <ProblemAlert error={change.error} />}
    </section>
  );
}
