import type { TFunction } from 'i18next';
import type { NotificationView } from '@convergo/contracts';
import { currentLanguage, INTL_LOCALES } from '../i18n';
import {
  isTutoringNotificationKind,
  tutoringNotificationText,
} from '../pages/tutoring/tutoring-notifications';

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/**
 * A notification as a sentence in the interface language, from its `kind` and `data` (the API
 * stores facts, never wording: libs/contracts/src/notifications.ts lists the kinds and their
 * data). A kind this version does not know yet gets a generic sentence.
 */
export function notificationText(notification: NotificationView, t: TFunction): string {
  const { kind, data } = notification;
  const someone = () => t('notifications.someone');
  const author = text(data.authorName) ?? someone();
  const thread = text(data.threadTitle);
  const space = text(data.spaceName);
  switch (kind) {
    case 'invitation_accepted':
      return t('notifications.kinds.invitation_accepted', {
        displayName: text(data.displayName) ?? text(data.email) ?? someone(),
      });
    case 'access_request_approved': {
      const name = text(data.displayName);
      return name
        ? t('notifications.kinds.access_request_approved', { displayName: name })
        : t('notifications.kinds.access_request_approved_self');
    }
    case 'mention':
      return thread
        ? t('notifications.kinds.mention', { author, thread })
        : t('notifications.kinds.mention_untitled', { author });
    case 'post_reply':
      return thread
        ? t('notifications.kinds.post_reply', { author, thread })
        : t('notifications.kinds.post_reply_untitled', { author });
    case 'thread_reply':
    case 'thread_post':
      return thread
        ? t('notifications.kinds.thread_post', { author, thread })
        : t('notifications.kinds.thread_post_untitled', { author });
    case 'space_thread':
      return thread
        ? t('notifications.kinds.space_thread', { author, thread })
        : t('notifications.kinds.other');
    case 'post_hidden':
      return thread
        ? t('notifications.kinds.post_hidden', { thread })
        : t('notifications.kinds.post_hidden_untitled');
    case 'space_added':
      return space ? t('notifications.kinds.space_added', { space }) : t('notifications.kinds.other');
    case 'space_moderator_appointed':
      return space
        ? t('notifications.kinds.space_moderator_appointed', { space })
        : t('notifications.kinds.other');
    case 'lab_application_decided': {
      const lab = text(data.labTitle);
      if (!lab) return t('notifications.kinds.other');
      return data.decision === 'accepted'
        ? t('notifications.kinds.lab_application_accepted', { lab })
        : t('notifications.kinds.lab_application_rejected', { lab });
    }
    case 'lab_enrolled': {
      const lab = text(data.labTitle);
      return lab ? t('notifications.kinds.lab_enrolled', { lab }) : t('notifications.kinds.other');
    }
    case 'deliverable_submitted': {
      const deliverable = text(data.deliverableTitle);
      const group = text(data.groupName) ?? someone();
      return deliverable
        ? t('notifications.kinds.deliverable_submitted', { deliverable, group })
        : t('notifications.kinds.other');
    }
    case 'deliverable_reviewed': {
      const deliverable = text(data.deliverableTitle);
      if (!deliverable) return t('notifications.kinds.other');
      return data.decision === 'approved'
        ? t('notifications.kinds.deliverable_approved', { deliverable })
        : t('notifications.kinds.deliverable_changes_requested', { deliverable });
    }
    case 'practice_published':
    case 'practice_changes_requested': {
      const practice = text(data.practiceTitle);
      return practice ? t(`notifications.kinds.${kind}`, { practice }) : t('notifications.kinds.other');
    }
    case 'twinning_status_changed': {
      const twinning = text(data.twinningTitle);
      const status = text(data.status);
      if (!twinning || !status) return t('notifications.kinds.other');
      return t('notifications.kinds.twinning_status_changed', {
        twinning,
        status: t(`notifications.kinds.twinning_statuses.${status}`, { defaultValue: status }),
      });
    }
    case 'session_scheduled':
    case 'session_changed':
    case 'session_cancelled': {
      const session = text(data.sessionTitle);
      const lab = text(data.labTitle);
      if (!session || !lab) return t('notifications.kinds.other');
      return t(`notifications.kinds.${kind}`, { session, lab });
    }
    default:
      if (isTutoringNotificationKind(kind)) {
        const locale = INTL_LOCALES[currentLanguage()];
        return tutoringNotificationText(kind, data, t, locale) ?? t('notifications.kinds.other');
      }
      return t('notifications.kinds.other');
  }
}
