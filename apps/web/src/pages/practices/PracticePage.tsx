import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PRACTICE_LIMITS, roomName, type PracticeAction, type PracticeView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { TextAreaField } from '../../components/form';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { kindLabel } from '../../lib/organization-labels';
import { isEventOfType, useRoomEvents } from '../../realtime/useRoomEvents';
import { PracticeStatusBadge, ThemeBadges } from './PracticeBadges';
import { fetchPractice, movePractice, practiceKeys } from './practices-api';
import { SuggestedOrganizationsPanel } from './SuggestedOrganizationsPanel';
import { PracticeTwinningsSection } from '../twinnings/PracticeTwinningsSection';

/** The review buttons the API says the asker may press now (PRACTICE_TRANSITIONS and role). */
function ReviewActions({ practice }: { practice: PracticeView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  const move = useMutation({
    mutationFn: ({ action, note }: { action: PracticeAction; note?: string }) =>
      movePractice(practice.id, action, note),
    onSuccess: (updated) => {
      client.setQueryData(practiceKeys.practice(updated.id), updated);
      void client.invalidateQueries({ queryKey: practiceKeys.catalogue });
      setNote('');
    },
  });
  const buttons = practice.actions.filter((action) => action !== 'request_changes');
  const canRequestChanges = practice.actions.includes('request_changes');
  if (practice.actions.length === 0) return null;
  return (
    <section className="mb-4" aria-labelledby="practice-review">
      <h2 className="h4" id="practice-review">
        {t('practices.review.title')}
      </h2>
      {move.isError && <ProblemAlert error={toApiError(move.error)} />}
      <div className="d-flex flex-wrap gap-2 mb-3">
        {buttons.map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'archive' ? 'btn btn-outline-danger' : 'btn btn-primary'}
            aria-disabled={move.isPending}
            onClick={() => !move.isPending && move.mutate({ action })}
          >
            {t(`practices.review.actions.${action}`)}
          </button>
        ))}
      </div>
      {canRequestChanges && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!note.trim()) {
              setNoteError(t('form.requiredField'));
              return;
            }
            setNoteError(undefined);
            if (!move.isPending) move.mutate({ action: 'request_changes', note: note.trim() });
          }}
        >
          <TextAreaField
            id="practice-review-note"
            label={t('practices.review.note')}
            hint={t('practices.review.noteHint')}
            required
            maxLength={PRACTICE_LIMITS.note}
            value={note}
            onValueChange={setNote}
            error={noteError}
          />
          <button type="submit" className="btn btn-outline-primary" aria-disabled={move.isPending}>
            {t('practices.review.actions.request_changes')}
          </button>
        </form>
      )}
    </section>
  );
}

/** `/buone-pratiche/:id`: the practice, its reuse conditions and contacts; the review for admins. */
export function PracticePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useQueryClient();
  const [liveMessage, setLiveMessage] = useState('');
  const practice = useQuery({
    queryKey: practiceKeys.practice(id),
    queryFn: ({ signal }) => fetchPractice(id, signal),
  });
  usePageTitle(practice.data?.title ?? t('practices.catalogue.title'));
  useRoomEvents(
    practice.data ? roomName('practice', id) : null,
    (event) => {
      if (isEventOfType(event, 'practice.status_changed') || isEventOfType(event, 'practice.updated')) {
        // The live view is a bystander's: refetch for my own actions and the review note.
        void client.invalidateQueries({ queryKey: practiceKeys.practice(id) });
        if (event.type === 'practice.status_changed')
          setLiveMessage(t('practices.liveStatus', { status: t(`practices.statuses.${event.data.status}`) }));
      }
    },
    { onResync: () => void client.invalidateQueries({ queryKey: practiceKeys.practice(id) }) },
  );

  if (practice.isPending) return <Loading />;
  if (practice.isError)
    return <ProblemAlert error={toApiError(practice.error)} onRetry={() => void practice.refetch()} />;
  const view = practice.data;
  const organization = view.offeringOrganization;
  const period =
    view.period.from || view.period.to
      ? `${view.period.from ? format.date(view.period.from) : '…'} – ${view.period.to ? format.date(view.period.to) : '…'}`
      : null;

  return (
    <>
      <nav aria-label={t('practices.breadcrumb')} className="breadcrumb-container mb-3">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/buone-pratiche">{t('practices.catalogue.title')}</Link>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {view.title}
          </li>
        </ol>
      </nav>
      <h1 className="mb-2">{view.title}</h1>
      <p className="mb-3" data-testid="practice-status">
        <PracticeStatusBadge status={view.status} /> <ThemeBadges themes={view.themes} />
      </p>
      <p role="status" aria-live="polite" className="visually-hidden">
        {liveMessage}
      </p>
      {view.reviewNote && (
        <div className="alert alert-warning" role="note">
          <p className="fw-semibold mb-1">{t('practices.reviewNote')}</p>
          <p className="mb-0" style={{ whiteSpace: 'pre-line' }}>
            {view.reviewNote}
          </p>
        </div>
      )}
      <p className="lead">{view.summary}</p>
      <dl className="row">
        <dt className="col-sm-3">{t('practices.fields.offering')}</dt>
        <dd className="col-sm-9">
          {organization.name} ({kindLabel(t, organization.kind)}
          {organization.region ? `, ${organization.region}` : ''})
        </dd>
        {view.territory && (
          <>
            <dt className="col-sm-3">{t('practices.fields.territory')}</dt>
            <dd className="col-sm-9">{view.territory}</dd>
          </>
        )}
        {period && (
          <>
            <dt className="col-sm-3">{t('practices.fields.period')}</dt>
            <dd className="col-sm-9">{period}</dd>
          </>
        )}
      </dl>
      {view.descriptionHtml && (
        <section className="mb-4" aria-labelledby="practice-description">
          <h2 className="h4" id="practice-description">
            {t('practices.fields.description')}
          </h2>
          <div className="post-body" dangerouslySetInnerHTML={{ __html: view.descriptionHtml }} />
        </section>
      )}
      {view.documentId && (
        <p>
          <Link className="btn btn-outline-primary" to={`/documenti/${view.documentId}`}>
            {t('practices.openDocument')}
          </Link>
        </p>
      )}
      {view.results && (
        <section className="mb-4" aria-labelledby="practice-results">
          <h2 className="h4" id="practice-results">
            {t('practices.fields.results')}
          </h2>
          <p style={{ whiteSpace: 'pre-line' }}>{view.results}</p>
        </section>
      )}
      <section className="mb-4" aria-labelledby="practice-reuse">
        <h2 className="h4" id="practice-reuse">
          {t('practices.fields.reuse')}
        </h2>
        <dl className="row">
          <dt className="col-sm-3">{t('practices.fields.licence')}</dt>
          <dd className="col-sm-9">{view.reuseConditions.licence ?? t('practices.notStated')}</dd>
          <dt className="col-sm-3">{t('practices.fields.handedOver')}</dt>
          <dd className="col-sm-9">{view.reuseConditions.handedOver || t('practices.notStated')}</dd>
          <dt className="col-sm-3">{t('practices.fields.effort')}</dt>
          <dd className="col-sm-9">{view.reuseConditions.effort || t('practices.notStated')}</dd>
        </dl>
      </section>
      {view.contacts && (
        <section className="mb-4" aria-labelledby="practice-contacts">
          <h2 className="h4" id="practice-contacts">
            {t('practices.fields.contacts')}
          </h2>
          <p className="mb-1">{view.contacts.office}</p>
          {view.contacts.email && (
            <p className="mb-1">
              <a href={`mailto:${view.contacts.email}`}>{view.contacts.email}</a>
            </p>
          )}
          {view.contacts.phone && <p className="mb-1">{view.contacts.phone}</p>}
          {view.contacts.website && /^https?:\/\//i.test(view.contacts.website) && (
            <p className="mb-1">
              <a href={view.contacts.website} rel="noopener noreferrer" target="_blank">
                {view.contacts.website}
              </a>
            </p>
          )}
        </section>
      )}
      {view.status === 'published' && <PracticeTwinningsSection practice={view} />}
      <ReviewActions practice={view} />
      <SuggestedOrganizationsPanel practiceId={view.id} />
    </>
  );
}
