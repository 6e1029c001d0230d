import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import type { AgendaItem, LabSessionView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { LivePanel } from './LivePanel';
import { pushAgendaStep } from './live-api';

/** The agenda with the step under way marked; whoever leads moves it back and forth for everyone. */
export function LiveAgenda({
  sessionId,
  agenda,
  currentStep,
  canLead,
  onPushed,
}: {
  sessionId: string;
  agenda: AgendaItem[];
  currentStep: number | null;
  canLead: boolean;
  onPushed(session: LabSessionView): void;
}) {
  const { t } = useTranslation();
  const push = useMutation({
    mutationFn: (step: number) => pushAgendaStep(sessionId, { step }),
    onSuccess: onPushed,
  });
  const go = (step: number) => {
    if (!push.isPending && step >= 0 && step < agenda.length) push.mutate(step);
  };
  const atStart = currentStep === null || currentStep <= 0;
  const atEnd = currentStep !== null && currentStep >= agenda.length - 1;

  return (
    <LivePanel
      id="live-agenda"
      title={t('live.agenda.title')}
      actions={
        canLead &&
        agenda.length > 0 && (
          <div className="d-flex gap-2">
            <button
              type="button"
              className="btn btn-outline-primary btn-sm"
              disabled={atStart}
              aria-disabled={push.isPending || atStart}
              onClick={() => go((currentStep ?? 0) - 1)}
            >
              {t('live.agenda.previous')}
            </button>
            <button
              type="button"
              className="btn btn-primary btn-sm"
              disabled={atEnd}
              aria-disabled={push.isPending || atEnd}
              onClick={() => go(currentStep === null ? 0 : currentStep + 1)}
            >
              {t('live.agenda.next')}
            </button>
          </div>
        )
      }
    >
      {push.isError && <ProblemAlert error={toApiError(push.error)} />}
      {agenda.length === 0 ? (
        <p className="mb-0">{t('live.agenda.none')}</p>
      ) : (
        <ol className="live-agenda mb-0" data-testid="live-agenda">
          {agenda.map((item, index) => {
            const current = index === currentStep;
            return (
              <li
                key={index}
                aria-current={current ? 'step' : undefined}
                className={current ? 'live-agenda-current' : undefined}
              >
                {item.title}
                {item.minutes ? (
                  <span className="text-muted small">
                    {' '}
                    ({t('live.agenda.minutes', { count: item.minutes })})
                  </span>
                ) : null}
                {current && <span className="badge bg-success ms-2">{t('live.agenda.current')}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </LivePanel>
  );
}
