import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ORGANIZATION_NEEDS_LIMITS, type OrganizationNeedsView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { CheckboxField, TextAreaField } from '../../components/form';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fetchNeeds, fetchSuggestedPractices, matchingKeys, saveNeeds } from '../practices/matching-api';
import { fetchPracticeThemes, practiceKeys } from '../practices/practices-api';
import { SuggestionReasons } from '../practices/SuggestionReasons';

/** An administration's needs (fabbisogni): a form for its referent and admins, read-only for others. */
function NeedsForm({ organizationId, needs }: { organizationId: string; needs: OrganizationNeedsView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const themes = useQuery({
    queryKey: practiceKeys.themes,
    queryFn: ({ signal }) => fetchPracticeThemes(signal),
  });
  const [chosen, setChosen] = useState<string[]>(needs.themes.map((theme) => theme.code));
  const [description, setDescription] = useState(needs.description);
  const [saved, setSaved] = useState(false);
  useEffect(() => setSaved(false), [chosen, description]);
  const save = useMutation({
    mutationFn: () => saveNeeds(organizationId, { themes: chosen, description }),
    onSuccess: (updated) => {
      client.setQueryData(matchingKeys.needs(organizationId), updated);
      void client.invalidateQueries({ queryKey: matchingKeys.suggestedPractices(organizationId) });
      setSaved(true);
    },
  });
  if (themes.isPending) return <Loading />;
  if (themes.isError)
    return <ProblemAlert error={toApiError(themes.error)} onRetry={() => void themes.refetch()} />;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!save.isPending) save.mutate();
      }}
    >
      {save.isError && <ProblemAlert error={toApiError(save.error)} />}
      <fieldset className="mb-3">
        <legend className="h6">{t('practices.matching.themes')}</legend>
        {themes.data.map((theme) => (
          <CheckboxField
            key={theme.code}
            id={`need-theme-${theme.code}`}
            label={theme.label}
            checked={chosen.includes(theme.code)}
            onCheckedChange={(checked) =>
              setChosen((current) =>
                checked ? [...current, theme.code] : current.filter((code) => code !== theme.code),
              )
            }
          />
        ))}
      </fieldset>
      <TextAreaField
        id="need-description"
        label={t('practices.matching.description')}
        hint={t('practices.matching.descriptionHint')}
        value={description}
        onValueChange={setDescription}
        maxLength={ORGANIZATION_NEEDS_LIMITS.description}
      />
      <button type="submit" className="btn btn-primary" aria-disabled={save.isPending}>
        {t('practices.matching.save')}
      </button>
      <p role="status" className="mt-2">
        {saved ? t('practices.matching.saved') : ''}
      </p>
    </form>
  );
}

function NeedsReadOnly({ needs }: { needs: OrganizationNeedsView }) {
  const { t } = useTranslation();
  if (needs.themes.length === 0 && !needs.description) return <p>{t('practices.matching.noNeeds')}</p>;
  return (
    <>
      <ul>
        {needs.themes.map((theme) => (
          <li key={theme.code}>{theme.label}</li>
        ))}
      </ul>
      {needs.description && <p style={{ whiteSpace: 'pre-line' }}>{needs.description}</p>}
    </>
  );
}

function SuggestedPractices({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const suggestions = useQuery({
    queryKey: matchingKeys.suggestedPractices(organizationId),
    queryFn: ({ signal }) => fetchSuggestedPractices(organizationId, signal),
  });
  return (
    <section className="mb-4" aria-labelledby="suggested-practices">
      <h2 className="h4" id="suggested-practices">
        {t('practices.matching.suggestedPractices')}
      </h2>
      {suggestions.isPending && <Loading />}
      {suggestions.isError && (
        <ProblemAlert error={toApiError(suggestions.error)} onRetry={() => void suggestions.refetch()} />
      )}
      {suggestions.data?.length === 0 && <p>{t('practices.matching.noPractices')}</p>}
      {suggestions.data && suggestions.data.length > 0 && (
        <ol className="list-unstyled" data-testid="suggested-practices">
          {suggestions.data.map(({ practice, score, reasons }) => (
            <li key={practice.id} className="mb-3">
              <Link to={`/buone-pratiche/${practice.id}`}>{practice.title}</Link> —{' '}
              {practice.offeringOrganization.name}
              <SuggestionReasons score={score} reasons={reasons} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function OrganizationNeedsPanel({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const needs = useQuery({
    queryKey: matchingKeys.needs(organizationId),
    queryFn: ({ signal }) => fetchNeeds(organizationId, signal),
  });
  return (
    <>
      <section className="mb-4" aria-labelledby="organization-needs">
        <h2 className="h4" id="organization-needs">
          {t('practices.matching.needs')}
        </h2>
        {needs.isPending && <Loading />}
        {needs.isError && (
          <ProblemAlert error={toApiError(needs.error)} onRetry={() => void needs.refetch()} />
        )}
        {needs.data &&
          (needs.data.canEdit ? (
            <NeedsForm organizationId={organizationId} needs={needs.data} />
          ) : (
            <NeedsReadOnly needs={needs.data} />
          ))}
      </section>
      <SuggestedPractices organizationId={organizationId} />
    </>
  );
}
