import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DOCUMENT_LIMITS, type DocumentView, type UpdateDocumentInput } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { fieldErrorMessages, type FormFields } from '../../components/field-errors';
import { ErrorSummary } from '../../components/ProblemAlert';
import { documentKeys, updateDocument } from './documents-api';

/** The document's title as the page heading; writers rename it in place (PATCH). */
export function DocumentTitle({ doc, canWrite }: { doc: DocumentView; canWrite: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(doc.title);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(doc.title), [doc.title]);

  const rename = useMutation({
    mutationFn: (input: UpdateDocumentInput) => updateDocument(doc.id, input),
    onSuccess: (updated) => {
      queryClient.setQueryData(documentKeys.one(doc.id), updated);
      void queryClient.invalidateQueries({ queryKey: documentKeys.allLibraries });
      setSaved(true);
    },
  });
  const fields: FormFields = { title: { id: 'document-title-input', label: t('documents.editor.rename') } };
  const error = rename.error ? toApiError(rename.error) : null;
  const messages = fieldErrorMessages(error, t, fields);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const title = draft.trim();
    if (!title || title === doc.title || rename.isPending) return;
    rename.mutate({ title });
  };

  return (
    <>
      <h1 className="mb-2 document-title">{doc.title}</h1>
      {canWrite && (
        <form className="d-flex flex-wrap align-items-end gap-2 mb-3" onSubmit={submit}>
          <ErrorSummary error={error} fields={fields} />
          <div className="flex-grow-1">
            <label htmlFor="document-title-input" className="form-label small mb-0">
              {t('documents.editor.rename')}
            </label>
            <input
              id="document-title-input"
              type="text"
              className={`form-control${messages.title ? ' is-invalid' : ''}`}
              value={draft}
              maxLength={DOCUMENT_LIMITS.title}
              onChange={(event) => {
                setDraft(event.target.value);
                setSaved(false);
              }}
              aria-invalid={messages.title ? true : undefined}
            />
          </div>
          <button type="submit" className="btn btn-outline-primary" aria-disabled={rename.isPending}>
            {t('documents.editor.saveTitle')}
          </button>
          <span className="visually-hidden" role="status">
            {saved ? t('documents.editor.titleSaved') : ''}
          </span>
        </form>
      )}
    </>
  );
}
