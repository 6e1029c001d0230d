import { Foundation1764000000000 } from './1764000000000-foundation';
import { OrganizationsUniqueName1764000100000 } from './1764000100000-organizations-unique-name';
import { Notifications1764000200000 } from './1764000200000-notifications';
import { SpacesThreads1764000300000 } from './1764000300000-spaces-threads';
import { Documents1764000400000 } from './1764000400000-documents';
import { Moderation1764000500000 } from './1764000500000-moderation';
import { NotificationPreferences1764000600000 } from './1764000600000-notification-preferences';
import { DocumentVersionsComments1764000700000 } from './1764000700000-document-versions-comments';
import { LabsTwinnings1764000800000 } from './1764000800000-labs-twinnings';
import { DocumentAttachments1764000900000 } from './1764000900000-document-attachments';
import { LabsSessions1765000000000 } from './1765000000000-labs-sessions';
import { EnrolmentDeliverables1765000100000 } from './1765000100000-enrolment-deliverables';
import { LiveRoom1765000200000 } from './1765000200000-live-room';
import { Attendance1765000300000 } from './1765000300000-attendance';
import { LivePollsChat1765000400000 } from './1765000400000-live-polls-chat';
import { TutoringSlots1765000500000 } from './1765000500000-tutoring-slots';
import { TutoringReminders1765000600000 } from './1765000600000-tutoring-reminders';
import { CoachingSpaces1765000950000 } from './1765000950000-coaching-spaces';
import { TutoringMeeting1765001000000 } from './1765001000000-tutoring-meeting';
import { Practices1765001200000 } from './1765001200000-practices';
import { ProgrammeIndicators1765001600000 } from './1765001600000-programme-indicators';
import { TwinningLifecycle1765001300000 } from './1765001300000-twinning-lifecycle';
import { OrganizationNeeds1765001400000 } from './1765001400000-organization-needs';
import { TwinningSpaces1765001800000 } from './1765001800000-twinning-spaces';
import { ThreadPostCount1765001900000 } from './1765001900000-thread-post-count';

/** In order. Append new migrations; never edit one that has landed. */
export const MIGRATIONS = [
  Foundation1764000000000,
  OrganizationsUniqueName1764000100000,
  Notifications1764000200000,
  SpacesThreads1764000300000,
  Documents1764000400000,
  Moderation1764000500000,
  NotificationPreferences1764000600000,
  DocumentVersionsComments1764000700000,
  LabsTwinnings1764000800000,
  DocumentAttachments1764000900000,
  LabsSessions1765000000000,
  EnrolmentDeliverables1765000100000,
  LiveRoom1765000200000,
  Attendance1765000300000,
  LivePollsChat1765000400000,
  TutoringSlots1765000500000,
  TutoringReminders1765000600000,
  CoachingSpaces1765000950000,
  TutoringMeeting1765001000000,
  Practices1765001200000,
  TwinningLifecycle1765001300000,
  OrganizationNeeds1765001400000,
  ProgrammeIndicators1765001600000,
  TwinningSpaces1765001800000,
  ThreadPostCount1765001900000,
];
