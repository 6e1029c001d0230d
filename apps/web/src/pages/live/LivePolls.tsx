import { useTranslation } from 'react-i18next';
import type { PollView } from '@convergo/contracts';
import { LivePanel } from './LivePanel';
import { PollCard } from './PollCard';
import { PollForm } from './PollForm';

/** The session's quick polls, newest first, with the leader's form for a new one. */
export function LivePolls({
  sessionId,
  polls,
  myVotes,
  canVote,
  canLead,
  onChanged,
  onVoted,
}: {
  sessionId: string;
  polls: PollView[];
  myVotes: Record<string, number>;
  canVote: boolean;
  canLead: boolean;
  onChanged(poll: PollView): void;
  onVoted(pollId: string, option: number): void;
}) {
  const { t } = useTranslation();
  return (
    <LivePanel id="live-polls" title={t('live.polls.title')}>
      {canLead && (
        <details className="mb-3">
          <summary className="fw-semibold">{t('live.polls.new')}</summary>
          <div className="mt-2">
            <PollForm sessionId={sessionId} onCreated={onChanged} />
          </div>
        </details>
      )}
      {polls.length === 0 ? (
        <p className="mb-0">{t('live.polls.none')}</p>
      ) : (
        polls.map((poll) => (
          <PollCard
            key={poll.id}
            poll={poll}
            myVote={myVotes[poll.id]}
            canVote={canVote}
            canLead={canLead}
            onChanged={onChanged}
            onVoted={onVoted}
          />
        ))
      )}
    </LivePanel>
  );
}
