import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  REASON_MAX_LENGTH,
  type ThreadMergedEvent,
  type ThreadMovedEvent,
  type ThreadView,
} from '@convergo/contracts';
import { toApiError, type ApiError } from '../../api/problem';
import { SelectField, TextAreaField } from '../../components/form';
import { fieldErrorMessages, type FormFields } from '../../components/field-errors';
import { ErrorSummary, ProblemAlert } from '../../components/ProblemAlert';
import { fetchSpaces, lockThread, mergeThread, moveThread } from '../moderation/moderation-api';
import { communityKeys, fetchSpaceThreads } from './community-api';

type Panel = 'move' | 'merge' | null;

function rethrow(error: unknown): never {
  throw toApiError(error);
}

/** For moderators of the thread's space: lock or unlock, move to another space, merge into another thread. */
export function ThreadModeratorMenu({
  thread,
  onNotice,
}: {
  thread: ThreadView;
  onNotice(text: string): void;
}) {
  const { t } = useTranslation();
  const [panel, setPanel] = useState<Panel>(null);
  const lock = useMutation<ThreadView, ApiError, boolean>({
    mutationFn: (locked) => lockThread(thread.id, locked),
    onSuccess: (view) =>
      onNotice(view.locked ? t('moderation.thread.lockedDone') : t('moderation.thread.unlockedDone')),
  });

  const disclosure = (which: Exclude<Panel, null>, label: string) => (
    <button
      type="button"
      className="btn btn-outline-primary btn-sm"
      aria-expanded={panel === which}
      aria-controls={`thread-${which}-panel`}
      onClick={() => setPanel(panel === which ? null : which)}
    >
      {label}
    </button>
  );

  return (
    <section aria-labelledby="thread-moderation-title" className="mb-4 thread-moderation">
      <h2 id="thread-moderation-title" className="h5">
        {t('moderation.thread.title')}
      </h2>
      <div className="d-flex flex-wrap gap-2 mb-2">
        <button
          type="button"
          className="btn btn-outline-primary btn-sm"
          disabled={lock.isPending}
          onClick={() => lock.mutate(!thread.locked)}
        >
          {thread.locked ? t('moderation.thread.unlock') : t('moderation.thread.lock')}
        </button>
        {disclosure('move', t('moderation.thread.move'))}
        {disclosure('merge', t('moderation.thread.merge'))}
      </div>
      {lock.error && <ProblemAlert error={lock.error} />}
      <div id="thread-move-panel" hidden={panel !== 'move'}>
        {panel === 'move' && (
          // The page announces the move itself, from `thread.moved` (every reader hears it).
          <MoveForm thread={thread} onDone={() => setPanel(null)} />
        )}
      </div>
      <div id="thread-merge-panel" hidden={panel !== 'merge'}>
        {panel === 'merge' && <MergeForm thread={thread} />}
      </div>
      <p className="small mb-0">
        <Link to="/moderazione">{t('moderation.thread.queueLink')}</Link>
      </p>
    </section>
  );
}

interface TargetReasonFormProps<T> {
  /** Prefix of the field ids: `<prefix>-target`, `<prefix>-reason`. */
  idPrefix: string;
  formLabel: string;
  targetLabel: string;
  /** The API's name for the target field, so its field errors land on the select. */
  targetField: string;
  targetHint?: string;
  options: { value: string; label: string }[];
  submitLabel: string;
  submitClass: string;
  send(target: string, reason: string): Promise<T>;
  onSuccess(result: T): void;
}

/** A moderator action on the thread that needs a target and a reason (moving, merging). */
function TargetReasonForm<T>({
  idPrefix,
  formLabel,
  targetLabel,
  targetField,
  targetHint,
  options,
  submitLabel,
  submitClass,
  send,
  onSuccess,
}: TargetReasonFormProps<T>) {
  const { t } = useTranslation();
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const fields: FormFields = {
    [targetField]: { id: `${idPrefix}-target`, label: targetLabel },
    reason: { id: `${idPrefix}-reason`, label: t('moderation.thread.reason') },
  };
  const action = useMutation<T, ApiError>({
    mutationFn: () => send(target, reason.trim()).catch(rethrow),
    onSuccess,
  });
  const errors = fieldErrorMessages(action.error, t, fields, clientErrors);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!target) found[targetField] = t('form.required');
    if (!reason.trim()) found.reason = t('form.required');
    setClientErrors(found);
    if (Object.keys(found).length === 0) action.mutate();
  };
  return (
    <form noValidate onSubmit={submit} aria-label={formLabel}>
      <ErrorSummary error={action.error} clientErrors={clientErrors} fields={fields} />
      <SelectField
        id={`${idPrefix}-target`}
        label={targetLabel}
        value={target}
        onValueChange={setTarget}
        emptyLabel={t('moderation.thread.choose')}
        options={options}
        required
        hint={targetHint}
        error={errors[targetField]}
      />
      <TextAreaField
        id={`${idPrefix}-reason`}
        label={t('moderation.thread.reason')}
        value={reason}
        onValueChange={setReason}
        required
        rows={2}
        maxLength={REASON_MAX_LENGTH}
        error={errors.reason}
      />
      <button type="submit" className={`btn ${submitClass} btn-sm`} disabled={action.isPending}>
        {submitLabel}
      </button>
    </form>
  );
}

function MoveForm({ thread, onDone }: { thread: ThreadView; onDone(): void }) {
  const { t } = useTranslation();
  const spaces = useQuery({
    queryKey: communityKeys.allSpaces,
    queryFn: ({ signal }) => fetchSpaces(signal),
  });
  const targets = (spaces.data ?? []).filter((s) => s.id !== thread.spaceId && s.viewer?.canModerate);
  return (
    <TargetReasonForm<ThreadMovedEvent>
      idPrefix="move"
      formLabel={t('moderation.thread.move')}
      targetLabel={t('moderation.thread.moveTarget')}
      targetField="spaceId"
      options={targets.map((s) => ({ value: s.id, label: s.name }))}
      submitLabel={t('moderation.thread.moveSubmit')}
      submitClass="btn-primary"
      send={(spaceId, reason) => moveThread(thread.id, spaceId, reason)}
      onSuccess={() => onDone()}
    />
  );
}

function MergeForm({ thread }: { thread: ThreadView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const candidates = useQuery({
    queryKey: communityKeys.mergeCandidates(thread.spaceId),
    queryFn: ({ signal }) => fetchSpaceThreads(thread.spaceId, 100, null, signal),
  });
  const targets = (candidates.data?.items ?? []).filter((c) => c.id !== thread.id);
  return (
    <TargetReasonForm<ThreadMergedEvent>
      idPrefix="merge"
      formLabel={t('moderation.thread.merge')}
      targetLabel={t('moderation.thread.mergeTarget')}
      targetField="targetThreadId"
      targetHint={t('moderation.thread.mergeHint')}
      options={targets.map((c) => ({ value: c.id, label: c.title }))}
      submitLabel={t('moderation.thread.mergeSubmit')}
      submitClass="btn-danger"
      send={(targetThreadId, reason) => mergeThread(thread.id, targetThreadId, reason)}
      onSuccess={(event) =>
        void navigate(`/discussioni/${event.target.id}`, {
          replace: true,
          state: { mergedFrom: thread.title },
        })
      }
    />
  );
}
