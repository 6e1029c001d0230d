import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DOCUMENT_VERSION_LIMITS, type DocumentVersionView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import { ErrorSummary, ProblemAlert } from '../../components/ProblemAlert';
import {
  compareVersions,
  createVersion,
  documentKeys,
  fetchVersionDetail,
  fetchVersions,
  restoreVersion,
  useMemberName,
} from './documents-api';
import { useFormatters } from '../../i18n/format';

/** Named versions: save one, view it read-only, compare two (or one with now), restore with confirmation. */
export function VersionsPanel({ docId, canWrite }: { docId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [notice, setNotice] = useState('');
  const [viewing, setViewing] = useState<string | null>(null);
  const [comparing, setComparing] = useState<{ from: string; to: string } | null>(null);
  const [confirming, setConfirming] = useState<DocumentVersionView | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('current');
  const listRef = useRef<HTMLUListElement>(null);
  const fieldId = useId();

  const versions = useInfiniteQuery({
    queryKey: documentKeys.versions(docId),
    queryFn: ({ pageParam, signal }) => fetchVersions(docId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = versions.data?.pages.flatMap((page) => page.items) ?? [];
  const refresh = () => void queryClient.invalidateQueries({ queryKey: documentKeys.versions(docId) });

  const create = useMutation({
    mutationFn: (versionName: string) => createVersion(docId, versionName),
    onSuccess: (version) => {
      setName('');
      setNotice(t('documents.versions.created', { name: version.name }));
      refresh();
    },
  });
  const restore = useMutation({
    mutationFn: (version: DocumentVersionView) => restoreVersion(docId, version.id),
    onSuccess: (_result, version) => {
      setConfirming(null);
      setNotice(t('documents.versions.restored', { name: version.name }));
      refresh();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && !create.isPending) create.mutate(name.trim());
  };

  const fromValue = from || items[0]?.id || '';
  const error = create.error ?? restore.error;

  return (
    <div className="document-versions">
      <p className="visually-hidden" role="status">
        {notice}
      </p>
      {notice && (
        <p className="alert alert-success py-2" aria-hidden="true">
          {notice}
        </p>
      )}
      {error && <ErrorSummary error={toApiError(error)} />}
      {canWrite && (
        <form onSubmit={submit} className="d-flex flex-wrap align-items-end gap-2 mb-3">
          <div className="flex-grow-1">
            <label htmlFor={fieldId} className="form-label small mb-0">
              {t('documents.versions.name')}
            </label>
            <input
              id={fieldId}
              className="form-control"
              value={name}
              maxLength={DOCUMENT_VERSION_LIMITS.name}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <button type="submit" className="btn btn-primary btn-sm" disabled={!name.trim()}>
            {t('documents.versions.create')}
          </button>
        </form>
      )}

      <h3 className="h6">{t('documents.versions.list')}</h3>
      {versions.isPending && <Loading />}
      {versions.isError && (
        <ProblemAlert error={toApiError(versions.error)} onRetry={() => void versions.refetch()} />
      )}
      {versions.isSuccess && items.length === 0 && <p>{t('documents.versions.empty')}</p>}
      {items.length > 0 && (
        <ul ref={listRef} className="list-unstyled" aria-label={t('documents.versions.list')}>
          {items.map((version, index) => (
            <li key={version.id} className="mb-2" data-version-id={version.id}>
              <article className="card card-bg p-2" tabIndex={-1} data-result-index={index}>
                <VersionHeading version={version} />
                <div className="d-flex flex-wrap gap-2">
                  <button
                    type="button"
                    className="btn btn-outline-primary btn-sm"
                    onClick={() => setViewing(version.id)}
                  >
                    {t('documents.versions.view')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-outline-primary btn-sm"
                    onClick={() => setComparing({ from: version.id, to: 'current' })}
                  >
                    {t('documents.versions.compareWithCurrent')}
                  </button>
                  {canWrite && (
                    <button
                      type="button"
                      className="btn btn-outline-danger btn-sm"
                      onClick={() => setConfirming(version)}
                    >
                      {t('documents.versions.restore')}
                    </button>
                  )}
                </div>
                {confirming?.id === version.id && (
                  <div
                    className="alert alert-warning mt-2 mb-0"
                    role="alertdialog"
                    aria-labelledby={`restore-${version.id}`}
                  >
                    <p id={`restore-${version.id}`} className="mb-2">
                      {t('documents.versions.restoreConfirm', { name: version.name })}
                    </p>
                    <div className="d-flex gap-2">
                      <button
                        type="button"
                        className="btn btn-danger btn-sm"
                        autoFocus
                        aria-disabled={restore.isPending || undefined}
                        onClick={() => !restore.isPending && restore.mutate(version)}
                      >
                        {t('documents.versions.confirmRestore')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-outline-primary btn-sm"
                        onClick={() => setConfirming(null)}
                      >
                        {t('common.cancel')}
                      </button>
                    </div>
                  </div>
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
      <LoadMore
        listRef={listRef}
        count={items.length}
        hasMore={versions.hasNextPage}
        loading={versions.isFetchingNextPage}
        onLoadMore={() => void versions.fetchNextPage()}
      />

      {items.length > 0 && (
        <form
          className="mt-3"
          onSubmit={(event) => {
            event.preventDefault();
            if (fromValue) setComparing({ from: fromValue, to });
          }}
        >
          <h3 className="h6">{t('documents.versions.compareHeading')}</h3>
          <div className="d-flex flex-wrap gap-2 align-items-end">
            <div className="select-wrapper">
              <label htmlFor={`${fieldId}-from`} className="small">
                {t('documents.versions.from')}
              </label>
              <select id={`${fieldId}-from`} value={fromValue} onChange={(e) => setFrom(e.target.value)}>
                {items.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="select-wrapper">
              <label htmlFor={`${fieldId}-to`} className="small">
                {t('documents.versions.to')}
              </label>
              <select id={`${fieldId}-to`} value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="current">{t('documents.versions.current')}</option>
                {items.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn btn-outline-primary btn-sm">
              {t('documents.versions.compare')}
            </button>
          </div>
        </form>
      )}

      {viewing && <VersionView docId={docId} versionId={viewing} onClose={() => setViewing(null)} />}
      {comparing && (
        <VersionCompare
          docId={docId}
          from={comparing.from}
          to={comparing.to}
          onClose={() => setComparing(null)}
        />
      )}
    </div>
  );
}

function VersionHeading({ version }: { version: DocumentVersionView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const author = useMemberName(version.authorId) ?? t('documents.comments.someone');
  return (
    <>
      <h4 className="h6 mb-0">
        {version.name}
        {version.automatic && (
          <span className="badge bg-secondary ms-2">{t('documents.versions.automatic')}</span>
        )}
      </h4>
      <p className="small text-muted mb-1">
        {t('documents.versions.by', { name: author, when: format.dateTime(version.createdAt) })}
      </p>
    </>
  );
}

function VersionView({ docId, versionId, onClose }: { docId: string; versionId: string; onClose(): void }) {
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: documentKeys.versionDetail(docId, versionId),
    queryFn: ({ signal }) => fetchVersionDetail(docId, versionId, signal),
  });
  return (
    <section
      className="document-version-view card card-bg p-3 mt-3"
      aria-labelledby={`version-view-${versionId}`}
    >
      {detail.isPending && <Loading />}
      {detail.isError && <ProblemAlert error={toApiError(detail.error)} />}
      {detail.data && (
        <>
          <h3 id={`version-view-${versionId}`} className="h6">
            {t('documents.versions.viewing', { name: detail.data.name })}
          </h3>
          <div className="document-version-text">{detail.data.text}</div>
        </>
      )}
      <button type="button" className="btn btn-outline-primary btn-sm mt-2" onClick={onClose}>
        {t('documents.versions.close')}
      </button>
    </section>
  );
}

function VersionCompare({
  docId,
  from,
  to,
  onClose,
}: {
  docId: string;
  from: string;
  to: string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const compare = useQuery({
    queryKey: documentKeys.versionCompare(docId, from, to),
    queryFn: ({ signal }) => compareVersions(docId, from, to, signal),
  });
  const changed = compare.data?.changes.some((c) => c.added || c.removed) ?? false;
  return (
    <section
      className="document-version-compare card card-bg p-3 mt-3"
      aria-labelledby="version-compare-heading"
    >
      <h3 id="version-compare-heading" className="h6">
        {t('documents.versions.compareHeading')}
      </h3>
      {compare.isPending && <Loading />}
      {compare.isError && <ProblemAlert error={toApiError(compare.error)} />}
      {compare.data && !changed && <p>{t('documents.versions.noChanges')}</p>}
      {compare.data && changed && (
        <div className="document-diff">
          {compare.data.changes.map((change, index) =>
            change.added ? (
              <ins key={index} className="document-diff-added">
                <span className="visually-hidden">[{t('documents.versions.added')}: </span>
                {change.value}
                <span className="visually-hidden">]</span>
              </ins>
            ) : change.removed ? (
              <del key={index} className="document-diff-removed">
                <span className="visually-hidden">[{t('documents.versions.removed')}: </span>
                {change.value}
                <span className="visually-hidden">]</span>
              </del>
            ) : (
              <span key={index}>{change.value}</span>
            ),
          )}
        </div>
      )}
      <button type="button" className="btn btn-outline-primary btn-sm mt-2" onClick={onClose}>
        {t('documents.versions.close')}
      </button>
    </section>
  );
}
