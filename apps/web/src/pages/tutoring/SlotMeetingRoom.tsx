import { useTranslation } from 'react-i18next';
import { TUTORING_LIMITS, type TutoringSlotView } from '@convergo/contracts';
import { useAuth } from '../../auth/auth-context';
import { ChatPanel } from '../live/ChatPanel';
import { LivePanel } from '../live/LivePanel';
import { MemberName } from '../live/MemberName';
import { fetchMeetingMessages, postMeetingMessage, tutoringKeys } from './tutoring-api';
import { useTutoringMeeting } from './useTutoringMeeting';

/**
 * The meeting room of a slot held in Convergo, for its tutor, its bookers and admins: who is in
 * it now (live) and its chat. Entering the page enters the room; leaving it leaves.
 */
export function SlotMeetingRoom({ slot }: { slot: TutoringSlotView }) {
  const { t } = useTranslation();
  const { member } = useAuth();
  const meeting = useTutoringMeeting(slot.id);

  if (meeting.problem === 'forbidden' || meeting.problem === 'not_found') {
    return <p className="alert alert-info">{t('tutoring.room.outsider')}</p>;
  }
  return (
    <div className="row">
      <div className="col-lg-4">
        <LivePanel
          id="tutoring-room-present"
          title={t('tutoring.room.present', { count: meeting.present?.length ?? 0 })}
        >
          {meeting.problem && (
            <div className="alert alert-warning" role="alert">
              {t('tutoring.room.joinFailed')}{' '}
              <button type="button" className="btn btn-link p-0 align-baseline" onClick={meeting.rejoin}>
                {t('tutoring.room.retry')}
              </button>
            </div>
          )}
          {meeting.present === null ? (
            !meeting.problem && <p className="mb-0">{t('tutoring.room.entering')}</p>
          ) : (
            <ul className="list-unstyled mb-0" data-testid="tutoring-room-present" aria-live="polite">
              {meeting.present.map((person) => (
                <li key={person.id} className="py-1" data-member-id={person.id}>
                  <MemberName member={person} />
                  {person.id === member?.id && <span className="ms-1">{t('tutoring.room.you')}</span>}
                  {person.id === slot.tutor.id && (
                    <span className="badge bg-primary ms-2">{t('tutoring.room.tutor')}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </LivePanel>
      </div>
      <div className="col-lg-8">
        <LivePanel id="tutoring-room-chat" title={t('tutoring.room.chat')}>
          <ChatPanel
            id={`tutoring-chat-${slot.id}`}
            testId="tutoring-room-chat"
            queryKey={tutoringKeys.meetingMessages(slot.id)}
            fetchLines={(signal) => fetchMeetingMessages(slot.id, signal)}
            postLine={(body) => postMeetingMessage(slot.id, body)}
            maxLength={TUTORING_LIMITS.message}
            canWrite
            texts={{
              list: t('tutoring.room.chatList'),
              none: t('tutoring.room.chatNone'),
              formLabel: t('tutoring.room.chatForm'),
              label: t('tutoring.room.chatLabel'),
              hint: t('tutoring.room.chatHint'),
              send: t('tutoring.room.send'),
            }}
          />
        </LivePanel>
      </div>
    </div>
  );
}
