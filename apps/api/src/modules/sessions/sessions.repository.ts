import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import {
  SESSION_TIME_ZONE,
  type AgendaItem,
  type SessionMode,
  type SessionStatus,
} from '@convergo/contracts';
import { DESK_TOTAL, type DeskRow } from '../../common/desk/desk-block';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';

/** A session as the service sees it (camelCase; the lab's title for calendars). */
export interface SessionRecord {
  id: string;
  labId: string;
  labTitle: string;
  moduleId: string | null;
  title: string;
  mode: SessionMode;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  onlineUrl: string | null;
  agenda: AgendaItem[];
  currentStep: number | null;
  status: SessionStatus;
  notesDocumentId: string | null;
  icalSequence: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface SessionFields {
  moduleId: string | null;
  title: string;
  mode: SessionMode;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  onlineUrl: string | null;
  agenda: AgendaItem[];
  status: SessionStatus;
}

export interface SessionRange {
  from?: Date;
  to?: Date;
}

const COLUMNS: Record<keyof SessionFields, string> = {
  moduleId: 'module_id',
  title: 'title',
  mode: 'mode',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  place: 'place',
  onlineUrl: 'online_url',
  agenda: 'agenda',
  status: 'status',
};

const SELECT = `
  SELECT s.id, s.lab_id AS "labId", l.title AS "labTitle", s.module_id AS "moduleId", s.title, s.mode,
         s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.place, s.online_url AS "onlineUrl", s.agenda,
         s.current_step AS "currentStep", s.status, s.notes_document_id AS "notesDocumentId",
         s.ical_sequence AS "icalSequence", s.created_at AS "createdAt", s.updated_at AS "updatedAt"
    FROM lab_sessions s JOIN labs l ON l.id = s.lab_id`;

/** Sessions that overlap [from, to): they end after `from` and start before `to`. */
function rangeClause(range: SessionRange, params: unknown[]): string {
  const parts: string[] = [];
  if (range.from) parts.push(`s.ends_at > $${params.push(range.from)}`);
  if (range.to) parts.push(`s.starts_at < $${params.push(range.to)}`);
  return parts.map((part) => ` AND ${part}`).join('');
}

/** Lists are short (a lab has tens of sessions); this caps a careless range. */
const MAX_LIST = 2000;

/** Owns every query on lab_sessions. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  async findById(id: string, lock = false): Promise<SessionRecord | undefined> {
    const [row] = await this.query<SessionRecord>(
      `${SELECT} WHERE s.id = $1 ${lock ? 'FOR UPDATE OF s' : ''}`,
      [id],
    );
    return row;
  }

  findByLab(labId: string, range: SessionRange = {}): Promise<SessionRecord[]> {
    const params: unknown[] = [labId];
    const where = rangeClause(range, params);
    return this.query<SessionRecord>(
      `${SELECT} WHERE s.lab_id = $1 ${where} ORDER BY s.starts_at, s.id LIMIT ${MAX_LIST}`,
      params,
    );
  }

  /** The sessions of every lab the member is a participant or tutor of. */
  findForMember(memberId: string, range: SessionRange = {}): Promise<SessionRecord[]> {
    const params: unknown[] = [memberId];
    const where = rangeClause(range, params);
    return this.query<SessionRecord>(
      `${SELECT} WHERE s.lab_id IN (SELECT lab_id FROM lab_participants WHERE member_id = $1) ${where}
        ORDER BY s.starts_at, s.id LIMIT ${MAX_LIST}`,
      params,
    );
  }

  /**
   * The desk's sessions of the labs where the member has `labRole`, not ended nor cancelled, still
   * running or to come (ending after now); `today`: only those starting before the end of the
   * Rome day. Soonest first, with the total.
   */
  findDeskSessions(
    memberId: string,
    labRole: 'participant' | 'tutor',
    options: { today: boolean; limit: number },
  ): Promise<(DeskRow & { labId: string })[]> {
    const today = options.today
      ? `AND s.starts_at < (date_trunc('day', now() AT TIME ZONE '${SESSION_TIME_ZONE}') + interval '1 day')
                            AT TIME ZONE '${SESSION_TIME_ZONE}'`
      : '';
    return this.query<DeskRow & { labId: string }>(
      `SELECT s.id, s.title, l.title AS detail, s.starts_at AS at, NULL AS count, s.status, s.lab_id AS "labId",
              ${DESK_TOTAL}
         FROM lab_sessions s JOIN labs l ON l.id = s.lab_id
        WHERE s.lab_id IN (SELECT lab_id FROM lab_participants WHERE member_id = $1 AND role = $2)
          AND s.status IN ('scheduled', 'live') AND s.ends_at > now() ${today}
        ORDER BY s.starts_at, s.id LIMIT $3`,
      [memberId, labRole, options.limit],
    );
  }

  async insert(labId: string, fields: SessionFields, createdBy: string | null): Promise<string> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO lab_sessions (lab_id, module_id, title, mode, starts_at, ends_at, place, online_url, agenda,
                                 status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11) RETURNING id`,
      [
        labId,
        fields.moduleId,
        fields.title,
        fields.mode,
        fields.startsAt,
        fields.endsAt,
        fields.place,
        fields.onlineUrl,
        JSON.stringify(fields.agenda),
        fields.status,
        createdBy,
      ],
    );
    return row.id;
  }

  /** Writes the given fields and raises the iCalendar sequence (every change is a new version). */
  async update(id: string, patch: Partial<SessionFields>): Promise<void> {
    const params: unknown[] = [id];
    const sets = (Object.entries(patch) as [keyof SessionFields, unknown][])
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) =>
        field === 'agenda'
          ? `agenda = $${params.push(JSON.stringify(value))}::jsonb`
          : `${COLUMNS[field]} = $${params.push(value)}`,
      );
    await this.query(
      `UPDATE lab_sessions SET ${[...sets, 'ical_sequence = ical_sequence + 1', 'updated_at = now()'].join(', ')}
        WHERE id = $1`,
      params,
    );
  }

  /** The agenda step the tutor is on: live state, not a calendar change (the iCalendar sequence stays). */
  async setCurrentStep(id: string, step: number): Promise<void> {
    await this.query(`UPDATE lab_sessions SET current_step = $2, updated_at = now() WHERE id = $1`, [
      id,
      step,
    ]);
  }

  async setNotesDocument(id: string, documentId: string): Promise<void> {
    await this.query(`UPDATE lab_sessions SET notes_document_id = $2 WHERE id = $1`, [id, documentId]);
  }

  async findIdByTitle(labId: string, title: string): Promise<string | undefined> {
    const [row] = await this.query<{ id: string }>(
      `SELECT id FROM lab_sessions WHERE lab_id = $1 AND title = $2 ORDER BY created_at LIMIT 1`,
      [labId, title],
    );
    return row?.id;
  }
}
