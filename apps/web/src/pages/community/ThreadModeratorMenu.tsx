import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  REASON_MAX_LENGTH,
  type Page,
  type ThreadMergedEvent,
  type ThreadMovedEvent,
  type ThreadView,
} from '@convergo/contracts';
import { api } from '../../api/client';
import { toApiError, type ApiError } from '../../api/problem';
import { SelectField, TextAreaField } from '../../components/form';
import { fieldErrorMessages, type FormFields } from '../../components/field-errors';
import { ErrorSummary, ProblemAlert } from '../../components/ProblemAlert';
import { fetchSpaces } from '../moderation/moderation-api';

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
    mutationFn: (locked) =>
      api<ThreadView>(`/threads/${thread.id}/lock`, { method: locked ? 'POST' : 'DELETE' }).catch(rethrow),
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

function MoveForm({ thread, onDone }: { thread: ThreadView; onDone(): void }) {
  const { t } = useTranslation();
  const [spaceId, setSpaceId] = useState('');
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const spaces = useQuery({ queryKey: ['spaces-all'], queryFn: ({ signal }) => fetchSpaces(signal) });
  const targets = (spaces.data ?? []).filter((s) => s.id !== thread.spaceId && s.viewer?.canModerate);
  const fields: FormFields = {
    spaceId: { id: 'move-space', label: t('moderation.thread.moveTarget') },
    reason: { id: 'move-reason', label: t('moderation.thread.reason') },
  };
  const move = useMutation<ThreadMovedEvent, ApiError>({
    mutationFn: () =>
      api<ThreadMovedEvent>(`/moderation/threads/${thread.id}/move`, {
        method: 'POST',
        body: { spaceId, reason: reason.trim() },
      }).catch(rethrow),
    onSuccess: () => onDone(),
  });
  const errors = fieldErrorMessages(move.error, t, fields, clientErrors);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!spaceId) found.spaceId = t('form.required');
    if (!reason.trim()) found.reason = t('form.required');
    setClientErrors(found);
    if (Object.keys(found).length === 0) move.mutate();
  };
  return (
    <form noValidate onSubmit={submit} aria-label={t('moderation.thread.move')}>
      <ErrorSummary error={move.error} clientErrors={clientErrors} fields={fields} />
      <SelectField
        id="move-space"
        label={t('moderation.thread.moveTarget')}
        value={spaceId}
        onValueChange={setSpaceId}
        emptyLabel={t('moderation.thread.choose')}
        options={targets.map((s) => ({ value: s.id, label: s.name }))}
        required
        error={errors.spaceId}
      />
      <TextAreaField
        id="move-reason"
        label={t('moderation.thread.reason')}
        value={reason}
        onValueChange={setReason}
        required
        rows={2}
        maxLength={REASON_MAX_LENGTH}
        error={errors.reason}
      />
      <button type="submit" className="btn btn-primary btn-sm" disabled={move.isPending}>
        {t('moderation.thread.moveSubmit')}
      </button>
    </form>
  );
}

function MergeForm({ thread }: { thread: ThreadView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [targetId, setTargetId] = useState('');
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const candidates = useQuery({
    queryKey: ['space-threads-for-merge', thread.spaceId],
    queryFn: ({ signal }) =>
      api<Page<ThreadView>>(`/spaces/${thread.spaceId}/threads`, { query: { limit: 100 }, signal }),
  });
  const targets = (candidates.data?.items ?? []).filter((c) => c.id !== thread.id);
  const fields: FormFields = {
    targetThreadId: { id: 'merge-target', label: t('moderation.thread.mergeTarget') },
    reason: { id: 'merge-reason', label: t('moderation.thread.reason') },
  };
  const merge = useMutation<ThreadMergedEvent, ApiError>({
    mutationFn: () =>
      api<ThreadMergedEvent>(`/moderation/threads/${thread.id}/merge`, {
        method: 'POST',
        body: { targetThreadId: targetId, reason: reason.trim() },
      }).catch(rethrow),
    onSuccess: (event) =>
      void navigate(`/discussioni/${event.target.id}`, {
        replace: true,
        state: { mergedFrom: thread.title },
      }),
  });
  const errors = fieldErrorMessages(merge.error, t, fields, clientErrors);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!targetId) found.targetThreadId = t('form.required');
    if (!reason.trim()) found.reason = t('form.required');
    setClientErrors(found);
    if (Object.keys(found).length === 0) merge.mutate();
  };
  return (
    <form noValidate onSubmit={submit} aria-label={t('moderation.thread.merge')}>
      <ErrorSummary error={merge.error} clientErrors={clientErrors} fields={fields} />
      <SelectField
        id="merge-target"
        label={t('moderation.thread.mergeTarget')}
        value={targetId}
        onValueChange={setTargetId}
        emptyLabel={t('moderation.thread.choose')}
        options={targets.map((c) => ({ value: c.id, label: c.title }))}
        required
        hint={t('moderation.thread.mergeHint')}
        error={errors.targetThreadId}
      />
      <TextAreaField
        id="merge-reason"
        label={t('moderation.thread.reason')}
        value={reason}
        onValueChange={setReason}
        required
        rows={2}
        maxLength={REASON_MAX_LENGTH}
        error={errors.reason}
      />
      <button type="submit" className="btn btn-danger btn-sm" disabled={merge.isPending}>
        {t('moderation.thread.mergeSubmit')}
      </button>
    </form>
  );
}
