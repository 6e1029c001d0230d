import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { LIVE_LIMITS, type TimerEvent } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { TextField } from '../../components/form';
import { fieldProps } from '../../components/field-props';
import { ErrorSummary } from '../../components/ProblemAlert';
import { fieldErrorMessages } from '../../components/field-errors';
import { useFormWithSummary } from '../../components/useFormWithSummary';
import { LivePanel } from './LivePanel';
import { setTimer } from './live-api';
import { countdownText } from './live-time';

const MAX_MINUTES = LIVE_LIMITS.timerSeconds / 60;

/** Seconds until `endsAt`, ticking once a second while it runs. */
function useSecondsLeft(endsAt: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!endsAt) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [endsAt]);
  if (!endsAt) return null;
  return Math.max(0, (Date.parse(endsAt) - now) / 1000);
}

/**
 * The countdown everyone sees. The ticking figure is not announced (a screen reader would read
 * it every second); the polite region says when one starts and when time is up.
 */
export function LiveTimer({
  sessionId,
  endsAt,
  canLead,
  onSet,
}: {
  sessionId: string;
  endsAt: string | null;
  canLead: boolean;
  onSet(event: TimerEvent): void;
}) {
  const { t } = useTranslation();
  const left = useSecondsLeft(endsAt);
  const expired = left !== null && left <= 0;
  const [announcement, setAnnouncement] = useState('');

  // A new countdown is announced once, and its end once.
  useEffect(() => {
    setAnnouncement(endsAt ? t('live.timer.running') : '');
  }, [endsAt, t]);
  useEffect(() => {
    if (expired) setAnnouncement(t('live.timer.ended'));
  }, [expired, t]);

  const set = useMutation({
    mutationFn: (seconds: number) => setTimer(sessionId, { seconds }),
    onSuccess: onSet,
  });
  const { form, clientErrors, onSubmit } = useFormWithSummary<{ minutes: string }>({
    defaultValues: { minutes: '5' },
    apiNames: { minutes: 'seconds' },
  });
  const fields = { seconds: { id: 'live-timer-minutes', label: t('live.timer.minutes') } };
  const error = set.isError ? toApiError(set.error) : null;
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);
  const submit = onSubmit(set.isPending, (values) => set.mutate(Math.round(Number(values.minutes) * 60)));

  return (
    <LivePanel id="live-timer" title={t('live.timer.title')}>
      {left === null ? (
        <p className="mb-2">{t('live.timer.none')}</p>
      ) : (
        <p className="mb-2">
          <span className="visually-hidden">{t('live.timer.left')} </span>
          <span
            role="timer"
            aria-live="off"
            className={`live-countdown display-6 fw-bold ${expired ? 'text-danger' : ''}`}
            data-testid="live-countdown"
          >
            {countdownText(left)}
          </span>
        </p>
      )}
      <p role="status" aria-live="polite" className={expired ? 'fw-semibold text-danger' : 'visually-hidden'}>
        {announcement}
      </p>
      {canLead && (
        <form onSubmit={submit} noValidate className="mt-2" aria-label={t('live.timer.formLabel')}>
          <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />
          <div className="d-flex flex-wrap align-items-end gap-2">
            <Controller
              control={form.control}
              name="minutes"
              rules={{
                validate: (value) => {
                  const minutes = Number(value);
                  return Number.isFinite(minutes) && minutes > 0 && minutes <= MAX_MINUTES
                    ? true
                    : t('live.timer.invalid', { max: MAX_MINUTES });
                },
              }}
              render={({ field }) => (
                <TextField
                  {...fieldProps(fields.seconds, field, fieldErrors.seconds)}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={MAX_MINUTES}
                  className="mb-0"
                />
              )}
            />
            <button type="submit" className="btn btn-primary btn-sm mb-3" aria-disabled={set.isPending}>
              {t('live.timer.start')}
            </button>
            {endsAt && (
              <button
                type="button"
                className="btn btn-outline-primary btn-sm mb-3"
                aria-disabled={set.isPending}
                onClick={() => !set.isPending && set.mutate(0)}
              >
                {t('live.timer.clear')}
              </button>
            )}
          </div>
        </form>
      )}
    </LivePanel>
  );
}
