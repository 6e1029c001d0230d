import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_EXPORT_FORMATS, type DocumentExportFormat } from '@convergo/contracts';
import { toApiError, type ApiError } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { docPath } from './documents-api';
import { downloadFile } from '../../documents/file-transfer';

/** Downloads the current text as Markdown, HTML, Word or PDF (the API renders it). */
export function ExportPanel({ docId }: { docId: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<DocumentExportFormat | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const exportAs = async (format: DocumentExportFormat) => {
    if (busy) return;
    setBusy(format);
    setError(null);
    try {
      await downloadFile(`${docPath(docId)}/export?format=${format}`, `documento.${format}`);
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="document-export">
      <h3 className="h6">{t('documents.export.heading')}</h3>
      <p className="small">{t('documents.export.lead')}</p>
      {error && <ProblemAlert error={error} />}
      <div className="d-flex flex-wrap gap-2">
        {DOCUMENT_EXPORT_FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            className="btn btn-outline-primary btn-sm"
            aria-disabled={busy !== null || undefined}
            onClick={() => void exportAs(format)}
          >
            {busy === format ? t('documents.export.exporting') : t(`documents.export.${format}`)}
          </button>
        ))}
      </div>
      <p className="visually-hidden" role="status">
        {busy ? t('documents.export.exporting') : ''}
      </p>
    </div>
  );
}
