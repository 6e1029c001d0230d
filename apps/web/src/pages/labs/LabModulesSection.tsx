import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { ListStatus } from '../../components/ListStatus';
import { useFormatters } from '../../i18n/format';
import { LabSection } from './LabSection';
import { SessionSummary } from './SessionSummary';
import { fetchLabModules, labKeys } from './labs-api';

export function LabModulesSection({ labId }: { labId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const modules = useQuery({
    queryKey: labKeys.modules(labId),
    queryFn: ({ signal }) => fetchLabModules(labId, signal),
  });
  const items = modules.data ?? [];
  return (
    <LabSection id="moduli" title={t('labs.modules.title')}>
      <ListStatus query={modules} count={items.length} empty={t('labs.modules.none')} />
      {items.length > 0 && (
        <ol className="list-unstyled">
          {items.map((module) => (
            <li key={module.id} className="card card-bg mb-3">
              <div className="card-body">
                <h3 className="h5 card-title">{module.title}</h3>
                <p className="mb-2 small">
                  {module.dimension !== null && (
                    <span className="me-3">{t('labs.modules.dimension', { n: module.dimension })}</span>
                  )}
                  {module.plannedDays !== null && (
                    <span>{t('labs.modules.plannedDays', { days: format.number(module.plannedDays) })}</span>
                  )}
                </p>
                {module.description && <p className="lab-text">{module.description}</p>}
                {module.expectedDeliverables.length > 0 && (
                  <p className="small mb-2">
                    <span className="fw-semibold">{t('labs.deliverables.title')}:</span>{' '}
                    {module.expectedDeliverables
                      .map((kind) => t(`labs.deliverables.kinds.${kind}`))
                      .join('; ')}
                  </p>
                )}
                <h4 className="h6">{t('labs.modules.sessions')}</h4>
                {module.sessions.length === 0 ? (
                  <p className="small mb-0">{t('labs.modules.noSessions')}</p>
                ) : (
                  module.sessions.map((session) => (
                    <SessionSummary key={session.id} session={session} showDay headingLevel={4} />
                  ))
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </LabSection>
  );
}
