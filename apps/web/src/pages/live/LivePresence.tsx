import { useTranslation } from 'react-i18next';
import type { PresentMember } from '@convergo/contracts';
import { LivePanel } from './LivePanel';
import { MemberName } from './MemberName';

const ROLE_ORDER: Record<PresentMember['role'], number> = { tutor: 0, participant: 1, observer: 2 };

/** Who is in the room now: tutors first, then by name; each member once whatever their tabs. */
export function LivePresence({ present, myId }: { present: PresentMember[]; myId: string | null }) {
  const { t } = useTranslation();
  const sorted = [...present].sort(
    (a, b) =>
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.member.displayName.localeCompare(b.member.displayName),
  );
  return (
    <LivePanel id="live-present" title={t('live.present.title', { count: present.length })}>
      {sorted.length === 0 ? (
        <p className="mb-0">{t('live.present.none')}</p>
      ) : (
        <ul className="list-unstyled mb-0" data-testid="live-present">
          {sorted.map((person) => (
            <li key={person.member.id} className="py-1" data-member-id={person.member.id}>
              <MemberName member={person.member} />
              {person.member.id === myId && <span className="ms-1">{t('live.present.you')}</span>}
              {person.role !== 'participant' && (
                <span className={`badge ms-2 ${person.role === 'tutor' ? 'bg-primary' : 'bg-secondary'}`}>
                  {t(`live.roles.${person.role}`)}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </LivePanel>
  );
}
