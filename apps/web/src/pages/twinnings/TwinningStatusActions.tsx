import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  TWINNING_LIMITS,
  twinningNextStatuses,
  type TwinningStatus,
  type TwinningView,
} from '@convergo/contracts';
import { TextAreaField } from '../../components/form';
import { toApiError } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { changeTwinningStatus, twinningKeys } from './twinnings-api';

/** The admins' moves allowed from the current status (TWINNING_TRANSITIONS), with an optional note. */
export function TwinningStatusActions({ twinning }: { twinning: TwinningView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const move = useMutation({
    mutationFn: (status: TwinningStatus) =>
      changeTwinningStatus(twinning.id, { status, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: (updated) => {
      client.setQueryData(twinningKeys.twinning(updated.id), updated);
      void client.invalidateQueries({ queryKey: twinningKeys.lists });
      setNote('');
    },
  });
  const next = twinningNextStatuses(twinning.status);
  if (next.length === 0) return null;
  return (
    <section className="mb-4" aria-labelledby="twinning-actions">
      <h2 className="h4" id="twinning-actions">
        {t('twinnings.actions.title')}
      </h2>
      {move.isError && <ProblemAlert error={toApiError(move.error)} />}
      <TextAreaField
        id="twinning-status-note"
        label={t('twinnings.actions.note')}
        hint={t('twinnings.actions.noteHint')}
        maxLength={TWINNING_LIMITS.note}
        value={note}
        onValueChange={setNote}
      />
      <div className="d-flex flex-wrap gap-2">
        {next.map((status) => (
          <button
            key={status}
            type="button"
            className={status === 'ritirato' ? 'btn btn-outline-danger' : 'btn btn-primary'}
            aria-disabled={move.isPending}
            onClick={() => !move.isPending && move.mutate(status)}
          >
            {t(`twinnings.actions.to.${status as Exclude<TwinningStatus, 'candidatura'>}`)}
          </button>
        ))}
      </div>
    </section>
  );
}
