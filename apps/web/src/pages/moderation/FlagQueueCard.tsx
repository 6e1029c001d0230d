import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { FlagQueueItem } from '@convergo/contracts';
import { useFormatters } from '../../i18n/format';
import { DisciplineForm } from './DisciplineForm';
import { ItemActionForm } from './ItemActionForm';

interface FlagQueueCardProps {
  item: FlagQueueItem;
  index: number;
  spaceName: string;
  selected: boolean;
  onSelect(selected: boolean): void;
  /** Global moderators and admins warn and suspend (not themselves). */
  mayDiscipline: boolean;
  onDone(message: string): void;
}

/** One flagged post: its reasons and reporters, a link to it, and what a moderator can do. */
export function FlagQueueCard({
  item,
  index,
  spaceName,
  selected,
  onSelect,
  mayDiscipline,
  onDone,
}: FlagQueueCardProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [open, setOpen] = useState(false);
  const headingId = `flag-${item.postId}-title`;
  const panelId = `flag-${item.postId}-actions`;
  const author = item.post.author?.displayName ?? t('community.anonymous');

  return (
    <article
      className="card card-bg p-3 flag-item"
      aria-labelledby={headingId}
      data-result-index={index}
      data-post-id={item.postId}
      tabIndex={-1}
    >
      <div className="d-flex gap-3 align-items-start">
        <div className="form-check mt-1">
          <input
            id={`select-${item.postId}`}
            className="form-check-input"
            type="checkbox"
            checked={selected}
            onChange={(event) => onSelect(event.target.checked)}
          />
          <label className="form-check-label" htmlFor={`select-${item.postId}`}>
            <span className="visually-hidden">
              {t('moderation.queue.select', { number: item.post.number, title: item.threadTitle })}
            </span>
          </label>
        </div>
        <div className="flex-grow-1">
          <h3 id={headingId} className="h6 mb-1">
            <Link to={`/discussioni/${item.threadId}#post-${item.post.number}`}>
              {t('moderation.queue.itemTitle', { number: item.post.number, title: item.threadTitle })}
            </Link>
          </h3>
          <p className="small mb-2">
            {spaceName && `${spaceName} · `}
            {t('moderation.queue.author', { name: author })}
            {item.post.author?.organizationName && ` (${item.post.author.organizationName})`}
            {' · '}
            {t('moderation.queue.flagCount', { count: item.flagCount })}
            {item.post.hidden && <span className="badge bg-dark ms-2">{t('moderation.queue.hidden')}</span>}
            {item.post.deleted && (
              <span className="badge bg-secondary ms-2">{t('moderation.queue.deleted')}</span>
            )}
            {item.resolution && (
              <span className="badge bg-success ms-2">
                {t(
                  `moderation.resolutions.${item.resolution === 'hidden' || item.resolution === 'restored' ? item.resolution : 'dismissed'}`,
                )}
              </span>
            )}
          </p>
          <blockquote className="post-quote small mb-2">{item.post.excerpt || '—'}</blockquote>
          <h4 className="visually-hidden">{t('moderation.queue.reasons')}</h4>
          <ul className="small mb-2 flag-reasons">
            {item.reasons.map((r, i) => (
              <li key={`${r.createdAt}-${i}`}>
                <strong>{r.reason}</strong>
                {' — '}
                {t('moderation.queue.reportedBy', {
                  name: r.reporter?.displayName ?? t('community.anonymous'),
                })}
                {', '}
                <time dateTime={r.createdAt}>{format.dateTime(r.createdAt)}</time>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="btn btn-outline-primary btn-sm"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen(!open)}
          >
            {t('moderation.queue.actionsFor', { number: item.post.number })}
          </button>
          <div id={panelId} hidden={!open} className="mt-3">
            {open && (
              <>
                <ItemActionForm
                  item={item}
                  onDone={(action) => {
                    setOpen(false);
                    onDone(
                      t('moderation.bulk.done', { count: 1, action: t(`moderation.actions.${action}`) }),
                    );
                  }}
                />
                {mayDiscipline && item.post.author && (
                  <DisciplineForm member={item.post.author} idPrefix={`d-${item.postId}`} />
                )}
              </>
            )}
          </div>
        </div>
      </div>
    </article>
  );
}
