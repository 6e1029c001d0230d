import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { ATTENDANCE_LIMITS, type MyAttendanceRow } from '@convergo/contracts';
import { ApiError, toApiError } from '../../api/problem';
import { TextField } from '../../components/form';
import { fieldProps } from '../../components/field-props';
import { ErrorSummary, ProblemAlert } from '../../components/ProblemAlert';
import { fieldErrorMessages } from '../../components/field-errors';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormWithSummary } from '../../components/useFormWithSummary';
import { useFormatters } from '../../i18n/format';
import { fetchSession, labKeys } from '../labs/labs-api';
import { romeClock } from '../live/live-time';
import { attendanceKeys, checkIn, checkOut, fetchMyAttendance } from './attendance-api';

/** Codes are shown in capitals; people type them any way (and may add spaces). */
function normaliseCode(value: string): string {
  return value.replace(/[\s-]+/g, '').toUpperCase();
}

/**
 * The check-in errors a participant can act on, in plain words: a wrong or expired code, too
 * many attempts, not a participant, a session not open. Anything else keeps the server's words.
 */
function checkInProblem(error: ApiError, t: TFunction): ApiError {
  const code = error.problem.code ?? '';
  const say = (key: 'invalidCode' | 'rateLimited' | 'notParticipant' | 'notOpen') =>
    new ApiError({ ...error.problem, detail: t(`live.checkIn.errors.${key}`), code: undefined, errors: [] });
  if (error.status === 429) return say('rateLimited');
  if (/code/i.test(code) || error.status === 422 || error.status === 400) return say('invalidCode');
  if (error.status === 403) return say('notParticipant');
  if (error.status === 409) return say('notOpen');
  return error;
}

/**
 * `/sessioni/:id/check-in`: a participant in the room records their presence with the code
 * the tutor shows (the QR code opens this page with `?code=`), and their exit later.
 */
export function CheckInPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const [answered, setRow] = useState<MyAttendanceRow | null>(null);
  const [message, setMessage] = useState('');
  const session = useQuery({
    queryKey: labKeys.session(id),
    queryFn: ({ signal }) => fetchSession(id, signal),
  });
  usePageTitle(t('live.checkIn.title'));
  // Back on the page later (a reload, the phone woken up): an open stay at the venue offers the
  // check-out (a stay in the live room is not one: that closes when the room is left).
  const mine = useQuery({
    queryKey: attendanceKeys.mine,
    queryFn: ({ signal }) => fetchMyAttendance(signal),
  });
  const earlier =
    mine.data?.labs
      .flatMap((lab) => lab.sessions)
      .find((r) => r.sessionId === id && r.mode === 'in_presence') ?? null;
  const row = answered ?? earlier;

  const { form, clientErrors, onSubmit } = useFormWithSummary<{ code: string }>({
    defaultValues: { code: normaliseCode(search.get('code') ?? '') },
  });
  const send = useMutation({
    mutationFn: (code: string) => checkIn(id, { code }),
    onSuccess: (answer) => {
      setRow(answer);
      const last = answer.intervals.at(-1);
      setMessage(t('live.checkIn.done', { time: romeClock(last?.from ?? new Date().toISOString(), locale) }));
    },
  });
  const leave = useMutation({
    mutationFn: () => checkOut(id),
    onSuccess: (answer) => {
      setRow(answer);
      const last = answer.intervals.at(-1);
      setMessage(
        t('live.checkIn.checkedOut', { time: romeClock(last?.to ?? new Date().toISOString(), locale) }),
      );
    },
  });
  const fields = { code: { id: 'check-in-code', label: t('live.checkIn.code') } };
  const error = send.isError ? checkInProblem(toApiError(send.error), t) : null;
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);
  const submit = onSubmit(send.isPending, (values) => send.mutate(normaliseCode(values.code)));
  const open = row?.intervals.some((interval) => interval.to === null) ?? false;

  return (
    <>
      <h1 className="mb-2">{t('live.checkIn.title')}</h1>
      {session.data && (
        <p className="lead">
          {session.data.title}
          {session.data.place && <span className="text-muted"> · {session.data.place}</span>}
        </p>
      )}
      <p role="status" aria-live="polite" className={message ? 'alert alert-success' : 'visually-hidden'}>
        {message}
      </p>
      {row && (
        <dl className="row" data-testid="check-in-result">
          <dt className="col-sm-4">{t('live.checkIn.status')}</dt>
          <dd className="col-sm-8">{t(`live.register.statuses.${row.status}`)}</dd>
          <dt className="col-sm-4">{t('live.checkIn.mode')}</dt>
          <dd className="col-sm-8">{t(`live.register.modes.${row.mode}`)}</dd>
          <dt className="col-sm-4">{t('live.checkIn.minutes')}</dt>
          <dd className="col-sm-8">{row.minutes}</dd>
        </dl>
      )}
      {open ? (
        <>
          {leave.isError && <ProblemAlert error={toApiError(leave.error)} />}
          <button
            type="button"
            className="btn btn-outline-primary"
            aria-disabled={leave.isPending}
            onClick={() => !leave.isPending && leave.mutate()}
          >
            {t('live.checkIn.checkOut')}
          </button>
        </>
      ) : (
        <form onSubmit={submit} noValidate aria-labelledby="check-in-form-heading" className="mb-4">
          <h2 id="check-in-form-heading" className="h5">
            {row ? t('live.checkIn.again') : t('live.checkIn.formTitle')}
          </h2>
          <p>{t('live.checkIn.intro')}</p>
          <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />
          <Controller
            control={form.control}
            name="code"
            rules={{
              validate: (value) =>
                normaliseCode(value).length === ATTENDANCE_LIMITS.codeLength
                  ? true
                  : t('live.checkIn.errors.codeFormat', { count: ATTENDANCE_LIMITS.codeLength }),
            }}
            render={({ field }) => (
              <TextField
                {...fieldProps(fields.code, field, fieldErrors.code)}
                required
                autoComplete="one-time-code"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={ATTENDANCE_LIMITS.codeLength + 4}
                className="live-check-in-input"
              />
            )}
          />
          <button type="submit" className="btn btn-primary" aria-disabled={send.isPending}>
            {send.isPending ? t('common.sending') : t('live.checkIn.submit')}
          </button>
        </form>
      )}
      <p className="mt-4">
        <Link to={`/sessioni/${id}/live`}>{t('live.checkIn.liveRoom')}</Link> ·{' '}
        <Link to="/presenze">{t('live.mine.title')}</Link>
      </p>
    </>
  );
}
