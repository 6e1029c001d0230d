import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { toApiError } from '../../api/problem';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { fetchProgrammes, programmeKeys } from './programmes-api';

/** `/programmi`: the programmes, each leading to its indicators. */
export function ProgrammesPage() {
  const { t } = useTranslation();
  usePageTitle(t('programmes.title'));
  const programmes = useQuery({
    queryKey: programmeKeys.list,
    queryFn: ({ signal }) => fetchProgrammes(signal),
  });
  return (
    <>
      <h1 className="mb-2">{t('programmes.title')}</h1>
      <p className="lead mb-4">{t('programmes.intro')}</p>
      {programmes.isPending && <Loading />}
      {programmes.isError && (
        <ProblemAlert error={toApiError(programmes.error)} onRetry={() => void programmes.refetch()} />
      )}
      {programmes.data && programmes.data.length === 0 && <p>{t('programmes.none')}</p>}
      <ul className="row list-unstyled g-4">
        {programmes.data?.map((programme) => (
          <li key={programme.id} className="col-12 col-md-6">
            <div className="result-card h-100">
              <h2 className="h4">
                <Link to={`/programmi/${programme.code}`}>{programme.name}</Link>
              </h2>
              {programme.operationalProgramme && <p className="mb-1">{programme.operationalProgramme}</p>}
              <p className="mb-0 small text-muted">{t('programmes.indicatorsLink')}</p>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
