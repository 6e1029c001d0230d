import type { DeskItem } from '@convergo/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormatters } from '../../i18n/format';
import type { DeskBlockSpec } from './desk-blocks';

/** One line of a block: its link, where it belongs, when, and its count when the block has one. */
export function DeskItemLine({ item, spec }: { item: DeskItem; spec: DeskBlockSpec }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const count = item.count ?? 0;
  return (
    <li className="mb-3" data-desk-item={item.id}>
      <Link to={item.link} className="fw-semibold">
        {item.title}
      </Link>
      {spec.showsCount === 'value' ? (
        <span className="ms-2" data-testid="figure">
          {format.number(count)}
          {item.detail && ` ${item.detail}`}
        </span>
      ) : (
        spec.showsCount &&
        count > 0 && (
          <span className="badge bg-primary ms-2">{t(`home.count.${spec.showsCount}`, { count })}</span>
        )
      )}
      {spec.showsCount !== 'value' && item.detail && <div className="small">{item.detail}</div>}
      {item.at && (
        <div className="small text-secondary">
          <time dateTime={item.at}>{format.dateTime(item.at)}</time>
        </div>
      )}
      {spec.key === 'todaySessions' && (
        <Link to={`/sessioni/${item.id}/live`} className="btn btn-primary btn-xs mt-1">
          {t('home.startLive')}
          <span className="visually-hidden">: {item.title}</span>
        </Link>
      )}
    </li>
  );
}
