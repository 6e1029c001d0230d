import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { NotificationView } from '@convergo/contracts';
import { toApiError } from '../api/problem';
import { ProblemAlert } from '../components/ProblemAlert';
import { useFormatters } from '../i18n/format';
import { useNotifications } from '../notifications/useNotifications';
import { notificationText } from '../notifications/wording';

export const NOTIFICATION_PANEL_ID = 'notification-panel';

/** Internal paths only: a notification's `link` never leaves the app. */
function internalPath(link: string | null): string | null {
  return link && link.startsWith('/') && !link.startsWith('//') ? link : null;
}

/** Re-renders every `ms` while `active`, so relative times ("2 minuti fa") move on. */
function useNow(active: boolean, ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [active, ms]);
  return now;
}

/**
 * The notification centre in the header: a button with the unread count (the API's, kept
 * live over socket.io) that discloses a panel with the latest notifications. The panel is a
 * non-modal disclosure: focus moves to its title when it opens, Escape or the close button
 * close it and give focus back to the bell; clicking elsewhere or tabbing away closes it.
 * New notifications are announced politely to screen readers.
 */
export function NotificationBell({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const notifications = useNotifications(memberId);
  const { unread, items, query } = notifications;
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const focusFrom = useRef<number | null>(null);
  const titleId = useId();
  const now = useNow(open);

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (open) titleRef.current?.focus();
    // Closed with focus inside (a followed link): never leave focus on a hidden element. A
    // navigation then moves it on to the new page's heading.
    else if (panelRef.current?.contains(document.activeElement)) buttonRef.current?.focus();
  }, [open]);

  // A click anywhere else closes the panel (focus stays where the click put it).
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  // After "load more", focus goes to the first notification of the new page.
  useEffect(() => {
    const from = focusFrom.current;
    if (from === null || query.isFetchingNextPage || items.length <= from) return;
    focusFrom.current = null;
    listRef.current?.querySelector<HTMLElement>(`[data-result-index="${from}"]`)?.focus();
  }, [items.length, query.isFetchingNextPage]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (open && event.key === 'Escape') {
      event.preventDefault();
      close(true);
    }
  };

  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    const next = event.relatedTarget;
    if (open && next instanceof Node && !event.currentTarget.contains(next)) setOpen(false);
  };

  const toggle = () => {
    if (open) {
      close(false);
      return;
    }
    // What the socket may have missed (e.g. offline for a while) shows when the panel opens.
    notifications.reload();
    setOpen(true);
  };

  const label = unread > 0 ? t('notifications.labelUnread', { count: unread }) : t('notifications.label');
  const loadError = query.isError && !query.data ? toApiError(query.error) : null;

  return (
    <div ref={rootRef} className="position-relative notification-bell" onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={buttonRef}
        type="button"
        className="btn btn-icon btn-link text-white p-1 notification-bell-button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={NOTIFICATION_PANEL_ID}
        onClick={toggle}
      >
        <svg className="icon icon-white" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Zm-2 1H7v-6a5 5 0 0 1 10 0v6Z" />
        </svg>
        {unread > 0 && (
          <span
            className="badge rounded-pill position-absolute top-0 start-100 translate-middle notification-count"
            aria-hidden="true"
          >
            {unread > 99 ? '99+' : format.number(unread)}
          </span>
        )}
      </button>

      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {notifications.announcement}
      </div>

      <div
        id={NOTIFICATION_PANEL_ID}
        ref={panelRef}
        className="notification-panel card shadow"
        role="region"
        aria-labelledby={titleId}
        hidden={!open}
      >
        <div className="notification-panel-header">
          <h2 id={titleId} ref={titleRef} tabIndex={-1} className="h5 mb-0">
            {t('notifications.title')}
          </h2>
          <button
            type="button"
            className="btn btn-sm btn-link notification-close"
            aria-label={t('notifications.close')}
            onClick={() => close(true)}
          >
            <svg className="icon icon-sm" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="m12.7 12 6.7-6.6-.8-.8-6.6 6.7-6.6-6.7-.8.8 6.7 6.6-6.7 6.6.8.8 6.6-6.7 6.6 6.7.8-.8z" />
            </svg>
          </button>
        </div>
        <div className="notification-panel-toolbar">
          <p className="mb-0 small">
            {unread > 0 ? t('notifications.unreadSummary', { count: unread }) : t('notifications.allRead')}
          </p>
          <button
            type="button"
            className="btn btn-sm btn-outline-primary"
            // aria-disabled, not disabled: the button keeps focus once everything is read.
            aria-disabled={unread === 0 || notifications.markingAll}
            onClick={() => {
              if (unread > 0 && !notifications.markingAll) notifications.markAllRead();
            }}
          >
            {notifications.markingAll ? t('notifications.markingAllRead') : t('notifications.markAllRead')}
          </button>
        </div>
        {notifications.markError && (
          <div className="px-3 pt-2">
            <ProblemAlert error={toApiError(notifications.markError)} />
          </div>
        )}
        <div className="notification-panel-body">
          {query.isPending && <p className="p-3 mb-0">{t('common.loading')}</p>}
          {loadError && (
            <div className="p-3">
              <ProblemAlert error={loadError} onRetry={notifications.reload} />
            </div>
          )}
          {query.isSuccess && items.length === 0 && <p className="p-3 mb-0">{t('notifications.empty')}</p>}
          {items.length > 0 && (
            <ul ref={listRef} className="notification-list" aria-label={t('notifications.list')}>
              {items.map((item, index) => (
                <NotificationItem
                  key={item.id}
                  item={item}
                  index={index}
                  time={format.relative(item.createdAt, now)}
                  absoluteTime={format.dateTime(item.createdAt)}
                  onFollow={() => {
                    if (item.readAt === null) notifications.markOneRead(item.id);
                    setOpen(false);
                  }}
                />
              ))}
            </ul>
          )}
          {query.hasNextPage && (
            <div className="p-2 text-center">
              <button
                type="button"
                className="btn btn-sm btn-link"
                aria-disabled={query.isFetchingNextPage}
                onClick={() => {
                  if (query.isFetchingNextPage) return;
                  focusFrom.current = items.length;
                  void query.fetchNextPage();
                }}
              >
                {query.isFetchingNextPage ? t('common.loading') : t('notifications.loadMore')}
              </button>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

function NotificationItem({
  item,
  index,
  time,
  absoluteTime,
  onFollow,
}: {
  item: NotificationView;
  index: number;
  time: string;
  absoluteTime: string;
  onFollow(): void;
}) {
  const { t } = useTranslation();
  const unread = item.readAt === null;
  const text = notificationText(item, t);
  const path = internalPath(item.link);
  return (
    <li
      className={`notification-item${unread ? ' notification-unread' : ''}`}
      data-result-index={index}
      tabIndex={-1}
    >
      <span className="notification-dot" aria-hidden="true" />
      <div className="notification-content">
        {unread && <span className="visually-hidden">{t('notifications.unread')}: </span>}
        {path ? (
          <Link to={path} className="notification-text" onClick={onFollow}>
            {text}
          </Link>
        ) : (
          <span className="notification-text">{text}</span>
        )}
        <time className="d-block small notification-time" dateTime={item.createdAt} title={absoluteTime}>
          {time}
        </time>
      </div>
    </li>
  );
}
