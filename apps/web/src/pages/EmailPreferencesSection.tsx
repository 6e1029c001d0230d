import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  EMAIL_FREQUENCIES,
  type EmailFrequency,
  type MutedThreadView,
  type NotificationPreferences,
  type ThreadSubscriptionView,
} from '@convergo/contracts';
import { toApiError, type ApiError } from '../api/problem';
import { Loading } from '../components/Loading';
import { ErrorSummary, ProblemAlert } from '../components/ProblemAlert';
import {
  fetchMutedThreads,
  fetchNotificationPreferences,
  notificationKeys,
  saveEmailFrequency,
} from '../notifications/notifications-api';
import { communityKeys, setThreadSubscription } from './community/community-api';

/** The e-mail footer links to `/profilo#notifiche`: this section is that anchor. */
export const NOTIFICATIONS_ANCHOR = 'notifiche';

/** How often notifications come by e-mail, and the muted threads (with unmute). */
export function EmailPreferencesSection() {
  const { t } = useTranslation();
  const location = useLocation();
  const sectionRef = useRef<HTMLElement>(null);
  const preferences = useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: ({ signal }) => fetchNotificationPreferences(signal),
  });
  const ready = preferences.isSuccess;

  // Arriving from an e-mail (`#notifiche`): bring the section into view and give it focus.
  useEffect(() => {
    if (location.hash !== `#${NOTIFICATIONS_ANCHOR}` || !ready) return;
    sectionRef.current?.scrollIntoView({ block: 'start' });
    sectionRef.current?.focus({ preventScroll: true });
  }, [location.hash, ready]);

  return (
    <section
      ref={sectionRef}
      id={NOTIFICATIONS_ANCHOR}
      tabIndex={-1}
      aria-labelledby="notifications-title"
      className="mt-5 pt-3 border-top"
    >
      <h2 id="notifications-title" className="h3">
        {t('profile.notifications.title')}
      </h2>
      {preferences.isPending && <Loading />}
      {preferences.isError && (
        <ProblemAlert error={toApiError(preferences.error)} onRetry={() => void preferences.refetch()} />
      )}
      {ready && <FrequencyForm initial={preferences.data.email} />}
      <MutedThreads />
    </section>
  );
}

function FrequencyForm({ initial }: { initial: EmailFrequency }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState<EmailFrequency>(initial);
  const savedRef = useRef<HTMLDivElement>(null);
  const save = useMutation<NotificationPreferences, ApiError, EmailFrequency>({
    mutationFn: (value) => saveEmailFrequency(value),
    onSuccess: (saved) => {
      queryClient.setQueryData(notificationKeys.preferences, saved);
    },
  });

  useEffect(() => {
    if (save.isSuccess) savedRef.current?.focus();
  }, [save.isSuccess]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!save.isPending) save.mutate(email);
  };

  return (
    <form onSubmit={submit} noValidate className="mb-4">
      {save.isSuccess && (
        <div ref={savedRef} tabIndex={-1} className="alert alert-success" role="status">
          {t('profile.notifications.saved')}
        </div>
      )}
      <ErrorSummary error={save.error} />
      <fieldset className="mb-3">
        <legend className="h6 fw-semibold">{t('profile.notifications.frequency')}</legend>
        {EMAIL_FREQUENCIES.map((value) => (
          <div className="form-check" key={value}>
            <input
              className="form-check-input"
              type="radio"
              name="email-frequency"
              id={`email-${value}`}
              value={value}
              checked={email === value}
              aria-describedby={`email-${value}-hint`}
              onChange={() => setEmail(value)}
            />
            <label className="form-check-label" htmlFor={`email-${value}`}>
              {t(`profile.notifications.frequencies.${value}`)}
            </label>
            <small id={`email-${value}-hint`} className="form-text d-block">
              {t(`profile.notifications.frequencyHints.${value}`)}
            </small>
          </div>
        ))}
      </fieldset>
      <button type="submit" className="btn btn-primary" aria-disabled={save.isPending}>
        {save.isPending ? t('common.saving') : t('profile.notifications.save')}
      </button>
    </form>
  );
}

function MutedThreads() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const muted = useQuery({
    queryKey: notificationKeys.mutedThreads,
    queryFn: ({ signal }) => fetchMutedThreads(signal),
  });
  const unmute = useMutation<ThreadSubscriptionView, ApiError, MutedThreadView>({
    mutationFn: (thread) => setThreadSubscription(thread.threadId, null),
    onSuccess: (_view, thread) => {
      queryClient.setQueryData<{ items: MutedThreadView[] }>(notificationKeys.mutedThreads, (old) =>
        old ? { items: old.items.filter((i) => i.threadId !== thread.threadId) } : old,
      );
      void queryClient.invalidateQueries({ queryKey: communityKeys.thread(thread.threadId) });
      setAnnouncement(t('profile.notifications.unmuted', { title: thread.title }));
      // The button is gone with its row: focus goes back to the list's heading.
      headingRef.current?.focus();
    },
  });

  return (
    <div>
      <h3 ref={headingRef} tabIndex={-1} className="h5" id="muted-title">
        {t('profile.notifications.muted')}
      </h3>
      <p className="small">{t('profile.notifications.mutedHint')}</p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {unmute.error && <ProblemAlert error={unmute.error} />}
      {muted.isPending && <Loading />}
      {muted.isError && <ProblemAlert error={toApiError(muted.error)} onRetry={() => void muted.refetch()} />}
      {muted.isSuccess &&
        (muted.data.items.length === 0 ? (
          <p>{t('profile.notifications.noMuted')}</p>
        ) : (
          <ul className="list-unstyled" aria-labelledby="muted-title">
            {muted.data.items.map((thread) => (
              <li key={thread.threadId} className="d-flex flex-wrap gap-2 align-items-center mb-2">
                <Link to={`/discussioni/${thread.threadId}`}>{thread.title}</Link>
                <span className="small">{thread.spaceName}</span>
                <button
                  type="button"
                  className="btn btn-outline-primary btn-sm ms-auto"
                  disabled={unmute.isPending}
                  onClick={() => unmute.mutate(thread)}
                >
                  {t('profile.notifications.unmute')}
                  <span className="visually-hidden"> · {thread.title}</span>
                </button>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
