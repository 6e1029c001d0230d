import { useTranslation } from 'react-i18next';
import { SESSION_MESSAGE_LIMITS } from '@convergo/contracts';
import { ChatPanel } from './ChatPanel';
import { LivePanel } from './LivePanel';
import { fetchSessionMessages, liveKeys, postSessionMessage } from './live-api';

/**
 * The room's chat: the latest messages, new ones appended live (useLiveRoom folds
 * `session.message` into the same cache).
 */
export function LiveChat({ sessionId, canWrite }: { sessionId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  return (
    <LivePanel id="live-chat" title={t('live.chat.title')}>
      <ChatPanel
        id={`live-chat-${sessionId}`}
        testId="live-chat"
        queryKey={liveKeys.messages(sessionId)}
        fetchLines={(signal) => fetchSessionMessages(sessionId, signal)}
        postLine={(body) => postSessionMessage(sessionId, { body })}
        maxLength={SESSION_MESSAGE_LIMITS.body}
        canWrite={canWrite}
        texts={{
          list: t('live.chat.list'),
          none: t('live.chat.none'),
          formLabel: t('live.chat.formLabel'),
          label: t('live.chat.label'),
          hint: t('live.chat.hint'),
          send: t('live.chat.send'),
        }}
      />
    </LivePanel>
  );
}
