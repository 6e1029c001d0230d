import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  roomName,
  type DeliverableView,
  type EventEnvelope,
  type LabApplicationView,
  type LabModuleWithSessions,
  type LabSessionView,
  type LabView,
} from '@convergo/contracts';
import { isEventOfType, useRoomEvents } from '../../realtime/useRoomEvents';
import { labKeys } from './labs-api';
import { upsertSession } from './lab-time';

/** Folds a session created or changed into every cache that lists it. */
export function foldSession(client: QueryClient, session: LabSessionView): void {
  client.setQueryData<LabSessionView>(labKeys.session(session.id), session);
  client.setQueryData<LabSessionView[]>(labKeys.sessions(session.labId), (old) =>
    old ? upsertSession(old, session) : old,
  );
  client.setQueryData<LabSessionView[]>(labKeys.mySessions, (old) =>
    old ? upsertSession(old, session) : old,
  );
  client.setQueryData<LabModuleWithSessions[]>(labKeys.modules(session.labId), (old) =>
    old?.map((module) => {
      const without = module.sessions.filter((s) => s.id !== session.id);
      return module.id === session.moduleId
        ? { ...module, sessions: upsertSession(without, session) }
        : { ...module, sessions: without };
    }),
  );
}

export function foldDeliverable(client: QueryClient, deliverable: DeliverableView): void {
  const key = labKeys.deliverable(deliverable.id);
  client.setQueryData<DeliverableView>(key, (old) =>
    old && deliverable.reviews.length === 0 ? { ...deliverable, reviews: old.reviews } : deliverable,
  );
  // The lab room's events leave the reviews out (not every participant may read them): the
  // deliverable's own page asks for them again, with the reader's rights.
  if (deliverable.reviews.length === 0 && deliverable.submissions.length > 0) {
    void client.invalidateQueries({ queryKey: key });
  }
  client.setQueryData<DeliverableView[]>(labKeys.deliverables(deliverable.labId), (old) => {
    if (!old) return old;
    return old.some((d) => d.id === deliverable.id)
      ? old.map((d) => (d.id === deliverable.id ? deliverable : d))
      : [...old, deliverable];
  });
}

function foldApplication(client: QueryClient, application: LabApplicationView): void {
  client.setQueryData<LabApplicationView[]>(labKeys.applications(application.labId), (old) => {
    if (!old) return old;
    return old.some((a) => a.id === application.id)
      ? old.map((a) => (a.id === application.id ? application : a))
      : [application, ...old];
  });
}

/** Applies one event of a `lab:<id>` or `session:<id>` room to the caches; true when it was one of ours. */
export function foldLabEvent(client: QueryClient, event: EventEnvelope): boolean {
  if (isEventOfType(event, 'session.created') || isEventOfType(event, 'session.updated')) {
    foldSession(client, event.data);
    return true;
  }
  if (isEventOfType(event, 'deliverable.status_changed')) {
    foldDeliverable(client, event.data);
    return true;
  }
  if (isEventOfType(event, 'lab.updated')) {
    const lab = event.data;
    // The event's `myRole` is null for everyone: keep the asker's own.
    client.setQueryData<LabView>(labKeys.lab(lab.id), (old) => ({ ...lab, myRole: old?.myRole ?? null }));
    void client.invalidateQueries({ queryKey: labKeys.catalogue });
    return true;
  }
  if (isEventOfType(event, 'lab_application.created') || isEventOfType(event, 'lab_application.decided')) {
    foldApplication(client, event.data);
    if (event.data.status === 'accepted') {
      void client.invalidateQueries({ queryKey: labKeys.participants(event.data.labId) });
    }
    return true;
  }
  if (isEventOfType(event, 'lab.participant_added') || isEventOfType(event, 'lab.participant_removed')) {
    void client.invalidateQueries({ queryKey: labKeys.participants(event.data.labId) });
    void client.invalidateQueries({ queryKey: labKeys.groups(event.data.labId) });
    void client.invalidateQueries({ queryKey: labKeys.lab(event.data.labId), exact: true });
    return true;
  }
  return false;
}

/**
 * Keeps a lab's caches live: its `lab:<id>` room; after a gap that cannot be replayed, the
 * lab's queries are fetched again. `onEvent` hears what was folded (for a live region).
 */
export function useLabLiveUpdates(labId: string | null, onEvent?: (event: EventEnvelope) => void): void {
  const client = useQueryClient();
  useRoomEvents(
    labId ? roomName('lab', labId) : null,
    (event) => {
      if (foldLabEvent(client, event)) onEvent?.(event);
    },
    { onResync: () => labId && void client.invalidateQueries({ queryKey: labKeys.lab(labId) }) },
  );
}

/** A session's own room (`session:<id>`), for its page. */
export function useSessionLiveUpdates(
  sessionId: string | null,
  onEvent?: (event: EventEnvelope) => void,
): void {
  const client = useQueryClient();
  useRoomEvents(
    sessionId ? roomName('session', sessionId) : null,
    (event) => {
      if (foldLabEvent(client, event)) onEvent?.(event);
    },
    {
      onResync: () => sessionId && void client.invalidateQueries({ queryKey: labKeys.session(sessionId) }),
    },
  );
}
