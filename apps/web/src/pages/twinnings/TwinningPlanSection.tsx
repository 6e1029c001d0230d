import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TWINNING_BUDGET_PATTERN, TWINNING_LIMITS, type TwinningView } from '@convergo/contracts';
import { TextAreaField, TextField } from '../../components/form';
import { toApiError } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormatters } from '../../i18n/format';
import { twinningKeys, updateTwinning } from './twinnings-api';

interface PlanDraft {
  plannedStart: string;
  plannedEnd: string;
  budget: string;
  outcomes: string;
}

const draftOf = (twinning: TwinningView): PlanDraft => ({
  plannedStart: twinning.plannedStart ?? '',
  plannedEnd: twinning.plannedEnd ?? '',
  budget: twinning.budget ?? '',
  outcomes: twinning.outcomes,
});

/** Euros typed the Italian way ("12.500,50") or the API's ("12500.50"), as the API's decimal. */
export function budgetFromInput(text: string): string {
  const compact = text.trim().replace(/\s/g, '');
  return compact.includes(',') ? compact.replace(/\./g, '').replace(',', '.') : compact;
}

/** Planned dates, budget and outcomes; an edit form for the parties' referents and admins (`canEdit`). */
export function TwinningPlanSection({ twinning }: { twinning: TwinningView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<PlanDraft>(() => draftOf(twinning));
  const [errors, setErrors] = useState<Partial<Record<keyof PlanDraft, string>>>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      updateTwinning(twinning.id, {
        plannedStart: draft.plannedStart || null,
        plannedEnd: draft.plannedEnd || null,
        budget: draft.budget.trim() ? budgetFromInput(draft.budget) : null,
        outcomes: draft.outcomes,
      }),
    onSuccess: (updated) => {
      client.setQueryData(twinningKeys.twinning(updated.id), updated);
      setEditing(false);
      setSaved(true);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (draft.plannedStart && draft.plannedEnd && draft.plannedEnd < draft.plannedStart)
      found.plannedEnd = t('twinnings.plan.endBeforeStart');
    if (draft.budget.trim() && !TWINNING_BUDGET_PATTERN.test(budgetFromInput(draft.budget)))
      found.budget = t('twinnings.plan.budgetInvalid');
    setErrors(found);
    if (Object.keys(found).length === 0 && !save.isPending) save.mutate();
  };

  const money = (budget: string) =>
    new Intl.NumberFormat(format.locale, { style: 'currency', currency: 'EUR' }).format(Number(budget));

  return (
    <section className="mb-4" aria-labelledby="twinning-plan">
      <h2 className="h4" id="twinning-plan">
        {t('twinnings.plan.title')}
      </h2>
      <p role="status" className={saved ? 'text-success' : 'visually-hidden'}>
        {saved ? t('twinnings.plan.saved') : ''}
      </p>
      {!editing && (
        <>
          <dl className="row" data-testid="twinning-plan">
            <dt className="col-sm-3">{t('twinnings.plan.plannedStart')}</dt>
            <dd className="col-sm-9">
              {twinning.plannedStart ? format.date(twinning.plannedStart) : t('twinnings.plan.notSet')}
            </dd>
            <dt className="col-sm-3">{t('twinnings.plan.plannedEnd')}</dt>
            <dd className="col-sm-9">
              {twinning.plannedEnd ? format.date(twinning.plannedEnd) : t('twinnings.plan.notSet')}
            </dd>
            <dt className="col-sm-3">{t('twinnings.plan.budget')}</dt>
            <dd className="col-sm-9">
              {twinning.budget ? money(twinning.budget) : t('twinnings.plan.notSet')}
            </dd>
            <dt className="col-sm-3">{t('twinnings.plan.outcomes')}</dt>
            {/* Plain text, line breaks kept: whatever markup it holds is shown, never run. */}
            <dd className="col-sm-9" style={{ whiteSpace: 'pre-line' }}>
              {twinning.outcomes || t('twinnings.plan.noOutcomes')}
            </dd>
          </dl>
          {twinning.canEdit && (
            <button
              type="button"
              className="btn btn-outline-primary"
              onClick={() => {
                setDraft(draftOf(twinning));
                setErrors({});
                setSaved(false);
                setEditing(true);
              }}
            >
              {t('twinnings.plan.edit')}
            </button>
          )}
        </>
      )}
      {editing && (
        <form noValidate onSubmit={submit}>
          {save.isError && <ProblemAlert error={toApiError(save.error)} />}
          <div className="row">
            <div className="col-12 col-md-6">
              <TextField
                id="twinning-planned-start"
                type="date"
                label={t('twinnings.plan.plannedStart')}
                value={draft.plannedStart}
                onValueChange={(plannedStart) => setDraft({ ...draft, plannedStart })}
              />
            </div>
            <div className="col-12 col-md-6">
              <TextField
                id="twinning-planned-end"
                type="date"
                label={t('twinnings.plan.plannedEnd')}
                value={draft.plannedEnd}
                onValueChange={(plannedEnd) => setDraft({ ...draft, plannedEnd })}
                error={errors.plannedEnd}
              />
            </div>
          </div>
          <TextField
            id="twinning-budget"
            inputMode="decimal"
            label={t('twinnings.plan.budget')}
            hint={t('twinnings.plan.budgetHint')}
            value={draft.budget}
            onValueChange={(budget) => setDraft({ ...draft, budget })}
            error={errors.budget}
          />
          <TextAreaField
            id="twinning-outcomes"
            label={t('twinnings.plan.outcomes')}
            maxLength={TWINNING_LIMITS.outcomes}
            value={draft.outcomes}
            onValueChange={(outcomes) => setDraft({ ...draft, outcomes })}
          />
          <div className="d-flex gap-2">
            <button type="submit" className="btn btn-primary" aria-disabled={save.isPending}>
              {t('twinnings.plan.save')}
            </button>
            <button type="button" className="btn btn-outline-secondary" onClick={() => setEditing(false)}>
              {t('twinnings.plan.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
