import { Injectable } from '@nestjs/common';
import { Transactional } from '../../database/transactional';
import { toDeskBlock } from '../../common/desk/desk-block';
import {
  DOCUMENT_LIMITS,
  roomName,
  SESSION_LIMITS,
  SESSION_STATUS_TRANSITIONS,
  type AgendaItem,
  type DeskBlock,
  type LabSessionView,
  type NotificationKind,
  type SessionMode,
  type SessionStatus,
} from '@convergo/contracts';
import { DomainEvents } from '../../common/domain-events/domain-events';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { DocumentsService } from '../documents/documents.service';
import { LabsException } from '../labs/labs.exception';
import { LabsService } from '../labs/labs.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { RoomAccess } from '../realtime/room-authorizer';
import { EventOutbox } from '../realtime/event-outbox';
import type { CreateSessionDto, SessionRangeQueryDto, UpdateSessionDto } from './dto/session.dto';
import { SessionsException } from './sessions.exception';
import { sessionPath, toSessionView } from './sessions.mapper';
import { sessionSubject } from './sessions.policy';
import {
  SessionsRepository,
  type SessionFields,
  type SessionRange,
  type SessionRecord,
} from './sessions.repository';

/** What a calendar needs of a session: the session and its lab's title. */
export interface CalendarEntry {
  session: LabSessionView;
  labTitle: string;
}

/** Fields whose change moves the session in people's diaries: participants are told. */
const NOTIFIED_FIELDS = ['startsAt', 'endsAt', 'place', 'mode', 'onlineUrl'] as const;

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function normaliseAgenda(agenda: readonly AgendaItem[] | undefined): AgendaItem[] {
  return (agenda ?? []).map((item) => ({ title: item.title, minutes: item.minutes ?? null }));
}

/**
 * A lab's sessions (in presence, online, hybrid): scheduling, changes and cancellation, each
 * announced live (`session.created` / `session.updated`) and to the lab's people (notifications
 * in the app and by e-mail), and the lists calendars are built from. Every change raises the
 * session's iCalendar sequence, so calendar apps replace their copy instead of duplicating it.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly labs: LabsService,
    private readonly documents: DocumentsService,
    private readonly notifications: NotificationsService,
    private readonly outbox: EventOutbox,
    private readonly abilities: AbilityFactory,
    private readonly events: DomainEvents,
  ) {}

  // --- For other modules -------------------------------------------------------------------

  /** The room policy of `session:<id>`: the lab's participants and tutors, and admins. */
  async roomAccess(actor: AuthMember, sessionId: string): Promise<RoomAccess> {
    const session = await this.sessions.findById(sessionId);
    if (!session) return 'not_found';
    return (await this.can(actor, 'read', session.labId)) ? 'ok' : 'forbidden';
  }

  /** A session and its lab's title, without any access check (the caller decides who may see it). */
  async entryOf(sessionId: string): Promise<CalendarEntry | undefined> {
    const row = await this.sessions.findById(sessionId);
    return row && toCalendarEntry(row);
  }

  /**
   * A session's lab and status, for the capabilities of its live room (polls, chat), which decide
   * with their own rules from the asker's role in that lab; undefined when there is no such session.
   */
  async labAndStatus(sessionId: string): Promise<{ labId: string; status: SessionStatus } | undefined> {
    const session = await this.sessions.findById(sessionId);
    return session && { labId: session.labId, status: session.status };
  }

  /** The lab's sessions by module, for the lab structure; outsiders get them without link and notes. */
  async byModule(labId: string, viewer: AuthMember): Promise<Map<string, LabSessionView[]>> {
    const redacted = !(await this.can(viewer, 'read', labId));
    const grouped = new Map<string, LabSessionView[]>();
    for (const row of await this.sessions.findByLab(labId)) {
      if (!row.moduleId) continue;
      const list = grouped.get(row.moduleId) ?? [];
      list.push(toSessionView(row, redacted));
      grouped.set(row.moduleId, list);
    }
    return grouped;
  }

  /** A lab's sessions for its calendar (its people and admins). */
  async calendarForLab(actor: AuthMember, labId: string): Promise<CalendarEntry[]> {
    await this.assertLabReader(actor, labId);
    return (await this.sessions.findByLab(labId)).map(toCalendarEntry);
  }

  /** The sessions of every lab the member takes part in or tutors (their personal calendar). */
  async calendarForMember(memberId: string): Promise<CalendarEntry[]> {
    return (await this.sessions.findForMember(memberId)).map(toCalendarEntry);
  }

  /**
   * The desk's sessions: an official's next ones (labs they take part in), or a tutor's of today
   * (labs they tutor), each linking to its page.
   */
  async deskSessions(actor: AuthMember, which: 'next' | 'tutoring_today', limit: number): Promise<DeskBlock> {
    const rows = await this.sessions.findDeskSessions(actor.id, which === 'next' ? 'participant' : 'tutor', {
      today: which === 'tutoring_today',
      limit,
    });
    return toDeskBlock(rows, '/calendario', (row) => `/laboratori/${row.labId}/sessioni/${row.id}`);
  }

  // --- REST ----------------------------------------------------------------------------------

  async get(actor: AuthMember, sessionId: string): Promise<LabSessionView> {
    const session = await this.find(sessionId);
    if (!(await this.can(actor, 'read', session.labId))) throw SessionsException.forbidden();
    return toSessionView(session);
  }

  async listForLab(
    actor: AuthMember,
    labId: string,
    query: SessionRangeQueryDto,
  ): Promise<{ items: LabSessionView[] }> {
    await this.assertLabReader(actor, labId);
    const rows = await this.sessions.findByLab(labId, this.range(query));
    return { items: rows.map((row) => toSessionView(row)) };
  }

  async listMine(actor: AuthMember, query: SessionRangeQueryDto): Promise<{ items: LabSessionView[] }> {
    const rows = await this.sessions.findForMember(actor.id, this.range(query));
    return { items: rows.map((row) => toSessionView(row)) };
  }

  /** Schedules a session (admins, the lab's tutors), with its notes document; the lab's people are told. */
  @Transactional()
  async create(actor: AuthMember, labId: string, dto: CreateSessionDto): Promise<LabSessionView> {
    await this.assertManager(actor, labId);
    const moduleId = dto.moduleId?.toLowerCase() ?? null;
    if (moduleId && !(await this.labs.moduleBelongsToLab(labId, moduleId))) {
      throw SessionsException.moduleNotInLab();
    }
    const id = await this.sessions.insert(
      labId,
      {
        moduleId,
        title: dto.title,
        mode: dto.mode,
        startsAt: new Date(dto.startsAt),
        endsAt: new Date(dto.endsAt),
        place: dto.place || null,
        onlineUrl: dto.onlineUrl || null,
        agenda: normaliseAgenda(dto.agenda),
        status: 'scheduled',
      },
      actor.id,
    );
    const notes = await this.documents.create(actor, {
      title: `Verbale – ${dto.title}`.slice(0, DOCUMENT_LIMITS.title),
      kind: 'verbale',
      owner: { type: 'lab', id: labId },
    });
    await this.sessions.setNotesDocument(id, notes.id);
    const session = (await this.sessions.findById(id))!;
    const view = toSessionView(session);
    await this.outbox.record(roomName('lab', labId), 'session.created', view);
    await this.notifyPeople(actor, session, 'session_scheduled');
    return view;
  }

  /**
   * Changes a session (admins, the lab's tutors). Any change raises its iCalendar sequence and
   * reaches `lab:<labId>` and `session:<id>` as `session.updated`; a new time, place, mode or link
   * and a cancellation are also notified to the lab's people.
   */
  @Transactional()
  async update(actor: AuthMember, sessionId: string, dto: UpdateSessionDto): Promise<LabSessionView> {
    const current = await this.find(sessionId, true);
    await this.assertManager(actor, current.labId);
    const next: Partial<SessionFields> = {};
    if (dto.moduleId !== undefined) next.moduleId = dto.moduleId?.toLowerCase() ?? null;
    if (dto.title !== undefined) next.title = dto.title;
    if (dto.mode !== undefined) next.mode = dto.mode;
    if (dto.startsAt !== undefined) next.startsAt = new Date(dto.startsAt);
    if (dto.endsAt !== undefined) next.endsAt = new Date(dto.endsAt);
    if (dto.place !== undefined) next.place = dto.place || null;
    if (dto.onlineUrl !== undefined) next.onlineUrl = dto.onlineUrl || null;
    if (dto.agenda !== undefined) next.agenda = normaliseAgenda(dto.agenda);
    if (dto.status !== undefined) next.status = dto.status;

    const changed = (Object.keys(next) as (keyof SessionFields)[]).filter(
      (field) => !sameValue(next[field], current[field]),
    );
    if (changed.length === 0) return toSessionView(current);
    if (current.status === 'ended') throw SessionsException.ended();
    if (next.status !== undefined && next.status !== current.status) {
      if (!SESSION_STATUS_TRANSITIONS[current.status].includes(next.status)) {
        throw SessionsException.statusTransitionNotAllowed(current.status, next.status);
      }
    }
    const startsAt = next.startsAt ?? current.startsAt;
    const endsAt = next.endsAt ?? current.endsAt;
    const duration = endsAt.getTime() - startsAt.getTime();
    if (duration <= 0 || duration > SESSION_LIMITS.maxDurationHours * 3_600_000) {
      throw SessionsException.endsBeforeStart();
    }
    if (next.moduleId && !(await this.labs.moduleBelongsToLab(current.labId, next.moduleId))) {
      throw SessionsException.moduleNotInLab();
    }

    const patch = Object.fromEntries(changed.map((field) => [field, next[field]])) as Partial<SessionFields>;
    await this.sessions.update(sessionId, patch);
    const session = (await this.sessions.findById(sessionId))!;
    const view = toSessionView(session);
    await this.outbox.record(roomName('lab', session.labId), 'session.updated', view);
    await this.outbox.record(roomName('session', session.id), 'session.updated', view);
    if (patch.status !== undefined) {
      await this.events.emit('sessions.status_changed', {
        sessionId,
        labId: session.labId,
        from: current.status,
        to: session.status,
        at: new Date(),
      });
    }

    const moved = changed.filter((field) => (NOTIFIED_FIELDS as readonly string[]).includes(field));
    if (patch.status === 'cancelled') await this.notifyPeople(actor, session, 'session_cancelled');
    else if (patch.status === 'scheduled') await this.notifyPeople(actor, session, 'session_scheduled');
    else if (moved.length > 0 && session.status !== 'cancelled') {
      await this.notifyPeople(actor, session, 'session_changed', moved);
    }
    return view;
  }

  /**
   * The agenda step the live room is on (admins, the lab's tutors): `session.updated` to
   * `lab:<labId>` (the live room announces the step itself). A live detail, not a change of plan: nobody is notified and
   * the iCalendar sequence stays.
   */
  @Transactional()
  async setCurrentStep(actor: AuthMember, sessionId: string, step: number): Promise<LabSessionView> {
    const current = await this.find(sessionId, true);
    await this.assertManager(actor, current.labId);
    if (current.status === 'ended') throw SessionsException.ended();
    if (!Number.isInteger(step) || step < 0 || step >= current.agenda.length) {
      throw SessionsException.stepOutOfRange(current.agenda.length);
    }
    if (current.currentStep === step) return toSessionView(current);
    await this.sessions.setCurrentStep(sessionId, step);
    const view = toSessionView((await this.sessions.findById(sessionId))!);
    // Only the lab room: the live room gets the step as `session.agenda_step`, and repeating the
    // whole session (5 kB with a long agenda) to 300 people on every step cost 2.4x a bare broadcast.
    await this.outbox.record(roomName('lab', view.labId), 'session.updated', view);
    return view;
  }

  /** `POST /sessions/:id/cancel`: the same as `PATCH { status: 'cancelled' }`. */
  cancel(actor: AuthMember, sessionId: string): Promise<LabSessionView> {
    return this.update(actor, sessionId, { status: 'cancelled' } as UpdateSessionDto);
  }

  /** Demo sessions of a lab, matched by title; idempotent (an existing one is left as it is). */
  @Transactional()
  async ensureDemoSessions(
    labId: string,
    tutor: AuthMember,
    sessions: readonly {
      moduleId: string | null;
      title: string;
      mode: SessionMode;
      startsAt: Date;
      endsAt: Date;
      place: string | null;
      onlineUrl: string | null;
      agenda: AgendaItem[];
      status: SessionStatus;
    }[],
  ): Promise<void> {
    for (const demo of sessions) {
      if (await this.sessions.findIdByTitle(labId, demo.title)) continue;
      const id = await this.sessions.insert(labId, demo, tutor.id);
      const notes = await this.documents.create(tutor, {
        title: `Verbale – ${demo.title}`.slice(0, DOCUMENT_LIMITS.title),
        kind: 'verbale',
        owner: { type: 'lab', id: labId },
      });
      await this.sessions.setNotesDocument(id, notes.id);
    }
  }

  // --- Rules ---------------------------------------------------------------------------------

  private async find(sessionId: string, lock = false): Promise<SessionRecord> {
    const session = await this.sessions.findById(sessionId, lock);
    if (!session) throw SessionsException.notFound();
    return session;
  }

  private async can(
    actor: AuthMember,
    action: 'read' | 'create' | 'update',
    labId: string,
  ): Promise<boolean> {
    const role = await this.labs.roleOf(actor.id, labId);
    return this.abilities.for(actor).can(action, sessionSubject(labId, role));
  }

  /** 404 when there is no such lab; 403 unless the asker is in the lab (or an admin). */
  private async assertLabReader(actor: AuthMember, labId: string): Promise<void> {
    if (!(await this.labs.exists(labId))) throw LabsException.labNotFound();
    if (!(await this.can(actor, 'read', labId))) throw SessionsException.forbidden();
  }

  private async assertManager(actor: AuthMember, labId: string): Promise<void> {
    if (!(await this.labs.exists(labId))) throw LabsException.labNotFound();
    if (!(await this.can(actor, 'update', labId))) throw SessionsException.manageForbidden();
  }

  private range(query: SessionRangeQueryDto): SessionRange {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to) {
      const span = to.getTime() - from.getTime();
      if (span <= 0 || span > SESSION_LIMITS.maxRangeDays * 86_400_000)
        throw SessionsException.invalidRange();
    }
    return { from, to };
  }

  /** In the app and by e-mail (per each member's preference), to the lab's people but the author. */
  private async notifyPeople(
    actor: AuthMember,
    session: SessionRecord,
    kind: Extract<NotificationKind, 'session_scheduled' | 'session_changed' | 'session_cancelled'>,
    changes: readonly string[] = [],
  ): Promise<void> {
    const people = (await this.labs.peopleOf(session.labId)).filter((id) => id !== actor.id);
    for (const memberId of people) {
      await this.notifications.notify({
        memberId,
        kind,
        data: {
          labId: session.labId,
          labTitle: session.labTitle,
          sessionId: session.id,
          sessionTitle: session.title,
          startsAt: new Date(session.startsAt).toISOString(),
          endsAt: new Date(session.endsAt).toISOString(),
          mode: session.mode,
          place: session.place,
          ...(kind === 'session_changed' ? { changes: changes.join(',') } : {}),
        },
        link: sessionPath(session.labId, session.id),
      });
    }
  }
}

function toCalendarEntry(row: SessionRecord): CalendarEntry {
  return { session: toSessionView(row), labTitle: row.labTitle };
}
