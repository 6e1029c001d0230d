import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import type { PollView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { closePoll, votePoll } from './live-api';
import { PollResults } from './PollResults';

/** One poll: its live counts; a participant's vote (changeable while open); the leader closes it. */
export function PollCard({
  poll,
  myVote,
  canVote,
  canLead,
  onChanged,
  onVoted,
}: {
  poll: PollView;
  myVote: number | undefined;
  canVote: boolean;
  canLead: boolean;
  onChanged(poll: PollView): void;
  onVoted(pollId: string, option: number): void;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<number | null>(myVote ?? null);
  const [missing, setMissing] = useState(false);
  const vote = useMutation({
    mutationFn: (option: number) => votePoll(poll.id, { option }),
    onSuccess: (updated, option) => {
      onChanged(updated);
      onVoted(poll.id, option);
    },
  });
  const close = useMutation({ mutationFn: () => closePoll(poll.id), onSuccess: onChanged });
  const open = poll.status === 'open';
  const name = `poll-${poll.id}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (vote.isPending) return;
    if (choice === null) {
      setMissing(true);
      return;
    }
    setMissing(false);
    vote.mutate(choice);
  };

  return (
    <article className="border rounded p-3 mb-3" aria-labelledby={`${name}-q`} data-poll-id={poll.id}>
      <div className="d-flex flex-wrap justify-content-between gap-2">
        <h3 id={`${name}-q`} className="h6 mb-2">
          {poll.question}
        </h3>
        <span className={`badge align-self-start ${open ? 'bg-success' : 'bg-secondary'}`}>
          {open ? t('live.polls.open') : t('live.polls.closed')}
        </span>
      </div>
      <PollResults poll={poll} myVote={myVote} />
      <p className="small mb-2" data-testid="poll-total">
        {t('live.polls.total', { count: poll.totalVotes })}
      </p>
      {open && canVote && (
        <form onSubmit={submit} noValidate>
          <fieldset>
            <legend className="small fw-semibold">{t('live.polls.yourChoice')}</legend>
            {poll.options.map((option, index) => (
              <div className="form-check" key={index}>
                <input
                  id={`${name}-${index}`}
                  type="radio"
                  name={name}
                  checked={choice === index}
                  onChange={() => setChoice(index)}
                  aria-describedby={missing ? `${name}-missing` : undefined}
                />
                <label htmlFor={`${name}-${index}`}>{option.label}</label>
              </div>
            ))}
          </fieldset>
          {missing && (
            <p id={`${name}-missing`} className="text-danger small" role="alert">
              {t('live.polls.chooseOne')}
            </p>
          )}
          {vote.isError && <ProblemAlert error={toApiError(vote.error)} />}
          <div className="d-flex flex-wrap align-items-center gap-2">
            <button type="submit" className="btn btn-primary btn-sm" aria-disabled={vote.isPending}>
              {myVote === undefined ? t('live.polls.vote') : t('live.polls.changeVote')}
            </button>
            <span role="status" className="small">
              {vote.isSuccess && t('live.polls.voted')}
            </span>
          </div>
        </form>
      )}
      {open && canLead && (
        <>
          {close.isError && <ProblemAlert error={toApiError(close.error)} />}
          <button
            type="button"
            className="btn btn-outline-danger btn-sm mt-2"
            aria-disabled={close.isPending}
            onClick={() => !close.isPending && close.mutate()}
          >
            {t('live.polls.close')}
          </button>
        </>
      )}
    </article>
  );
}
