import { useTranslation } from 'react-i18next';
import type { PollView } from '@convergo/contracts';

/** The counts as bars, with the figures in words beside them (the bars are decoration). */
export function PollResults({ poll, myVote }: { poll: PollView; myVote: number | undefined }) {
  const { t } = useTranslation();
  return (
    <ul className="list-unstyled mb-2" aria-label={t('live.polls.results')} data-testid="poll-results">
      {poll.options.map((option, index) => {
        const percent = poll.totalVotes ? Math.round((option.votes / poll.totalVotes) * 100) : 0;
        return (
          <li key={index} className="mb-2" data-option={index} data-votes={option.votes}>
            <div className="d-flex justify-content-between small">
              <span>
                {option.label}
                {myVote === index && (
                  <span className="badge bg-info text-dark ms-2">{t('live.polls.mine')}</span>
                )}
              </span>
              <span>{t('live.polls.optionVotes', { count: option.votes, percent })}</span>
            </div>
            <div className="progress" aria-hidden="true">
              <div className="progress-bar" style={{ width: `${percent}%` }} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
