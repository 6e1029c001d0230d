import { useTranslation } from 'react-i18next';
import type { TwinningStatus } from '@convergo/contracts';

const STATUS_CLASSES: Record<TwinningStatus, string> = {
  candidatura: 'bg-warning text-dark',
  selezionato: 'bg-primary',
  in_corso: 'bg-success',
  concluso: 'bg-secondary',
  ritirato: 'bg-danger',
};

/** The path a twinning follows; `ritirato` leaves it from any open step. */
const STEPS: readonly TwinningStatus[] = ['candidatura', 'selezionato', 'in_corso', 'concluso'];

export function TwinningStatusBadge({ status }: { status: TwinningStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${STATUS_CLASSES[status]}`}>{t(`twinnings.statuses.${status}`)}</span>;
}

/**
 * candidatura → selezionato → in corso → concluso as an ordered list (the current step marked
 * with aria-current); a withdrawn twinning is said apart, its steps left as they were.
 */
export function TwinningStepper({ status, reached }: { status: TwinningStatus; reached: TwinningStatus[] }) {
  const { t } = useTranslation();
  const current = STEPS.indexOf(status);
  const last = current >= 0 ? current : Math.max(...reached.map((s) => STEPS.indexOf(s)));
  return (
    <>
      <ol
        className="twinning-stepper list-unstyled d-flex flex-wrap gap-2 mb-4"
        aria-label={t('twinnings.page.stepper')}
      >
        {STEPS.map((step, index) => {
          const isCurrent = index === current;
          const done = index < last || (current < 0 && index === last);
          return (
            <li
              key={step}
              aria-current={isCurrent ? 'step' : undefined}
              className={`px-3 py-2 rounded border ${isCurrent ? 'bg-primary text-white border-primary fw-semibold' : done ? 'border-success' : 'text-secondary'}`}
            >
              <span aria-hidden="true">{index + 1}. </span>
              {t(`twinnings.statuses.${step}`)}
              {isCurrent && <span className="visually-hidden"> ({t('twinnings.page.currentStep')})</span>}
              {done && <span className="visually-hidden"> ({t('twinnings.page.doneStep')})</span>}
            </li>
          );
        })}
      </ol>
      {status === 'ritirato' && (
        <p className="alert alert-danger" role="note">
          {t('twinnings.page.withdrawn')}
        </p>
      )}
    </>
  );
}
