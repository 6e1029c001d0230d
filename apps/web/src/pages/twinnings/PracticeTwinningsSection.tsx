import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TWINNING_LIMITS, type PracticeView, type TwinningView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { TextAreaField } from '../../components/form';
import { Loading } from '../../components/Loading';
import { OrganizationPicker, type PickedOrganization } from '../../components/OrganizationPicker';
import { ProblemAlert } from '../../components/ProblemAlert';
import { OrganizationLink } from './OrganizationLink';
import { TwinningStatusBadge } from './TwinningStatus';
import {
  fetchPracticeAdopters,
  fetchPracticeTwinnings,
  requestTwinning,
  twinningKeys,
} from './twinnings-api';

/**
 * "Richiedi gemellaggio": the referent of another administration asks for it in its name; an admin
 * picks the receiving administration. Lands on the new twinning's page.
 */
function RequestTwinningForm({ practice, onCancel }: { practice: PracticeView; onCancel(): void }) {
  const { t } = useTranslation();
  const { member } = useAuth();
  const navigate = useNavigate();
  const client = useQueryClient();
  const isAdmin = member?.role === 'admin';
  const [picked, setPicked] = useState<PickedOrganization | null>(null);
  const [pickError, setPickError] = useState<string | undefined>();
  const [needs, setNeeds] = useState('');
  const organizationId = isAdmin ? picked?.id : member?.organization?.id;
  const send = useMutation({
    mutationFn: (receiving: string) =>
      requestTwinning(practice.id, {
        organizationId: receiving,
        ...(needs.trim() ? { needs: needs.trim() } : {}),
      }),
    onSuccess: (twinning) => {
      client.setQueryData(twinningKeys.twinning(twinning.id), twinning);
      void client.invalidateQueries({ queryKey: twinningKeys.ofPractice(practice.id) });
      void client.invalidateQueries({ queryKey: twinningKeys.lists });
      void navigate(`/gemellaggi/${twinning.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!organizationId) {
      setPickError(t('form.requiredField'));
      return;
    }
    setPickError(undefined);
    if (!send.isPending) send.mutate(organizationId);
  };
  return (
    <form noValidate onSubmit={submit} className="mb-3" aria-labelledby="twinning-request-title">
      <h3 className="h5" id="twinning-request-title">
        {t('twinnings.practice.requestTitle')}
      </h3>
      <p>{t('twinnings.practice.requestIntro')}</p>
      {send.isError && <ProblemAlert error={toApiError(send.error)} />}
      {isAdmin ? (
        <OrganizationPicker
          id="twinning-request-organization"
          legend={t('twinnings.practice.receiving')}
          value={picked}
          onChange={setPicked}
          required
          error={pickError}
        />
      ) : (
        <p>
          <span className="fw-semibold">{t('twinnings.practice.receiving')}:</span>{' '}
          {member?.organization?.name}
        </p>
      )}
      <TextAreaField
        id="twinning-request-needs"
        label={t('twinnings.practice.needs')}
        maxLength={TWINNING_LIMITS.needs}
        value={needs}
        onValueChange={setNeeds}
      />
      <div className="d-flex gap-2">
        <button type="submit" className="btn btn-primary" aria-disabled={send.isPending}>
          {t('twinnings.practice.submit')}
        </button>
        <button type="button" className="btn btn-outline-secondary" onClick={onCancel}>
          {t('twinnings.plan.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Whether the member may ask for this practice: an admin, or another administration's referent. */
function mayRequest(
  practice: PracticeView,
  twinnings: TwinningView[],
  member: ReturnType<typeof useAuth>['member'],
) {
  if (practice.status !== 'published' || !member) return { may: false, already: false };
  if (member.role === 'admin') return { may: true, already: false };
  const organizationId = member.organization?.id;
  if (!member.isReferent || !organizationId || organizationId === practice.offeringOrganization.id)
    return { may: false, already: false };
  const already = twinnings.some(
    (twinning) =>
      twinning.status !== 'ritirato' && twinning.receivingOrganizations.some((o) => o.id === organizationId),
  );
  return { may: !already, already };
}

/** On a practice's page: its twinnings (links to `/gemellaggi/:id`), who adopted it, and the request. */
export function PracticeTwinningsSection({ practice }: { practice: PracticeView }) {
  const { t } = useTranslation();
  const { member } = useAuth();
  const [requesting, setRequesting] = useState(false);
  const twinnings = useQuery({
    queryKey: twinningKeys.ofPractice(practice.id),
    queryFn: ({ signal }) => fetchPracticeTwinnings(practice.id, signal),
  });
  const adopters = useQuery({
    queryKey: twinningKeys.adopters(practice.id),
    queryFn: ({ signal }) => fetchPracticeAdopters(practice.id, signal),
  });
  const request = mayRequest(practice, twinnings.data ?? [], member);

  return (
    <div className="row mb-4">
      <section className="col-12 col-lg-7" aria-labelledby="practice-twinnings">
        <h2 className="h4" id="practice-twinnings">
          {t('twinnings.practice.twinnings')}
        </h2>
        {twinnings.isPending && <Loading />}
        {twinnings.isError && (
          <ProblemAlert error={toApiError(twinnings.error)} onRetry={() => void twinnings.refetch()} />
        )}
        {twinnings.data?.length === 0 && <p>{t('twinnings.practice.noTwinnings')}</p>}
        {twinnings.data && twinnings.data.length > 0 && (
          <ul className="list-unstyled" data-testid="practice-twinnings">
            {twinnings.data.map((twinning) => (
              <li key={twinning.id} className="mb-2">
                <Link to={`/gemellaggi/${twinning.id}`}>{twinning.title}</Link>{' '}
                <TwinningStatusBadge status={twinning.status} />
              </li>
            ))}
          </ul>
        )}
        {twinnings.isSuccess && request.already && <p>{t('twinnings.practice.yours')}</p>}
        {twinnings.isSuccess && request.may && !requesting && (
          <button type="button" className="btn btn-primary" onClick={() => setRequesting(true)}>
            {t('twinnings.practice.request')}
          </button>
        )}
        {request.may && requesting && (
          <RequestTwinningForm practice={practice} onCancel={() => setRequesting(false)} />
        )}
      </section>
      <section className="col-12 col-lg-5" aria-labelledby="practice-adopters">
        <h2 className="h4" id="practice-adopters">
          {t('twinnings.practice.adopters')}
        </h2>
        {adopters.isPending && <Loading />}
        {adopters.isError && (
          <ProblemAlert error={toApiError(adopters.error)} onRetry={() => void adopters.refetch()} />
        )}
        {adopters.data?.length === 0 && <p>{t('twinnings.practice.noAdopters')}</p>}
        {adopters.data && adopters.data.length > 0 && (
          <ul className="list-unstyled" data-testid="practice-adopters">
            {adopters.data.map((adopter) => (
              <li key={`${adopter.twinningId}-${adopter.organization.id}`} className="mb-2">
                <OrganizationLink organization={adopter.organization} /> ·{' '}
                <Link to={`/gemellaggi/${adopter.twinningId}`}>
                  {t('twinnings.practice.adoptedVia', {
                    status: t(`twinnings.statuses.${adopter.status}`).toLowerCase(),
                  })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
