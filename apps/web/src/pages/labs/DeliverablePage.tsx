import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import {
  DELIVERABLE_LIMITS,
  DELIVERABLE_TRANSITIONS,
  roomName,
  type DeliverableReviewDecision,
  type DeliverableView,
} from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { SelectField, TextAreaField } from '../../components/form';
import { Loading } from '../../components/Loading';
import { ErrorSummary, ProblemAlert } from '../../components/ProblemAlert';
import { fieldErrorMessages } from '../../components/field-errors';
import { useFormWithSummary } from '../../components/useFormWithSummary';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { isEventOfType, useRoomEvents } from '../../realtime/useRoomEvents';
import { DeliverableStatusBadge } from './LabBadges';
import { LabBreadcrumb } from './LabBreadcrumb';
import {
  fetchDeliverable,
  fetchLab,
  fetchLabGroups,
  labKeys,
  reviewDeliverable,
  submitDeliverable,
} from './labs-api';
import { foldDeliverable, foldLabEvent } from './useLabLiveUpdates';

interface ReviewValues {
  decision: DeliverableReviewDecision | '';
  comment: string;
}

function ReviewForm({ deliverable }: { deliverable: DeliverableView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const decisions = DELIVERABLE_TRANSITIONS.filter(
    (move) => move.from === deliverable.status && move.action === 'review',
  ).map((move) => move.to as DeliverableReviewDecision);
  const { form, clientErrors, onSubmit } = useFormWithSummary<ReviewValues>({
    defaultValues: { decision: '', comment: '' },
  });
  const send = useMutation({
    mutationFn: (values: ReviewValues) =>
      reviewDeliverable(deliverable.id, {
        decision: values.decision as DeliverableReviewDecision,
        comment: values.comment.trim(),
      }),
    onSuccess: (updated) => {
      foldDeliverable(client, updated);
      form.reset({ decision: '', comment: '' });
    },
  });
  const fields = {
    decision: { id: 'review-decision', label: t('labs.deliverable.decision') },
    comment: { id: 'review-comment', label: t('labs.deliverable.comment') },
  };
  const error = send.isError ? toApiError(send.error) : null;
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);
  if (decisions.length === 0) return null;
  return (
    <form onSubmit={onSubmit(send.isPending, (values) => send.mutate(values))} noValidate className="mb-4">
      <h2 className="h4">{t('labs.deliverable.review')}</h2>
      <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />
      <Controller
        control={form.control}
        name="decision"
        rules={{ validate: (value) => (value ? true : t('labs.deliverable.decisionRequired')) }}
        render={({ field }) => (
          <SelectField
            id={fields.decision.id}
            label={fields.decision.label}
            required
            value={field.value}
            onValueChange={field.onChange}
            emptyLabel=""
            options={decisions.map((d) => ({ value: d, label: t(`labs.deliverable.decisions.${d}`) }))}
            error={fieldErrors.decision}
          />
        )}
      />
      <Controller
        control={form.control}
        name="comment"
        rules={{
          validate: (value) => (value.trim() ? true : t('form.requiredField')),
          maxLength: {
            value: DELIVERABLE_LIMITS.comment,
            message: t('form.maxLength', { count: DELIVERABLE_LIMITS.comment }),
          },
        }}
        render={({ field }) => (
          <TextAreaField
            id={fields.comment.id}
            label={fields.comment.label}
            required
            hint={t('labs.deliverable.commentHint')}
            maxLength={DELIVERABLE_LIMITS.comment}
            value={field.value}
            onValueChange={field.onChange}
            error={fieldErrors.comment}
          />
        )}
      />
      <button type="submit" className="btn btn-primary" aria-disabled={send.isPending}>
        {send.isPending ? t('common.sending') : t('labs.deliverable.sendReview')}
      </button>
    </form>
  );
}

/** `/laboratori/:labId/prodotti/:id`: status, document, submit (group) or review (tutors), history. */
export function DeliverablePage() {
  const { labId = '', id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormatters();
  const { member } = useAuth();
  const client = useQueryClient();
  const [liveMessage, setLiveMessage] = useState('');
  const deliverable = useQuery({
    queryKey: labKeys.deliverable(id),
    queryFn: ({ signal }) => fetchDeliverable(id, signal),
  });
  const lab = useQuery({ queryKey: labKeys.lab(labId), queryFn: ({ signal }) => fetchLab(labId, signal) });
  const groups = useQuery({
    queryKey: labKeys.groups(labId),
    queryFn: ({ signal }) => fetchLabGroups(labId, signal),
  });
  usePageTitle(deliverable.data?.title ?? t('labs.deliverables.title'));
  useRoomEvents(
    deliverable.data ? roomName('lab', labId) : null,
    (event) => {
      foldLabEvent(client, event);
      if (isEventOfType(event, 'deliverable.status_changed') && event.data.id === id)
        setLiveMessage(
          t('labs.deliverable.liveStatus', { status: t(`labs.deliverables.statuses.${event.data.status}`) }),
        );
    },
    { onResync: () => void client.invalidateQueries({ queryKey: labKeys.deliverable(id) }) },
  );
  const submit = useMutation({
    mutationFn: () => submitDeliverable(id),
    onSuccess: (updated) => foldDeliverable(client, updated),
  });

  if (deliverable.isPending) return <Loading />;
  if (deliverable.isError)
    return <ProblemAlert error={toApiError(deliverable.error)} onRetry={() => void deliverable.refetch()} />;
  const view = deliverable.data;
  const isTutor = member?.role === 'admin' || lab.data?.myRole === 'tutor';
  const inGroup = Boolean(
    member && groups.data?.find((g) => g.id === view.groupId)?.members.some((m) => m.id === member.id),
  );
  const canSubmit =
    inGroup && DELIVERABLE_TRANSITIONS.some((move) => move.from === view.status && move.action === 'submit');

  const history = [
    ...view.submissions.map((s) => ({
      kind: 'submission' as const,
      at: s.submittedAt,
      round: s.round,
      item: s,
    })),
    ...view.reviews.map((r) => ({ kind: 'review' as const, at: r.at, round: r.round, item: r })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <>
      <LabBreadcrumb labId={labId} labTitle={lab.data?.title} section="prodotti" />
      <h1 className="mb-2">{view.title}</h1>
      <p className="mb-3" data-testid="deliverable-status">
        <DeliverableStatusBadge status={view.status} />
      </p>
      <p role="status" aria-live="polite" className="visually-hidden">
        {liveMessage}
      </p>
      <dl className="row">
        <dt className="col-sm-3">{t('labs.deliverables.group')}</dt>
        <dd className="col-sm-9">{view.groupName}</dd>
        <dt className="col-sm-3">{t('labs.deliverables.kind')}</dt>
        <dd className="col-sm-9">{t(`labs.deliverables.kinds.${view.kind}`)}</dd>
        <dt className="col-sm-3">{t('labs.deliverables.due')}</dt>
        <dd className="col-sm-9">
          {view.dueAt ? (
            <time dateTime={view.dueAt}>{format.date(view.dueAt)}</time>
          ) : (
            t('labs.deliverables.noDue')
          )}
        </dd>
      </dl>
      <p>
        <Link className="btn btn-outline-primary" to={`/documenti/${view.documentId}`}>
          {t('labs.deliverable.openDocument')}
        </Link>
      </p>
      {canSubmit && (
        <div className="mb-4">
          <p className="small">{t('labs.deliverable.submitHint')}</p>
          <button
            type="button"
            className="btn btn-primary"
            aria-disabled={submit.isPending}
            onClick={() => !submit.isPending && submit.mutate()}
          >
            {submit.isPending ? t('common.sending') : t('labs.deliverable.submit')}
          </button>
          {submit.isError && <ProblemAlert error={toApiError(submit.error)} />}
        </div>
      )}
      {isTutor && <ReviewForm deliverable={view} />}
      <h2 className="h4">{t('labs.deliverable.history')}</h2>
      {history.length === 0 ? (
        <p>{t('labs.deliverable.noHistory')}</p>
      ) : (
        <ol className="list-unstyled">
          {history.map((entry) => (
            <li key={`${entry.kind}-${entry.round}`} className="border-start border-4 ps-3 mb-3">
              {entry.kind === 'submission' ? (
                <p className="mb-0">
                  <span className="fw-semibold">
                    {t('labs.deliverable.submission', { round: entry.round })}
                  </span>{' '}
                  – <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
                </p>
              ) : (
                <>
                  <p className="mb-1">
                    <span className="fw-semibold">
                      {t('labs.deliverable.reviewRound', {
                        round: entry.round,
                        decision: t(`labs.deliverable.decisions.${entry.item.decision}`),
                      })}
                    </span>{' '}
                    –{' '}
                    {entry.item.reviewer &&
                      t('labs.deliverable.by', { name: entry.item.reviewer.displayName })}
                    , <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
                  </p>
                  <p className="mb-0 lab-text">{entry.item.comment}</p>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
