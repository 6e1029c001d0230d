import { useTranslation } from 'react-i18next';

/** A polite, labelled progress indicator (Bootstrap Italia spinner). */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="d-flex align-items-center gap-2 my-4" role="status">
      <div className="progress-spinner progress-spinner-active size-sm" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}
