import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { ATTACHMENT_EXTENSIONS, type DocumentAttachmentView } from '@convergo/contracts';
import { toApiError, type ApiError } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import { problemMessage, ProblemAlert } from '../../components/ProblemAlert';
import { deleteAttachment, docPath, documentKeys, fetchAttachments } from './documents-api';
import { downloadFile, uploadFile } from '../../documents/file-transfer';
import { useFormatters } from '../../i18n/format';

/** The upload refusals the interface words itself; anything else shows the API's detail. */
function uploadProblem(error: ApiError, t: TFunction): string {
  switch (error.status) {
    case 413:
      return t('documents.attachments.tooLarge');
    case 415:
      return t('documents.attachments.typeRefused');
    case 422:
      return t('documents.attachments.virus');
    default:
      return problemMessage(error, t);
  }
}

function fileSize(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** Files attached to the document: writers upload (with progress), everyone downloads, authors delete theirs. */
export function AttachmentsPanel({ docId, canWrite }: { docId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const { member } = useAuth();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const fieldId = useId();
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: documentKeys.attachments(docId) });

  const attachments = useInfiniteQuery({
    queryKey: documentKeys.attachments(docId),
    queryFn: ({ pageParam, signal }) => fetchAttachments(docId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = attachments.data?.pages.flatMap((page) => page.items) ?? [];

  const remove = useMutation({
    mutationFn: (attachment: DocumentAttachmentView) => deleteAttachment(docId, attachment.id),
    onSuccess: () => {
      setNotice(t('documents.attachments.deleted'));
      refresh();
    },
    onError: (error) => setActionError(toApiError(error)),
  });

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (progress !== null) return;
    const file = inputRef.current?.files?.[0];
    setUploadError(null);
    setNotice('');
    if (!file) {
      setUploadError(t('documents.attachments.chooseFile'));
      return;
    }
    setProgress(0);
    try {
      const created = await uploadFile<DocumentAttachmentView>(
        `${docPath(docId)}/attachments`,
        file,
        setProgress,
      );
      setNotice(t('documents.attachments.uploaded', { name: created.fileName }));
      if (inputRef.current) inputRef.current.value = '';
      refresh();
    } catch (error) {
      setUploadError(uploadProblem(toApiError(error), t));
    } finally {
      setProgress(null);
    }
  };

  const download = async (attachment: DocumentAttachmentView) => {
    setActionError(null);
    try {
      await downloadFile(`${docPath(docId)}/attachments/${attachment.id}/download`, attachment.fileName);
    } catch (error) {
      setActionError(toApiError(error));
    }
  };

  return (
    <div className="document-attachments">
      <p className="visually-hidden" role="status">
        {notice}
      </p>
      {canWrite && (
        <form onSubmit={(event) => void upload(event)} className="mb-3" noValidate>
          <label htmlFor={fieldId} className="form-label fw-semibold">
            {t('documents.attachments.file')}
          </label>
          <input
            ref={inputRef}
            id={fieldId}
            type="file"
            className={`form-control${uploadError ? ' is-invalid' : ''}`}
            accept={ATTACHMENT_EXTENSIONS.map((ext) => `.${ext}`).join(',')}
            aria-describedby={`${fieldId}-hint${uploadError ? ` ${fieldId}-error` : ''}`}
            aria-invalid={uploadError ? true : undefined}
            onChange={() => setUploadError(null)}
          />
          <small id={`${fieldId}-hint`} className="form-text d-block">
            {t('documents.attachments.hint')}
          </small>
          {uploadError && (
            <div id={`${fieldId}-error`} className="invalid-feedback d-block" role="alert">
              {uploadError}
            </div>
          )}
          {progress !== null && (
            <div
              className="progress my-2"
              role="progressbar"
              aria-label={t('documents.attachments.uploading', { percent: Math.round(progress * 100) })}
              aria-valuenow={Math.round(progress * 100)}
              aria-valuemin={0}
              aria-valuemax={100}
            >
              <div className="progress-bar" style={{ width: `${Math.round(progress * 100)}%` }} />
            </div>
          )}
          <button
            type="submit"
            className="btn btn-primary btn-sm mt-2"
            aria-disabled={progress !== null || undefined}
          >
            {progress !== null
              ? t('documents.attachments.uploading', { percent: Math.round(progress * 100) })
              : t('documents.attachments.upload')}
          </button>
          {notice && (
            <p className="small text-success mt-2 mb-0" aria-hidden="true">
              {notice}
            </p>
          )}
        </form>
      )}
      {actionError && <ProblemAlert error={actionError} />}
      {attachments.isPending && <Loading />}
      {attachments.isError && (
        <ProblemAlert error={toApiError(attachments.error)} onRetry={() => void attachments.refetch()} />
      )}
      {attachments.isSuccess && items.length === 0 && <p>{t('documents.attachments.empty')}</p>}
      {items.length > 0 && (
        <ul ref={listRef} className="list-unstyled" aria-label={t('documents.attachments.list')}>
          {items.map((attachment, index) => (
            <li key={attachment.id} className="mb-2" data-attachment-id={attachment.id}>
              <article className="card card-bg p-2" tabIndex={-1} data-result-index={index}>
                <p className="fw-semibold mb-0 text-break">{attachment.fileName}</p>
                <p className="small text-muted mb-1">
                  {t('documents.attachments.by', {
                    name: attachment.uploadedBy.displayName,
                    when: format.dateTime(attachment.createdAt),
                    size: fileSize(attachment.size, format.locale),
                  })}
                </p>
                <div className="d-flex gap-2">
                  <button
                    type="button"
                    className="btn btn-outline-primary btn-sm"
                    onClick={() => void download(attachment)}
                  >
                    <span aria-hidden="true">↓ </span>
                    {t('documents.attachments.downloadAction')}
                    <span className="visually-hidden"> {attachment.fileName}</span>
                  </button>
                  {(attachment.uploadedBy.id === member?.id ||
                    member?.role === 'admin' ||
                    member?.role === 'moderator') && (
                    <button
                      type="button"
                      className="btn btn-outline-danger btn-sm"
                      aria-disabled={remove.isPending || undefined}
                      onClick={() => !remove.isPending && remove.mutate(attachment)}
                    >
                      {t('documents.attachments.deleteAction')}
                      <span className="visually-hidden"> {attachment.fileName}</span>
                    </button>
                  )}
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
      <LoadMore
        listRef={listRef}
        count={items.length}
        hasMore={attachments.hasNextPage}
        loading={attachments.isFetchingNextPage}
        onLoadMore={() => void attachments.fetchNextPage()}
      />
    </div>
  );
}
