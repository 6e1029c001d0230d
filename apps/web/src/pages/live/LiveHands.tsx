import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RaisedHand, SessionHandAck } from '@convergo/contracts';
import { useFormatters } from '../../i18n/format';
import { romeClock } from './live-time';
import { LivePanel } from './LivePanel';
import { MemberName } from './MemberName';

/**
 * The queue of raised hands in the order the server keeps (oldest first). Everyone raises and
 * lowers their own; whoever leads the room lowers anyone's.
 */
export function LiveHands({
  hands,
  myId,
  canLead,
  canRaise,
  setHand,
}: {
  hands: RaisedHand[];
  myId: string | null;
  canLead: boolean;
  canRaise: boolean;
  setHand(raised: boolean, memberId?: string): Promise<SessionHandAck>;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const mine = hands.some((hand) => hand.member.id === myId);

  const send = async (raised: boolean, memberId?: string) => {
    if (busy) return;
    setBusy(true);
    setFailed(null);
    const ack = await setHand(raised, memberId);
    setBusy(false);
    if (!ack.ok)
      setFailed(ack.error.code === 'rate_limited' ? t('live.hands.rateLimited') : t('live.hands.failed'));
  };

  return (
    <LivePanel
      id="live-hands"
      title={t('live.hands.title', { count: hands.length })}
      actions={
        canRaise && (
          <button
            type="button"
            className={`btn btn-sm ${mine ? 'btn-outline-primary' : 'btn-primary'}`}
            aria-pressed={mine}
            aria-disabled={busy}
            onClick={() => void send(!mine)}
          >
            {mine ? t('live.hands.lower') : t('live.hands.raise')}
          </button>
        )
      }
    >
      {failed && (
        <p className="text-danger small" role="alert">
          {failed}
        </p>
      )}
      {hands.length === 0 ? (
        <p className="mb-0">{t('live.hands.none')}</p>
      ) : (
        <ol className="mb-0 ps-3" data-testid="live-hands">
          {hands.map((hand) => (
            <li key={hand.member.id} className="py-1" data-member-id={hand.member.id}>
              <div className="d-flex flex-wrap align-items-center justify-content-between gap-2">
                <span>
                  <MemberName member={hand.member} />{' '}
                  <time className="small text-muted" dateTime={hand.raisedAt}>
                    {romeClock(hand.raisedAt, locale)}
                  </time>
                </span>
                {canLead && hand.member.id !== myId && (
                  <button
                    type="button"
                    className="btn btn-outline-primary btn-xs py-0 px-2"
                    aria-disabled={busy}
                    onClick={() => void send(false, hand.member.id)}
                  >
                    {t('live.hands.lowerFor', { name: hand.member.displayName })}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </LivePanel>
  );
}
