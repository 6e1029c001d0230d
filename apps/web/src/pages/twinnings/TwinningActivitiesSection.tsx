import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TWINNING_LIMITS, type TwinningActivityView, type TwinningView } from '@convergo/contracts';
import { TextField } from '../../components/form';
import { toApiError } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormatters } from '../../i18n/format';
import { addTwinningActivity, setTwinningActivityDone, twinningKeys } from './twinnings-api';

/** The planned activities; the parties' members and admins (`mayWork`) tick them and add new ones. */
export function TwinningActivitiesSection({
  twinning,
  mayWork,
}: {
  twinning: TwinningView;
  mayWork: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useQueryClient();
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [titleError, setTitleError] = useState<string | undefined>();
  const replaceActivity = (activity: TwinningActivityView, add = false) =>
    client.setQueryData<TwinningView>(twinningKeys.twinning(twinning.id), (current) =>
      current
        ? {
            ...current,
            activities: add
              ? [...current.activities, activity]
              : current.activities.map((a) => (a.id === activity.id ? activity : a)),
          }
        : current,
    );
  const tick = useMutation({
    mutationFn: ({ id, done }: { id: string; done: boolean }) => setTwinningActivityDone(id, done),
    onSuccess: (activity) => replaceActivity(activity),
  });
  const add = useMutation({
    // Noon UTC: the day stays the same in every European time zone.
    mutationFn: () =>
      addTwinningActivity(twinning.id, {
        title: title.trim(),
        ...(dueOn ? { dueAt: `${dueOn}T12:00:00.000Z` } : {}),
      }),
    onSuccess: (activity) => {
      replaceActivity(activity, true);
      setTitle('');
      setDueOn('');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setTitleError(t('form.requiredField'));
      return;
    }
    setTitleError(undefined);
    if (!add.isPending) add.mutate();
  };
  const done = twinning.activities.filter((a) => a.done).length;

  return (
    <section className="mb-4" aria-labelledby="twinning-activities">
      <h2 className="h4" id="twinning-activities">
        {t('twinnings.activities.title')}
      </h2>
      {tick.isError && <ProblemAlert error={toApiError(tick.error)} />}
      {twinning.activities.length === 0 ? (
        <p>{t('twinnings.activities.none')}</p>
      ) : (
        <>
          <p className="small">
            {t('twinnings.activities.progress', { done, total: twinning.activities.length })}
          </p>
          <ul className="list-unstyled" data-testid="twinning-activities">
            {twinning.activities.map((activity) => (
              <li key={activity.id} className="form-check mb-2">
                <input
                  id={`activity-${activity.id}`}
                  type="checkbox"
                  checked={activity.done}
                  disabled={!mayWork}
                  aria-label={t('twinnings.activities.markDone', { title: activity.title })}
                  onChange={(event) => tick.mutate({ id: activity.id, done: event.target.checked })}
                />
                <label htmlFor={`activity-${activity.id}`}>
                  {activity.title}
                  {activity.dueAt && (
                    <span className="small ms-2">
                      {t('twinnings.activities.due', { date: format.date(activity.dueAt) })}
                    </span>
                  )}
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
      {mayWork && (
        <form noValidate onSubmit={submit} aria-labelledby="twinning-activity-add">
          <h3 className="h5" id="twinning-activity-add">
            {t('twinnings.activities.add')}
          </h3>
          {add.isError && <ProblemAlert error={toApiError(add.error)} />}
          <div className="row">
            <div className="col-12 col-md-8">
              <TextField
                id="twinning-activity-title"
                label={t('twinnings.activities.newTitle')}
                required
                maxLength={TWINNING_LIMITS.activityTitle}
                value={title}
                onValueChange={setTitle}
                error={titleError}
              />
            </div>
            <div className="col-12 col-md-4">
              <TextField
                id="twinning-activity-due"
                type="date"
                label={t('twinnings.activities.dueAt')}
                value={dueOn}
                onValueChange={setDueOn}
              />
            </div>
          </div>
          <button type="submit" className="btn btn-outline-primary" aria-disabled={add.isPending}>
            {t('twinnings.activities.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
