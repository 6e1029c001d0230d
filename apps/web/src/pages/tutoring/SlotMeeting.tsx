import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TutoringSlotView } from '@convergo/contracts';
import { safeHttpUrl } from '../../lib/safe-url';

/** How tutor and bookers meet: the external call's link, the place, or the slot's own room in Convergo. */
export function SlotMeeting({ slot, showLink = true }: { slot: TutoringSlotView; showLink?: boolean }) {
  const { t } = useTranslation();
  const kind = t(`tutoring.meeting.${slot.meeting}`);
  if (slot.meeting === 'in_presence') {
    return (
      <>
        {kind}
        {slot.place && <>: {slot.place}</>}
      </>
    );
  }
  if (!showLink) return <>{kind}</>;
  if (slot.meeting === 'convergo') {
    return <Link to={`/tutoraggio/slot/${slot.id}`}>{t('tutoring.meeting.openRoom')}</Link>;
  }
  const url = safeHttpUrl(slot.onlineUrl);
  return url ? (
    <a href={url} target="_blank" rel="noopener noreferrer">
      {t('tutoring.meeting.openLink')} <span className="visually-hidden">{t('common.newWindow')}</span>
    </a>
  ) : (
    <>{kind}</>
  );
}
