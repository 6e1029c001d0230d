import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { toApiError } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { kindLabel } from '../../lib/organization-labels';
import { fetchSuggestedOrganizations, matchingKeys } from './matching-api';
import { SuggestionReasons } from './SuggestionReasons';

/** Demand-led matching on a practice's page: the administrations whose needs fit it (admins). */
export function SuggestedOrganizationsPanel({ practiceId }: { practiceId: string }) {
  const { member } = useAuth();
  const isAdmin = member?.role === 'admin';
  if (!isAdmin) return null;
  return <SuggestedOrganizationsList practiceId={practiceId} />;
}

function SuggestedOrganizationsList({ practiceId }: { practiceId: string }) {
  const { t } = useTranslation();
  const suggestions = useQuery({
    queryKey: matchingKeys.suggestedOrganizations(practiceId),
    queryFn: ({ signal }) => fetchSuggestedOrganizations(practiceId, signal),
  });
  return (
    <section className="mb-4" aria-labelledby="suggested-organizations">
      <h2 className="h4" id="suggested-organizations">
        {t('practices.matching.suggestedOrganizations')}
      </h2>
      {suggestions.isPending && <Loading />}
      {suggestions.isError && (
        <ProblemAlert error={toApiError(suggestions.error)} onRetry={() => void suggestions.refetch()} />
      )}
      {suggestions.data?.length === 0 && <p>{t('practices.matching.noOrganizations')}</p>}
      {suggestions.data && suggestions.data.length > 0 && (
        <ol className="list-unstyled" data-testid="suggested-organizations">
          {suggestions.data.map(({ organization, score, reasons }) => (
            <li key={organization.id} className="mb-3">
              <Link to={`/enti/${organization.id}`}>{organization.name}</Link> (
              {kindLabel(t, organization.kind)}
              {organization.region ? `, ${organization.region}` : ''})
              <SuggestionReasons score={score} reasons={reasons} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
