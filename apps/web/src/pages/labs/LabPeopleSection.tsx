import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { LabParticipantView } from '@convergo/contracts';
import { ListStatus } from '../../components/ListStatus';
import { CoachingThreadLink } from '../tutoring/CoachingThreadLink';
import { LabSection } from './LabSection';
import { fetchLabGroups, fetchLabParticipants, labKeys } from './labs-api';

function byOrganization(people: readonly LabParticipantView[], none: string) {
  const groups = new Map<string, LabParticipantView[]>();
  for (const person of people) {
    const key = person.member.organizationName ?? none;
    groups.set(key, [...(groups.get(key) ?? []), person]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'it'));
}

/** Tutors, then participants grouped by administration. */
export function LabPeopleSection({ labId }: { labId: string }) {
  const { t } = useTranslation();
  const people = useQuery({
    queryKey: labKeys.participants(labId),
    queryFn: ({ signal }) => fetchLabParticipants(labId, signal),
  });
  const items = people.data ?? [];
  const tutors = items.filter((p) => p.role === 'tutor');
  const participants = items.filter((p) => p.role === 'participant');
  return (
    <LabSection id="partecipanti" title={t('labs.people.title')}>
      <ListStatus query={people} count={items.length} empty={t('labs.people.none')} />
      {people.isSuccess && (
        <>
          <h3 className="h5">{t('labs.people.tutors')}</h3>
          {tutors.length === 0 ? (
            <p>{t('labs.people.noTutors')}</p>
          ) : (
            <ul>
              {tutors.map((p) => (
                <li key={p.member.id}>
                  {p.member.displayName}
                  {p.member.organizationName && (
                    <span className="text-muted"> · {p.member.organizationName}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h3 className="h5">{t('labs.people.participants')}</h3>
          {participants.length === 0 ? (
            <p>{t('labs.people.none')}</p>
          ) : (
            byOrganization(participants, t('labs.people.noOrganization')).map(([organization, members]) => (
              <div key={organization} className="mb-3">
                <h4 className="h6">
                  {organization} <span className="badge bg-light text-dark border">{members.length}</span>
                </h4>
                <ul>
                  {members.map((p) => (
                    <li key={p.member.id}>{p.member.displayName}</li>
                  ))}
                </ul>
              </div>
            ))
          )}
        </>
      )}
    </LabSection>
  );
}

/**
 * The lab's working groups. Each group's private coaching thread (with the lab's tutors) is
 * linked for those who may read it: its members, and the lab's tutors and admins (`coachesAll`).
 */
export function LabGroupsSection({
  labId,
  coachesAll,
  myId,
}: {
  labId: string;
  coachesAll: boolean;
  myId: string | null;
}) {
  const { t } = useTranslation();
  const groups = useQuery({
    queryKey: labKeys.groups(labId),
    queryFn: ({ signal }) => fetchLabGroups(labId, signal),
  });
  const items = groups.data ?? [];
  return (
    <LabSection id="gruppi" title={t('labs.groups.title')}>
      <ListStatus query={groups} count={items.length} empty={t('labs.groups.none')} />
      <div className="row g-3">
        {items.map((group) => (
          <div key={group.id} className="col-12 col-md-6">
            <div className="card card-bg h-100">
              <div className="card-body">
                <h3 className="h5 card-title">{group.name}</h3>
                <ul aria-label={t('labs.groups.members', { name: group.name })} className="mb-0">
                  {group.members.map((m) => (
                    <li key={m.id}>
                      {m.displayName}
                      {m.organizationName && <span className="text-muted"> · {m.organizationName}</span>}
                    </li>
                  ))}
                </ul>
                {(coachesAll || group.members.some((m) => m.id === myId)) && (
                  <CoachingThreadLink groupId={group.id} groupName={group.name} />
                )}
              </div>
            </div>
          </div>
        ))}
      </div>
    </LabSection>
  );
}
