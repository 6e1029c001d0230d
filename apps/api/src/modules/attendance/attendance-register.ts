import type {
  AttendanceInterval,
  AttendanceMode,
  AttendanceRow,
  AttendanceSource,
  AttendanceStatus,
} from '@convergo/contracts';

/** A raw stay as stored: in the live room (`live`) or at the venue (`check_in`). */
export interface IntervalRecord {
  memberId: string;
  source: 'live' | 'check_in';
  startedAt: Date;
  /** null while the member is still there. */
  endedAt: Date | null;
}

/** A tutor's correction, or a row frozen by the confirmation. */
export interface EntryRecord {
  memberId: string;
  status: AttendanceStatus;
  mode: AttendanceMode;
  seconds: number;
  source: AttendanceSource;
  note: string | null;
}

/** A participant as the register shows them. */
export interface RosterMember {
  memberId: string;
  displayName: string;
  organizationId: string | null;
  organizationName: string | null;
  region: string | null;
}

export interface SessionSpan {
  startsAt: Date;
  endsAt: Date;
}

interface Span {
  from: number;
  /** Infinity while open. */
  to: number;
}

/** The union of the stays: overlapping or touching stays (two tabs, a reconnect) become one. */
function union(intervals: readonly IntervalRecord[]): Span[] {
  const spans = intervals
    .map((interval) => ({
      from: new Date(interval.startedAt).getTime(),
      to: interval.endedAt ? new Date(interval.endedAt).getTime() : Infinity,
    }))
    .sort((a, b) => a.from - b.from);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else merged.push({ ...span });
  }
  return merged;
}

/** The merged stays as the register shows them (`to` null while still open). */
export function mergedIntervals(intervals: readonly IntervalRecord[]): AttendanceInterval[] {
  return union(intervals).map((span) => ({
    from: new Date(span.from).toISOString(),
    to: Number.isFinite(span.to) ? new Date(span.to).toISOString() : null,
  }));
}

/**
 * Seconds credited: the union of the stays clipped to the session's times; a stay still open
 * counts up to `now` (a live session's register grows while people are in the room).
 */
export function creditedSeconds(
  intervals: readonly IntervalRecord[],
  session: SessionSpan,
  now: Date,
): number {
  const start = new Date(session.startsAt).getTime();
  const end = new Date(session.endsAt).getTime();
  let millis = 0;
  for (const span of union(intervals)) {
    const from = Math.max(span.from, start);
    const to = Math.min(Number.isFinite(span.to) ? span.to : now.getTime(), end);
    if (to > from) millis += to - from;
  }
  return Math.floor(millis / 1000);
}

/** What the stays alone say: in presence as soon as the member checked in at the venue. */
export function computedFigures(
  intervals: readonly IntervalRecord[],
  session: SessionSpan,
  now: Date,
): Pick<EntryRecord, 'status' | 'mode' | 'seconds' | 'source'> {
  const atVenue = intervals.some((interval) => interval.source === 'check_in');
  return {
    status: 'present',
    mode: atVenue ? 'in_presence' : 'remote',
    seconds: creditedSeconds(intervals, session, now),
    source: atVenue ? 'check_in' : 'live',
  };
}

/** One register row: the tutor's (or the confirmed) figures when there are any, else the stays'. */
export function toAttendanceRow(
  member: RosterMember,
  intervals: readonly IntervalRecord[],
  entry: EntryRecord | undefined,
  session: SessionSpan,
  now: Date,
): AttendanceRow {
  const figures = entry ?? computedFigures(intervals, session, now);
  return {
    member: {
      id: member.memberId,
      displayName: member.displayName,
      organizationName: member.organizationName,
    },
    organization: member.organizationId
      ? { id: member.organizationId, name: member.organizationName ?? '', region: member.region }
      : null,
    mode: figures.mode,
    intervals: mergedIntervals(intervals),
    minutes: Math.floor(figures.seconds / 60),
    seconds: figures.seconds,
    source: figures.source,
    status: figures.status,
    note: entry?.note ?? null,
  };
}
