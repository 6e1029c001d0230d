import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { REASON_MAX_LENGTH, type MemberRef } from '@convergo/contracts';
import type { ApiError } from '../../api/problem';
import { SelectField, TextAreaField } from '../../components/form';
import { fieldErrorMessages, type FormFields } from '../../components/field-errors';
import { ErrorSummary } from '../../components/ProblemAlert';
import { suspendMember, warnMember } from './moderation-api';

const DURATIONS = ['1', '7', '30', 'lifted'] as const;
type Duration = (typeof DURATIONS)[number];
const DAY_MS = 24 * 60 * 60 * 1000;

type Discipline = 'warn' | 'suspend';

/** Warn the post's author, or suspend them for a while (they keep reading, they stop writing). */
export function DisciplineForm({ member, idPrefix }: { member: MemberRef; idPrefix: string }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [duration, setDuration] = useState<Duration>('7');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState('');
  const fields: FormFields = {
    reason: { id: `${idPrefix}-reason`, label: t('moderation.discipline.reason') },
    until: { id: `${idPrefix}-duration`, label: t('moderation.discipline.duration') },
  };
  const run = useMutation<unknown, ApiError, Discipline>({
    mutationFn: (kind) =>
      kind === 'warn'
        ? warnMember(member.id, reason.trim())
        : suspendMember(
            member.id,
            reason.trim(),
            duration === 'lifted' ? null : new Date(Date.now() + Number(duration) * DAY_MS).toISOString(),
          ),
    onSuccess: (_result, kind) => {
      setReason('');
      setDone(t(`moderation.discipline.${kind}Done`, { name: member.displayName }));
    },
  });
  const errors = fieldErrorMessages(run.error, t, fields, clientErrors);
  const go = (kind: Discipline) => {
    if (!reason.trim()) {
      setClientErrors({ reason: t('form.required') });
      return;
    }
    setClientErrors({});
    setDone('');
    run.mutate(kind);
  };

  return (
    <form
      noValidate
      onSubmit={(event) => event.preventDefault()}
      className="border-top pt-3"
      aria-labelledby={`${idPrefix}-title`}
    >
      <h4 id={`${idPrefix}-title`} className="h6">
        {t('moderation.discipline.title', { name: member.displayName })}
      </h4>
      <p className={done ? 'alert alert-success' : 'visually-hidden'} role="status">
        {done}
      </p>
      <ErrorSummary error={run.error} clientErrors={clientErrors} fields={fields} />
      <TextAreaField
        id={`${idPrefix}-reason`}
        label={t('moderation.discipline.reason')}
        value={reason}
        onValueChange={setReason}
        required
        rows={2}
        maxLength={REASON_MAX_LENGTH}
        hint={t('moderation.discipline.reasonHint')}
        error={errors.reason}
      />
      <SelectField
        id={`${idPrefix}-duration`}
        label={t('moderation.discipline.duration')}
        value={duration}
        onValueChange={(value) => setDuration(DURATIONS.find((d) => d === value) ?? '7')}
        options={DURATIONS.map((d) => ({ value: d, label: t(`moderation.discipline.durations.${d}`) }))}
        error={errors.until}
      />
      <div className="d-flex flex-wrap gap-2">
        <button
          type="button"
          className="btn btn-outline-primary btn-sm"
          disabled={run.isPending}
          onClick={() => go('warn')}
        >
          {t('moderation.discipline.warn', { name: member.displayName })}
        </button>
        <button
          type="button"
          className="btn btn-danger btn-sm"
          disabled={run.isPending}
          onClick={() => go('suspend')}
        >
          {t('moderation.discipline.suspend', { name: member.displayName })}
        </button>
      </div>
    </form>
  );
}
