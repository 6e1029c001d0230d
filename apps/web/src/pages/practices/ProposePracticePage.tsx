import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { PRACTICE_LIMITS, type CreatePracticeInput } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { CheckboxField, TextAreaField, TextField } from '../../components/form';
import { fieldProps } from '../../components/field-props';
import { fieldErrorMessages } from '../../components/field-errors';
import { ErrorSummary } from '../../components/ProblemAlert';
import { useFormWithSummary } from '../../components/useFormWithSummary';
import { usePageTitle } from '../../components/usePageTitle';
import { themeLabel } from './PracticeBadges';
import { fetchPracticeThemes, practiceKeys, proposePractice } from './practices-api';

interface ProposalValues {
  title: string;
  summary: string;
  themes: string[];
  description: string;
  territory: string;
  results: string;
  licence: string;
  handedOver: string;
  effort: string;
  office: string;
  email: string;
}

const EMPTY: ProposalValues = {
  title: '',
  summary: '',
  themes: [],
  description: '',
  territory: '',
  results: '',
  licence: '',
  handedOver: '',
  effort: '',
  office: '',
  email: '',
};

/** `/buone-pratiche/proponi`: a member proposes a practice of their own administration. */
export function ProposePracticePage() {
  const { t } = useTranslation();
  usePageTitle(t('practices.propose.title'));
  const { member } = useAuth();
  const navigate = useNavigate();
  const client = useQueryClient();
  const themes = useQuery({
    queryKey: practiceKeys.themes,
    queryFn: ({ signal }) => fetchPracticeThemes(signal),
  });
  const { form, clientErrors, onSubmit } = useFormWithSummary<ProposalValues>({
    defaultValues: EMPTY,
    apiNames: { office: 'contacts', licence: 'reuseConditions' },
  });
  const save = useMutation({
    mutationFn: (body: CreatePracticeInput) => proposePractice(body),
    onSuccess: async (created) => {
      await client.invalidateQueries({ queryKey: practiceKeys.catalogue });
      void navigate(`/buone-pratiche/${created.id}`);
    },
  });
  const organization = member?.organization ?? null;

  const fields = {
    title: { id: 'practice-title', label: t('practices.propose.fields.title') },
    summary: { id: 'practice-summary', label: t('practices.propose.fields.summary') },
    themes: { id: 'practice-themes', label: t('practices.propose.fields.themes') },
    description: { id: 'practice-description', label: t('practices.fields.description') },
    territory: { id: 'practice-territory', label: t('practices.fields.territory') },
    results: { id: 'practice-results', label: t('practices.fields.results') },
    reuseConditions: { id: 'practice-licence', label: t('practices.fields.licence') },
    handedOver: { id: 'practice-handed-over', label: t('practices.fields.handedOver') },
    effort: { id: 'practice-effort', label: t('practices.fields.effort') },
    contacts: { id: 'practice-office', label: t('practices.propose.fields.office') },
    email: { id: 'practice-email', label: t('practices.propose.fields.email') },
  };
  const required = (value: string) => (value.trim() ? true : t('form.requiredField'));
  const max = (count: number) => ({ value: count, message: t('form.maxLength', { count }) });
  const error = save.isError ? toApiError(save.error) : null;
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);

  if (!organization) {
    return (
      <>
        <h1 className="mb-3">{t('practices.propose.title')}</h1>
        <p>{t('practices.propose.noOrganization')}</p>
        <Link to="/buone-pratiche">{t('practices.catalogue.title')}</Link>
      </>
    );
  }

  const submit = onSubmit(save.isPending, (values) => {
    const office = values.office.trim();
    save.mutate({
      title: values.title.trim(),
      summary: values.summary.trim(),
      themes: values.themes,
      offeringOrganizationId: organization.id,
      description: values.description.trim(),
      territory: values.territory.trim(),
      results: values.results.trim(),
      reuseConditions: {
        licence: values.licence.trim() || null,
        handedOver: values.handedOver.trim(),
        effort: values.effort.trim(),
      },
      ...(office
        ? { contacts: { office, email: values.email.trim() || null, phone: null, website: null } }
        : {}),
    });
  });

  const text = (name: 'territory' | 'licence', meta: { id: string; label: string }, limit: number) => (
    <Controller
      control={form.control}
      name={name}
      rules={{ maxLength: max(limit) }}
      render={({ field }) => (
        <TextField
          {...fieldProps(meta, field, fieldErrors[name === 'licence' ? 'reuseConditions' : name])}
          maxLength={limit}
        />
      )}
    />
  );
  const area = (
    name: 'description' | 'results' | 'handedOver' | 'effort',
    meta: { id: string; label: string },
    limit: number,
    hint?: string,
  ) => (
    <Controller
      control={form.control}
      name={name}
      rules={{ maxLength: max(limit) }}
      render={({ field }) => (
        <TextAreaField {...fieldProps(meta, field, fieldErrors[name])} maxLength={limit} hint={hint} />
      )}
    />
  );

  return (
    <>
      <h1 className="mb-3">{t('practices.propose.title')}</h1>
      <p className="lead">{t('practices.propose.intro', { organization: organization.name })}</p>
      <form onSubmit={submit} noValidate>
        <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />
        <Controller
          control={form.control}
          name="title"
          rules={{ validate: required, maxLength: max(PRACTICE_LIMITS.title) }}
          render={({ field }) => (
            <TextField
              {...fieldProps(fields.title, field, fieldErrors.title)}
              required
              maxLength={PRACTICE_LIMITS.title}
            />
          )}
        />
        <Controller
          control={form.control}
          name="summary"
          rules={{ validate: required, maxLength: max(PRACTICE_LIMITS.summary) }}
          render={({ field }) => (
            <TextAreaField
              {...fieldProps(fields.summary, field, fieldErrors.summary)}
              required
              maxLength={PRACTICE_LIMITS.summary}
            />
          )}
        />
        <Controller
          control={form.control}
          name="themes"
          rules={{
            validate: (value) =>
              value.length === 0
                ? t('practices.propose.themesRequired')
                : value.length > PRACTICE_LIMITS.themes
                  ? t('practices.propose.themesTooMany', { count: PRACTICE_LIMITS.themes })
                  : true,
          }}
          render={({ field }) => (
            <fieldset
              className="mb-4"
              id={fields.themes.id}
              tabIndex={-1}
              aria-describedby="practice-themes-error"
            >
              <legend className="h6">{fields.themes.label} *</legend>
              {fieldErrors.themes && (
                <p className="text-danger small" id="practice-themes-error">
                  {fieldErrors.themes}
                </p>
              )}
              <div className="row">
                {(themes.data ?? []).map((theme) => (
                  <div key={theme.code} className="col-12 col-md-6">
                    <CheckboxField
                      id={`practice-theme-${theme.code}`}
                      label={themeLabel(theme)}
                      checked={field.value.includes(theme.code)}
                      onCheckedChange={(checked) =>
                        field.onChange(
                          checked
                            ? [...field.value, theme.code]
                            : field.value.filter((c) => c !== theme.code),
                        )
                      }
                    />
                  </div>
                ))}
              </div>
            </fieldset>
          )}
        />
        {area(
          'description',
          fields.description,
          PRACTICE_LIMITS.description,
          t('practices.propose.descriptionHint'),
        )}
        {text('territory', fields.territory, PRACTICE_LIMITS.territory)}
        {area('results', fields.results, PRACTICE_LIMITS.results)}
        <h2 className="h4 mt-4">{t('practices.fields.reuse')}</h2>
        {text('licence', fields.reuseConditions, PRACTICE_LIMITS.licence)}
        {area('handedOver', fields.handedOver, PRACTICE_LIMITS.handedOver)}
        {area('effort', fields.effort, PRACTICE_LIMITS.effort)}
        <h2 className="h4 mt-4">{t('practices.fields.contacts')}</h2>
        <p className="small">{t('practices.propose.contactsHint')}</p>
        <Controller
          control={form.control}
          name="office"
          rules={{ maxLength: max(PRACTICE_LIMITS.contactOffice) }}
          render={({ field }) => (
            <TextField
              {...fieldProps(fields.contacts, field, fieldErrors.contacts)}
              maxLength={PRACTICE_LIMITS.contactOffice}
            />
          )}
        />
        <Controller
          control={form.control}
          name="email"
          rules={{ maxLength: max(PRACTICE_LIMITS.contactEmail) }}
          render={({ field }) => (
            <TextField
              {...fieldProps(fields.email, field, fieldErrors.email)}
              type="email"
              maxLength={PRACTICE_LIMITS.contactEmail}
            />
          )}
        />
        <button type="submit" className="btn btn-primary mt-3" aria-disabled={save.isPending}>
          {save.isPending ? t('common.sending') : t('practices.propose.submit')}
        </button>
      </form>
    </>
  );
}
