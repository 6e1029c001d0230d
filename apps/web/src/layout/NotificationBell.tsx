import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { MemberView } from '@convergo/contracts';
import { ME_QUERY_KEY } from '../auth/auth-context';
import { isEventOfType, useRoomEvents } from '../realtime/useRoomEvents';

/**
 * Placeholder for the notification centre: listens to the member's own room, counts
 * `notification.created` events and keeps the signed-in member fresh on `member.updated`.
 */
export function NotificationBell({ member }: { member: MemberView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);

  useRoomEvents(`member:${member.id}`, (event) => {
    if (isEventOfType(event, 'member.updated')) queryClient.setQueryData(ME_QUERY_KEY, event.data);
    else if (event.type === 'notification.created') setUnread((n) => n + 1);
  });

  const label = unread > 0 ? t('notifications.labelUnread', { count: unread }) : t('notifications.label');
  return (
    <div className="position-relative notification-bell">
      <button
        type="button"
        className="btn btn-icon btn-link text-white p-1"
        aria-label={label}
        aria-expanded={open}
        aria-controls="notification-panel"
        onClick={() => {
          setOpen((value) => !value);
          setUnread(0);
        }}
      >
        <svg className="icon icon-white" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Zm-2 1H7v-6a5 5 0 0 1 10 0v6Z" />
        </svg>
        {unread > 0 && (
          <span
            className="badge rounded-pill bg-danger position-absolute top-0 start-100 translate-middle"
            aria-hidden="true"
          >
            {unread}
          </span>
        )}
      </button>
      <div
        id="notification-panel"
        className={`notification-panel card shadow p-3 ${open ? '' : 'd-none'}`}
        role="region"
        aria-label={t('notifications.label')}
      >
        <p className="mb-0">{t('notifications.empty')}</p>
      </div>
    </div>
  );
}
