import { useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * "Carica altri" for cursor-paginated lists. After a page arrives, focus goes to its first
 * item (marked `data-result-index`), so keyboard and screen reader users continue there.
 */
export function LoadMore({
  listRef,
  count,
  hasMore,
  loading,
  onLoadMore,
}: {
  listRef: RefObject<HTMLElement | null>;
  count: number;
  hasMore: boolean;
  loading: boolean;
  onLoadMore(): void;
}) {
  const { t } = useTranslation();
  const focusFrom = useRef<number | null>(null);

  useEffect(() => {
    const from = focusFrom.current;
    if (from === null || loading || count <= from) return;
    focusFrom.current = null;
    const item = listRef.current?.querySelector<HTMLElement>(`[data-result-index="${from}"]`);
    item?.focus();
  }, [count, loading, listRef]);

  if (!hasMore) return null;
  return (
    <div className="text-center mt-4">
      <button
        type="button"
        className="btn btn-outline-primary"
        aria-disabled={loading}
        onClick={() => {
          if (loading) return;
          focusFrom.current = count;
          onLoadMore();
        }}
      >
        {loading ? t('common.loading') : t('common.loadMore')}
      </button>
    </div>
  );
}
