import {
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type TextareaHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { MemberDirectoryEntry } from '@convergo/contracts';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import { fetchMemberDirectory, memberKeys } from '../../pages/members/members-api';
import { FieldFrame } from '../form';
import { insertMention, mentionAt, type MentionQuery } from './mention-query';

const SUGGESTIONS = 8;

type NativeTextArea = Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'id' | 'onChange' | 'value' | 'role' | 'onKeyDown' | 'onSelect'
>;

export interface MentionTextAreaProps extends NativeTextArea {
  id: string;
  label: ReactNode;
  value: string;
  onValueChange(value: string): void;
  hint?: ReactNode;
  error?: string;
  /** Left out of the suggestions (the writer themself). */
  excludeMemberId?: string | null;
}

/**
 * A Markdown textarea where typing `@` and a few letters suggests members from the directory
 * (ARIA 1.2 combobox with a listbox popup: arrows move, Enter or Tab picks, Escape closes) and
 * picking one inserts `[@Name](member:<uuid>)`, the syntax the server renders and notifies.
 * Reusable: the reply form of the thread page and the new-thread form of a space.
 */
export function MentionTextArea({
  id,
  label,
  value,
  onValueChange,
  hint,
  error,
  required,
  excludeMemberId,
  onBlur,
  ...rest
}: MentionTextAreaProps) {
  const { t } = useTranslation();
  const listId = `${useId()}-mentions`;
  const textRef = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  // The typed name whose suggestions were closed with Escape: typing on opens them again.
  const [dismissed, setDismissed] = useState<string | null>(null);
  const query = useDebouncedValue(mention?.query ?? '', 200);

  const suggestions = useQuery({
    queryKey: memberKeys.mentions(query),
    queryFn: ({ signal }) => fetchMemberDirectory({ q: query }, SUGGESTIONS + 1, null, signal),
    enabled: query.length > 0,
    staleTime: 30_000,
  });
  const options = (suggestions.data?.items ?? [])
    .filter((m) => m.id !== excludeMemberId)
    .slice(0, SUGGESTIONS);
  const open =
    mention !== null &&
    `${mention.start}:${mention.query}` !== dismissed &&
    query === mention.query &&
    suggestions.isSuccess &&
    options.length > 0;
  const activeIndex = Math.min(active, options.length - 1);

  useLayoutEffect(() => {
    if (pendingCaret.current === null || !textRef.current) return;
    textRef.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  });

  const track = (text: string, caret: number | null) => {
    const next = caret === null ? null : mentionAt(text, caret);
    setMention(next);
    if (next?.start !== mention?.start || next?.query !== mention?.query) setActive(0);
  };

  const pick = (member: MemberDirectoryEntry) => {
    if (!mention) return;
    const next = insertMention(value, mention, member);
    pendingCaret.current = next.caret;
    setMention(null);
    onValueChange(next.text);
    textRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((activeIndex + 1) % options.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((activeIndex - 1 + options.length) % options.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      pick(options[activeIndex]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setDismissed(mention ? `${mention.start}:${mention.query}` : null);
    }
  };

  const optionId = (index: number) => `${listId}-${index}`;

  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required} className="mention-field">
      {(describedBy) => (
        <>
          <div className="position-relative">
            <textarea
              ref={textRef}
              id={id}
              className={`form-control${error ? ' is-invalid' : ''}`}
              value={value}
              role="combobox"
              aria-autocomplete="list"
              aria-haspopup="listbox"
              aria-expanded={open}
              aria-controls={listId}
              aria-activedescendant={open ? optionId(activeIndex) : undefined}
              aria-invalid={error ? true : undefined}
              aria-describedby={[describedBy, `${id}-mention-hint`].filter(Boolean).join(' ')}
              required={required}
              rows={4}
              onChange={(event) => {
                onValueChange(event.target.value);
                track(event.target.value, event.target.selectionStart);
              }}
              onSelect={(event) => track(event.currentTarget.value, event.currentTarget.selectionStart)}
              onKeyDown={onKeyDown}
              onBlur={(event) => {
                setMention(null);
                onBlur?.(event);
              }}
              {...rest}
            />
            <ul
              id={listId}
              role="listbox"
              aria-label={t('community.mentionSuggestions')}
              className="list-group position-absolute w-100 shadow bg-white mention-listbox"
              style={{ zIndex: 1050, top: '100%' }}
              hidden={!open}
            >
              {open &&
                options.map((member, index) => (
                  <li
                    key={member.id}
                    id={optionId(index)}
                    role="option"
                    aria-selected={index === activeIndex}
                    className={`list-group-item list-group-item-action${index === activeIndex ? ' active' : ''}`}
                    // mousedown, not click: the textarea keeps focus (and its caret) while picking.
                    onMouseDown={(event) => {
                      event.preventDefault();
                      pick(member);
                    }}
                  >
                    {member.displayName}
                    {member.organization && <span className="small ms-2">{member.organization.name}</span>}
                  </li>
                ))}
            </ul>
          </div>
          <small id={`${id}-mention-hint`} className="form-text d-block">
            {t('community.mentionHint')}
          </small>
          <p className="visually-hidden" role="status" aria-live="polite">
            {open ? t('community.mentionCount', { count: options.length }) : ''}
          </p>
        </>
      )}
    </FieldFrame>
  );
}
