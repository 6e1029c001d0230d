import type { LabSessionView } from '@convergo/contracts';
import type { SessionRecord } from './sessions.repository';

/**
 * The session as the API answers it. `redacted`: for members outside the lab who read its
 * programme (GET /labs/:id/modules) — no video-call link and no notes document.
 */
export function toSessionView(row: SessionRecord, redacted = false): LabSessionView {
  return {
    id: row.id,
    labId: row.labId,
    moduleId: row.moduleId,
    title: row.title,
    mode: row.mode,
    startsAt: new Date(row.startsAt).toISOString(),
    endsAt: new Date(row.endsAt).toISOString(),
    place: row.place,
    onlineUrl: redacted ? null : row.onlineUrl,
    agenda: row.agenda,
    currentStep: row.currentStep,
    status: row.status,
    notesDocumentId: redacted ? null : row.notesDocumentId,
    icalSequence: row.icalSequence,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** The page of a session in the web app (notifications, calendar URL). */
export function sessionPath(labId: string, sessionId: string): string {
  return `/laboratori/${labId}/sessioni/${sessionId}`;
}
