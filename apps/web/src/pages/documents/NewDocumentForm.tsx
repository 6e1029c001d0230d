import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  DOCUMENT_KINDS,
  DOCUMENT_LIMITS,
  type CreateDocumentInput,
  type DocumentKind,
} from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { fieldErrorMessages, type FormFields } from '../../components/field-errors';
import { SelectField, TextField } from '../../components/form';
import { ErrorSummary } from '../../components/ProblemAlert';
import { createDocument, documentKeys } from './documents-api';
import { parseOwner, type OwnerOption } from '../../documents/useOwnerOptions';

/** "Nuovo documento": title, kind and owner; opens the editor once created. */
export function NewDocumentForm({
  options,
  defaultOwner,
}: {
  options: OwnerOption[];
  defaultOwner?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<DocumentKind>('note');
  const [owner, setOwner] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string> | undefined>();
  const chosenOwner =
    owner ||
    (defaultOwner && options.some((o) => o.value === defaultOwner) ? defaultOwner : options[0]?.value) ||
    '';

  const create = useMutation({
    mutationFn: (input: CreateDocumentInput) => createDocument(input),
    onSuccess: (doc) => {
      queryClient.setQueryData(documentKeys.one(doc.id), doc);
      void queryClient.invalidateQueries({ queryKey: documentKeys.allLibraries });
      void navigate(`/documenti/${doc.id}`);
    },
  });

  const fields: FormFields = {
    title: { id: 'new-document-title', label: t('documents.create.titleLabel') },
    kind: { id: 'new-document-kind', label: t('documents.create.kind') },
    owner: { id: 'new-document-owner', label: t('documents.create.owner') },
    'owner.type': { id: 'new-document-owner', label: t('documents.create.owner') },
    'owner.id': { id: 'new-document-owner', label: t('documents.create.owner') },
  };
  const error = create.error ? toApiError(create.error) : null;
  const messages = fieldErrorMessages(error, t, fields, clientErrors);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const parsed = parseOwner(chosenOwner);
    if (!title.trim()) {
      setClientErrors({ title: t('documents.create.titleRequired') });
      return;
    }
    setClientErrors(undefined);
    if (!parsed) return;
    create.mutate({ title: title.trim(), kind, owner: parsed });
  };

  return (
    <section aria-labelledby="new-document-heading" className="card-wrapper">
      <div className="card card-bg p-4">
        <h2 id="new-document-heading" className="h4">
          {t('documents.create.heading')}
        </h2>
        <form onSubmit={submit} noValidate>
          <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />
          <TextField
            id="new-document-title"
            type="text"
            label={t('documents.create.titleLabel')}
            value={title}
            onValueChange={setTitle}
            maxLength={DOCUMENT_LIMITS.title}
            required
            error={messages.title}
          />
          <SelectField
            id="new-document-kind"
            label={t('documents.create.kind')}
            value={kind}
            onValueChange={(next) => setKind(next as DocumentKind)}
            options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documents.kinds.${k}`) }))}
            error={messages.kind}
          />
          <SelectField
            id="new-document-owner"
            label={t('documents.create.owner')}
            value={chosenOwner}
            onValueChange={setOwner}
            options={options}
            hint={t('documents.create.ownerHint')}
            error={messages.owner ?? messages['owner.id'] ?? messages['owner.type']}
          />
          <button type="submit" className="btn btn-primary" aria-disabled={create.isPending}>
            {create.isPending ? t('common.sending') : t('documents.create.submit')}
          </button>
        </form>
      </div>
    </section>
  );
}
