import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TutoringSlotView } from '@convergo/contracts';
import { useFormatters } from '../../i18n/format';
import { sessionFormatters } from '../labs/lab-time';
import { MemberName } from '../live/MemberName';
import { SlotMeeting } from './SlotMeeting';
import { placesLeft } from './tutoring-cache';

/**
 * One slot in a list: day and time on Rome's clock, tutor, lab, how they meet, places left (a
 * live count), and the actions the list gives it (`children`). Its heading links to the slot page.
 */
export function SlotSummary({
  slot,
  headingLevel = 3,
  showMeetingLink = false,
  children,
}: {
  slot: TutoringSlotView;
  headingLevel?: 3 | 4;
  /** The link to the meeting (the tutor's and the bookers' lists); others see only its kind. */
  showMeetingLink?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const when = sessionFormatters(locale);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const left = placesLeft(slot);
  const cancelled = slot.status === 'cancelled';
  return (
    <article
      className={`card card-bg mb-3 tutoring-slot${cancelled ? ' border-danger' : ''}`}
      data-slot-id={slot.id}
      aria-labelledby={`slot-${slot.id}-heading`}
    >
      <div className="card-body">
        <Heading id={`slot-${slot.id}-heading`} className="h5 card-title mb-1">
          <Link to={`/tutoraggio/slot/${slot.id}`}>
            <span className="text-capitalize">{when.day(slot.startsAt)}</span>,{' '}
            <time dateTime={slot.startsAt}>{when.range(slot.startsAt, slot.endsAt)}</time>
          </Link>
          {cancelled && <span className="badge bg-danger ms-2">{t('tutoring.slot.cancelled')}</span>}
        </Heading>
        <dl className="row small mb-2 tutoring-slot-facts">
          <dt className="col-sm-3">{t('tutoring.slot.tutor')}</dt>
          <dd className="col-sm-9 mb-1">
            <MemberName member={slot.tutor} />
          </dd>
          <dt className="col-sm-3">{t('tutoring.slot.lab')}</dt>
          <dd className="col-sm-9 mb-1">
            {slot.lab ? (
              <Link to={`/laboratori/${slot.lab.id}`}>{slot.lab.title}</Link>
            ) : (
              t('tutoring.slot.noLab')
            )}
          </dd>
          <dt className="col-sm-3">{t('tutoring.slot.meeting')}</dt>
          <dd className="col-sm-9 mb-1">
            <SlotMeeting slot={slot} showLink={showMeetingLink} />
          </dd>
          {!cancelled && (
            <>
              <dt className="col-sm-3">{t('tutoring.slot.places')}</dt>
              <dd className="col-sm-9 mb-1" data-testid="places-left" aria-live="polite">
                {left === 0
                  ? t('tutoring.slot.full', { capacity: slot.capacity })
                  : t('tutoring.slot.placesLeft', { count: left, capacity: slot.capacity })}
              </dd>
            </>
          )}
          {slot.note && (
            <>
              <dt className="col-sm-3">{t('tutoring.slot.note')}</dt>
              <dd className="col-sm-9 mb-1">{slot.note}</dd>
            </>
          )}
          {cancelled && slot.cancelReason && (
            <>
              <dt className="col-sm-3">{t('tutoring.slot.cancelReason')}</dt>
              <dd className="col-sm-9 mb-1">{slot.cancelReason}</dd>
            </>
          )}
        </dl>
        {children}
      </div>
    </article>
  );
}
