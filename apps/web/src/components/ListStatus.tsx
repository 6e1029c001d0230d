import { useTranslation } from 'react-i18next';
import { toApiError } from '../api/problem';
import { Loading } from './Loading';
import { ProblemAlert } from './ProblemAlert';

interface ListQuery {
  isSuccess: boolean;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch(): Promise<unknown>;
}

/**
 * What a result list says around its items: how many are shown (to screen readers), that it is
 * loading, why it failed (with a retry), or that nothing matched.
 */
export function ListStatus({
  query,
  count,
  empty,
  loading = query.isPending,
  loadingLabel,
}: {
  query: ListQuery;
  count: number;
  empty: string;
  loading?: boolean;
  loadingLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p role="status" className="visually-hidden">
        {query.isSuccess && t('common.resultsShown', { count })}
      </p>
      {loading && <Loading label={loadingLabel} />}
      {query.isError && <ProblemAlert error={toApiError(query.error)} onRetry={() => void query.refetch()} />}
      {query.isSuccess && count === 0 && <p>{empty}</p>}
    </>
  );
}
