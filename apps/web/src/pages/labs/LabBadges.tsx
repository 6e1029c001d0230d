import { useTranslation } from 'react-i18next';
import type { DeliverableStatus, LabStatus, SessionStatus } from '@convergo/contracts';

const LAB_STATUS_CLASS: Record<LabStatus, string> = {
  draft: 'bg-secondary',
  open: 'bg-success',
  running: 'bg-primary',
  closed: 'bg-dark',
};

const DELIVERABLE_STATUS_CLASS: Record<DeliverableStatus, string> = {
  draft: 'bg-secondary',
  submitted: 'bg-primary',
  changes_requested: 'bg-warning text-dark',
  approved: 'bg-success',
};

const SESSION_STATUS_CLASS: Record<SessionStatus, string> = {
  scheduled: 'bg-primary',
  live: 'bg-success',
  ended: 'bg-secondary',
  cancelled: 'bg-danger',
};

export function LabStatusBadge({ status }: { status: LabStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${LAB_STATUS_CLASS[status]}`}>{t(`labs.statuses.${status}`)}</span>;
}

export function DeliverableStatusBadge({ status }: { status: DeliverableStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${DELIVERABLE_STATUS_CLASS[status]}`} data-status={status}>
      {t(`labs.deliverables.statuses.${status}`)}
    </span>
  );
}

export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${SESSION_STATUS_CLASS[status]}`}>{t(`labs.sessions.statuses.${status}`)}</span>
  );
}
