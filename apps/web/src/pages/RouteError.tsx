import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../components/usePageTitle';

/** What a route shows when it throws (e.g. a chunk missing after a deploy): no raw error. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  usePageTitle(t('errors.pageTitle'));
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <div className="container-xxl py-5">
        <h1>{t('notFound.title')}</h1>
        <p>{t('notFound.text')}</p>
      </div>
    );
  }
  console.error(error);
  return (
    <div className="container-xxl py-5" role="alert">
      <h1>{t('errors.pageTitle')}</h1>
      <p>{t('errors.page')}</p>
      <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
        {t('errors.reload')}
      </button>
    </div>
  );
}
