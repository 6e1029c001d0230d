import { useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import { DOCUMENT_KINDS, type DocumentKind, type DocumentLibraryQuery } from '@convergo/contracts';
import { SelectField, TextField } from '../../components/form';
import { LoadMore } from '../../components/LoadMore';
import { ListStatus } from '../../components/ListStatus';
import { usePageTitle } from '../../components/usePageTitle';
import { documentKeys, fetchLibrary } from './documents-api';
import { useOwnerOptions, ownerValue, type OwnerOption } from '../../documents/useOwnerOptions';
import { useFormatters } from '../../i18n/format';
import { ITALIAN_REGIONS } from '../../lib/regions';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import { NewDocumentForm } from './NewDocumentForm';
import { OwnerLabel } from './OwnerLabel';
import { ResultCard } from '../../components/ResultCard';

const PAGE_SIZE = 20;
/** The library's filters, each one a search parameter of the address. */
type FilterName = 'owner' | 'kind' | 'tag' | 'region' | 'q';

const isKind = (value: string): value is DocumentKind =>
  (DOCUMENT_KINDS as readonly string[]).includes(value);

/** `/documenti`: the library of documents the member may read, filtered through the URL, and a "new" form. */
export function DocumentsLibraryPage() {
  const { t } = useTranslation();
  usePageTitle(t('documents.title'));
  const format = useFormatters();
  const [params, setParams] = useSearchParams();
  const listRef = useRef<HTMLUListElement>(null);
  const { options } = useOwnerOptions();

  const value = (name: FilterName) => params.get(name) ?? '';
  const setFilter = (name: FilterName, next: string) => {
    const updated = new URLSearchParams(params);
    if (next) updated.set(name, next);
    else updated.delete(name);
    setParams(updated, { replace: true });
  };

  const q = useDebouncedValue(value('q').trim());
  const tag = useDebouncedValue(value('tag').trim().toLowerCase());
  const kind = value('kind');
  const filters: DocumentLibraryQuery = {
    owner: value('owner') || undefined,
    kind: isKind(kind) ? kind : undefined,
    region: value('region') || undefined,
    tag: tag || undefined,
    q: q || undefined,
  };

  const library = useInfiniteQuery({
    queryKey: documentKeys.library(filters),
    queryFn: ({ pageParam, signal }) => fetchLibrary(filters, PAGE_SIZE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = library.data?.pages.flatMap((page) => page.items) ?? [];

  // A link such as `?owner=space:<id>` may name an owner missing from the member's list.
  const ownerOptions: OwnerOption[] =
    filters.owner && !options.some((o) => o.value === filters.owner)
      ? [...options, { value: filters.owner, label: filters.owner }]
      : options;

  return (
    <>
      <h1 className="mb-2">{t('documents.title')}</h1>
      <p className="lead mb-4">{t('documents.lead')}</p>

      <div className="row gx-4 gy-5">
        <div className="col-12 col-lg-8">
          <form
            role="search"
            aria-label={t('documents.library.filters')}
            onSubmit={(event) => event.preventDefault()}
            className="mb-3"
          >
            <div className="row g-3">
              <div className="col-12 col-md-6">
                <TextField
                  id="documents-q"
                  type="search"
                  label={t('documents.library.q')}
                  value={value('q')}
                  onValueChange={(next) => setFilter('q', next)}
                  maxLength={100}
                />
              </div>
              <div className="col-12 col-md-6">
                <SelectField
                  id="documents-kind"
                  label={t('documents.library.kind')}
                  value={kind}
                  onValueChange={(next) => setFilter('kind', next)}
                  emptyLabel={t('documents.library.allKinds')}
                  options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documents.kinds.${k}`) }))}
                />
              </div>
              <div className="col-12 col-md-6">
                <SelectField
                  id="documents-owner"
                  label={t('documents.library.owner')}
                  value={value('owner')}
                  onValueChange={(next) => setFilter('owner', next)}
                  emptyLabel={t('documents.library.allOwners')}
                  options={ownerOptions}
                />
              </div>
              <div className="col-12 col-md-6">
                <SelectField
                  id="documents-region"
                  label={t('documents.library.region')}
                  value={value('region')}
                  onValueChange={(next) => setFilter('region', next)}
                  emptyLabel={t('documents.library.allRegions')}
                  options={ITALIAN_REGIONS.map((r) => ({ value: r, label: r }))}
                />
              </div>
              <div className="col-12 col-md-6">
                <TextField
                  id="documents-tag"
                  type="text"
                  label={t('documents.library.tag')}
                  value={value('tag')}
                  onValueChange={(next) => setFilter('tag', next)}
                  maxLength={60}
                />
              </div>
              <div className="col-12 col-md-6 d-flex align-items-end mb-4">
                <button
                  type="button"
                  className="btn btn-outline-primary"
                  onClick={() => setParams(new URLSearchParams(), { replace: true })}
                >
                  {t('documents.library.clear')}
                </button>
              </div>
            </div>
          </form>

          <h2 className="h3">{t('documents.library.list')}</h2>
          <ListStatus query={library} count={items.length} empty={t('documents.library.empty')} />
          {items.length > 0 && (
            <ul ref={listRef} className="list-unstyled" aria-label={t('documents.library.list')}>
              {items.map((doc, index) => (
                <li key={doc.id} className="mb-3">
                  <ResultCard index={index} title={doc.title} to={`/documenti/${doc.id}`} level={3}>
                    <p className="mb-1">
                      <span className="badge bg-primary me-2">{t(`documents.kinds.${doc.kind}`)}</span>
                      <span className="small">
                        <OwnerLabel value={ownerValue(doc.owner)} options={options} />
                      </span>
                    </p>
                    {doc.tags.length > 0 && (
                      <p className="mb-1 small">
                        <span className="visually-hidden">{t('documents.library.tags')}: </span>
                        {doc.tags.map((tagName) => (
                          <span key={tagName} className="badge bg-light text-dark me-1 document-tag">
                            {tagName}
                          </span>
                        ))}
                      </p>
                    )}
                    <p className="mb-0 small text-muted">
                      {t('documents.library.updated', { when: format.dateTime(doc.updatedAt) })}
                    </p>
                  </ResultCard>
                </li>
              ))}
            </ul>
          )}
          <LoadMore
            listRef={listRef}
            count={items.length}
            hasMore={library.hasNextPage}
            loading={library.isFetchingNextPage}
            onLoadMore={() => void library.fetchNextPage()}
          />
        </div>
        <div className="col-12 col-lg-4">
          <NewDocumentForm options={options} defaultOwner={filters.owner} />
        </div>
      </div>
    </>
  );
}
