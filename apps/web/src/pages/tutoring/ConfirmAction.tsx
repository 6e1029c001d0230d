import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A destructive action asked twice, in place (as the documents' version restore does): the
 * button opens an alert dialog that takes focus, with an optional reason, the confirming button
 * and "Annulla"; Escape or "Annulla" closes it and gives focus back to the button.
 */
export function ConfirmAction({
  label,
  question,
  confirmLabel,
  reasonLabel,
  reasonMaxLength,
  busy,
  onConfirm,
  buttonClassName = 'btn btn-outline-danger btn-sm',
  children,
}: {
  label: string;
  question: ReactNode;
  confirmLabel: string;
  /** When given, a reason may be written (sent to the people told of the cancellation). */
  reasonLabel?: string;
  reasonMaxLength?: number;
  busy: boolean;
  /** Closes the dialog when it resolves; a rejection leaves it open (the caller shows the error). */
  onConfirm(reason: string): Promise<unknown>;
  buttonClassName?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [opener, setOpener] = useState<HTMLButtonElement | null>(null);
  const close = () => {
    setOpen(false);
    setReason('');
    opener?.focus();
  };
  if (!open) {
    return (
      <button type="button" ref={setOpener} className={buttonClassName} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  return (
    <div
      className="alert alert-warning mt-2 mb-0"
      role="alertdialog"
      aria-labelledby={`${id}-question`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          close();
        }
      }}
    >
      <p id={`${id}-question`} className="mb-2">
        {question}
      </p>
      {reasonLabel && (
        <div className="form-group mb-2">
          <label htmlFor={`${id}-reason`} className="active">
            {reasonLabel}
          </label>
          <input
            id={`${id}-reason`}
            className="form-control"
            value={reason}
            maxLength={reasonMaxLength}
            onChange={(event) => setReason(event.target.value)}
            autoFocus
          />
        </div>
      )}
      {children}
      <div className="d-flex flex-wrap gap-2">
        <button
          type="button"
          className="btn btn-danger btn-sm"
          autoFocus={!reasonLabel}
          aria-disabled={busy || undefined}
          onClick={() => {
            if (!busy) onConfirm(reason.trim()).then(close, () => undefined);
          }}
        >
          {busy ? t('common.sending') : confirmLabel}
        </button>
        <button type="button" className="btn btn-outline-primary btn-sm" onClick={close}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
