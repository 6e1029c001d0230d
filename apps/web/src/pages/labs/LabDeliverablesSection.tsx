import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { ListStatus } from '../../components/ListStatus';
import { useFormatters } from '../../i18n/format';
import { DeliverableForm } from './DeliverableForm';
import { DeliverableStatusBadge } from './LabBadges';
import { LabSection } from './LabSection';
import { fetchLabDeliverables, labKeys } from './labs-api';

/** Every group's products at a glance: status and due date, each linking to its page. */
export function LabDeliverablesSection({ labId, canManage }: { labId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const [assigned, setAssigned] = useState<string | null>(null);
  const format = useFormatters();
  const deliverables = useQuery({
    queryKey: labKeys.deliverables(labId),
    queryFn: ({ signal }) => fetchLabDeliverables(labId, signal),
  });
  const items = [...(deliverables.data ?? [])].sort(
    (a, b) => a.groupName.localeCompare(b.groupName, 'it') || a.title.localeCompare(b.title, 'it'),
  );
  return (
    <LabSection id="prodotti" title={t('labs.deliverables.title')}>
      <ListStatus query={deliverables} count={items.length} empty={t('labs.deliverables.none')} />
      {items.length > 0 && (
        <div className="table-responsive">
          <table className="table table-striped">
            <caption>{t('labs.deliverables.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('labs.deliverables.product')}</th>
                <th scope="col">{t('labs.deliverables.group')}</th>
                <th scope="col">{t('labs.deliverables.kind')}</th>
                <th scope="col">{t('labs.deliverables.status')}</th>
                <th scope="col">{t('labs.deliverables.due')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id} data-deliverable-id={d.id}>
                  <th scope="row">
                    <Link to={`/laboratori/${labId}/prodotti/${d.id}`}>{d.title}</Link>
                  </th>
                  <td>{d.groupName}</td>
                  <td>{t(`labs.deliverables.kinds.${d.kind}`)}</td>
                  <td>
                    <DeliverableStatusBadge status={d.status} />
                  </td>
                  <td>
                    {d.dueAt ? (
                      <time dateTime={d.dueAt}>{format.date(d.dueAt)}</time>
                    ) : (
                      t('labs.deliverables.noDue')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && (
        <details className="mt-4 border rounded p-3">
          <summary className="fw-semibold">{t('labs.deliverableForm.newTitle')}</summary>
          <div className="mt-3">
            <p role="status" className={assigned ? 'alert alert-success' : 'visually-hidden'}>
              {assigned}
            </p>
            <DeliverableForm
              labId={labId}
              onDone={(d) =>
                setAssigned(t('labs.deliverableForm.created', { title: d.title, group: d.groupName }))
              }
            />
          </div>
        </details>
      )}
    </LabSection>
  );
}
