import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type {
  LabRole,
  TutoringBookingStatus,
  TutoringMeetingKind,
  TutoringSlotStatus,
} from '@convergo/contracts';
import { DESK_TOTAL, type DeskRow } from '../../common/desk/desk-block';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import type { Party } from './tutoring.types';

/** A slot as the service sees it, with what the asker (if any) is to it. */
export interface SlotRecord {
  id: string;
  tutorId: string;
  tutorName: string;
  tutorOrganization: string | null;
  labId: string | null;
  labTitle: string | null;
  seriesId: string | null;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  bookedCount: number;
  meeting: TutoringMeetingKind;
  onlineUrl: string | null;
  place: string | null;
  note: string | null;
  status: TutoringSlotStatus;
  cancelReason: string | null;
  icalSequence: number;
  createdAt: Date;
  updatedAt: Date;
  /** starts_at in µs since the epoch, for keyset cursors. */
  micros: string;
  /** The asker's role in the slot's lab. */
  viewerLabRole: LabRole | null;
  /** The asker's active booking of the slot. */
  viewerBookingId: string | null;
  /** Whether the asker ever booked it (a cancelled slot stays visible to them). */
  viewerBooked: boolean;
}

export interface SlotFields {
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  meeting: TutoringMeetingKind;
  onlineUrl: string | null;
  place: string | null;
  note: string | null;
}

export interface NewSlot extends SlotFields {
  tutorId: string;
  labId: string | null;
  seriesId: string | null;
}

export interface BookingRecord {
  id: string;
  slotId: string;
  memberId: string;
  memberName: string;
  memberOrganization: string | null;
  topic: string | null;
  status: TutoringBookingStatus;
  cancelledBy: 'member' | 'tutor' | null;
  cancelReason: string | null;
  createdAt: Date;
  cancelledAt: Date | null;
  /** The slot's start in µs since the epoch, for keyset cursors of "my bookings". */
  micros: string;
}

export interface SeriesRecord {
  id: string;
  tutorId: string;
  tutorName: string;
  tutorOrganization: string | null;
  labId: string | null;
  labTitle: string | null;
  rrule: string;
  timeZone: string;
  startTime: string;
  durationMinutes: number;
  firstDate: string;
  exceptions: string[];
  capacity: number;
  meeting: TutoringMeetingKind;
  onlineUrl: string | null;
  place: string | null;
  note: string | null;
  status: 'active' | 'cancelled';
  slotCount: number;
  createdAt: Date;
}

export type NewSeries = Omit<
  SeriesRecord,
  'id' | 'tutorName' | 'tutorOrganization' | 'labTitle' | 'status' | 'slotCount' | 'createdAt'
>;

export interface SlotFilter {
  viewerId: string;
  /** Admins: every slot, cancelled ones included. */
  seesAll: boolean;
  tutorId?: string;
  labId?: string;
  from: Date;
  to?: Date;
  available: boolean;
  after?: { micros: string; id: string };
  limit: number;
}

export interface TutorRecord {
  tutorId: string;
  tutorName: string;
  tutorOrganization: string | null;
  openSlots: number;
  nextSlotAt: Date | null;
  labs: { id: string; title: string }[];
}

const COLUMNS: Record<keyof SlotFields, string> = {
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  capacity: 'capacity',
  meeting: 'meeting',
  onlineUrl: 'online_url',
  place: 'place',
  note: 'note',
};

const MICROS = (column: string) => `floor(extract(epoch FROM ${column}) * 1000000)::bigint::text`;
const AFTER = (micros: string, id: string) =>
  `(timestamptz 'epoch' + ${micros}::bigint * interval '1 microsecond', ${id}::uuid)`;

/** The slot columns; `$1` is the asker's id (or NULL) for their role, booking and history. */
const SLOT_SELECT = `
  SELECT s.id, s.tutor_id AS "tutorId", t.display_name AS "tutorName", tor.name AS "tutorOrganization",
         s.lab_id AS "labId", l.title AS "labTitle", s.series_id AS "seriesId",
         s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.capacity, s.booked_count AS "bookedCount",
         s.meeting, s.online_url AS "onlineUrl", s.place, s.note, s.status, s.cancel_reason AS "cancelReason",
         s.ical_sequence AS "icalSequence", s.created_at AS "createdAt", s.updated_at AS "updatedAt",
         ${MICROS('s.starts_at')} AS micros,
         (SELECT lp.role FROM lab_participants lp WHERE lp.lab_id = s.lab_id AND lp.member_id = $1) AS "viewerLabRole",
         (SELECT b.id FROM tutoring_bookings b
           WHERE b.slot_id = s.id AND b.member_id = $1 AND b.status = 'booked') AS "viewerBookingId",
         EXISTS (SELECT 1 FROM tutoring_bookings b WHERE b.slot_id = s.id AND b.member_id = $1) AS "viewerBooked"
    FROM tutoring_slots s
    JOIN members t ON t.id = s.tutor_id
    LEFT JOIN organizations tor ON tor.id = t.organization_id
    LEFT JOIN labs l ON l.id = s.lab_id`;

const BOOKING_SELECT = `
  SELECT b.id, b.slot_id AS "slotId", b.member_id AS "memberId", m.display_name AS "memberName",
         mo.name AS "memberOrganization", b.topic, b.status, b.cancelled_by AS "cancelledBy",
         b.cancel_reason AS "cancelReason", b.created_at AS "createdAt", b.cancelled_at AS "cancelledAt",
         ${MICROS('bs.starts_at')} AS micros
    FROM tutoring_bookings b
    JOIN tutoring_slots bs ON bs.id = b.slot_id
    JOIN members m ON m.id = b.member_id
    LEFT JOIN organizations mo ON mo.id = m.organization_id`;

const SERIES_SELECT = `
  SELECT r.id, r.tutor_id AS "tutorId", t.display_name AS "tutorName", tor.name AS "tutorOrganization",
         r.lab_id AS "labId", l.title AS "labTitle", r.rrule, r.time_zone AS "timeZone",
         r.start_time AS "startTime", r.duration_minutes AS "durationMinutes",
         to_char(r.first_date, 'YYYY-MM-DD') AS "firstDate",
         ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(r.exceptions) d ORDER BY d) AS exceptions,
         r.capacity, r.meeting, r.online_url AS "onlineUrl", r.place, r.note, r.status,
         (SELECT count(*)::int FROM tutoring_slots s WHERE s.series_id = r.id AND s.status = 'open') AS "slotCount",
         r.created_at AS "createdAt"
    FROM tutoring_series r
    JOIN members t ON t.id = r.tutor_id
    LEFT JOIN organizations tor ON tor.id = t.organization_id
    LEFT JOIN labs l ON l.id = r.lab_id`;

/** A member may see the slot in lists (the SQL twin of tutoringRules' `read`, for keyset pages). */
const VISIBLE = `
  ($2::boolean OR s.tutor_id = $1
   OR (s.status = 'open' AND (s.lab_id IS NULL
       OR EXISTS (SELECT 1 FROM lab_participants lp WHERE lp.lab_id = s.lab_id AND lp.member_id = $1)))
   OR EXISTS (SELECT 1 FROM tutoring_bookings b WHERE b.slot_id = s.id AND b.member_id = $1))`;

/** Owns every query on tutoring_series, tutoring_slots and tutoring_bookings. */
@Injectable()
export class TutoringRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  /** UPDATE … RETURNING, wrapped in a CTE: TypeORM answers a bare one as [rows, count]. */
  private changed<T>(update: string, params: unknown[]): Promise<T[]> {
    return this.query<T>(`WITH changed AS (${update}) SELECT * FROM changed`, params);
  }

  // --- Slots ----------------------------------------------------------------------------------

  async findSlot(id: string, viewerId: string | null, lock = false): Promise<SlotRecord | undefined> {
    const [row] = await this.query<SlotRecord>(
      `${SLOT_SELECT} WHERE s.id = $2 ${lock ? 'FOR UPDATE OF s' : ''}`,
      [viewerId, id],
    );
    return row;
  }

  findSlots(ids: readonly string[], viewerId: string | null): Promise<SlotRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.query<SlotRecord>(`${SLOT_SELECT} WHERE s.id = ANY($2::uuid[]) ORDER BY s.starts_at, s.id`, [
      viewerId,
      ids,
    ]);
  }

  /** Ordered by start; reads `limit + 1` rows so the caller knows whether a page follows. */
  listSlots(filter: SlotFilter): Promise<SlotRecord[]> {
    const params: unknown[] = [filter.viewerId, filter.seesAll];
    const where = [VISIBLE, `s.ends_at > $${params.push(filter.from)}`];
    if (filter.to) where.push(`s.starts_at < $${params.push(filter.to)}`);
    if (filter.tutorId) where.push(`s.tutor_id = $${params.push(filter.tutorId)}`);
    if (filter.labId) where.push(`s.lab_id = $${params.push(filter.labId)}`);
    if (filter.available) {
      where.push(`s.status = 'open' AND s.starts_at > now() AND s.booked_count < s.capacity AND s.tutor_id <> $1
        AND NOT EXISTS (SELECT 1 FROM tutoring_bookings b WHERE b.slot_id = s.id AND b.member_id = $1 AND b.status = 'booked')
        AND ($2::boolean OR s.lab_id IS NULL
             OR EXISTS (SELECT 1 FROM lab_participants lp WHERE lp.lab_id = s.lab_id AND lp.member_id = $1))`);
    }
    if (filter.after) {
      const micros = `$${params.push(filter.after.micros)}`;
      const id = `$${params.push(filter.after.id)}`;
      where.push(`(s.starts_at, s.id) > ${AFTER(micros, id)}`);
    }
    return this.query<SlotRecord>(
      `${SLOT_SELECT} WHERE ${where.join(' AND ')} ORDER BY s.starts_at, s.id LIMIT ${filter.limit + 1}`,
      params,
    );
  }

  /** The first open slot of the tutor overlapping one of the ranges (other than `exceptId`). */
  async findOverlap(
    tutorId: string,
    ranges: readonly { startsAt: Date; endsAt: Date }[],
    exceptId: string | null = null,
  ): Promise<{ startsAt: Date; endsAt: Date } | undefined> {
    if (ranges.length === 0) return undefined;
    const [row] = await this.query<{ startsAt: Date; endsAt: Date }>(
      `SELECT s.starts_at AS "startsAt", s.ends_at AS "endsAt"
         FROM tutoring_slots s
         JOIN unnest($2::timestamptz[], $3::timestamptz[]) AS r(starts_at, ends_at)
           ON tstzrange(s.starts_at, s.ends_at) && tstzrange(r.starts_at, r.ends_at)
        WHERE s.tutor_id = $1 AND s.status = 'open' AND ($4::uuid IS NULL OR s.id <> $4::uuid)
        ORDER BY s.starts_at LIMIT 1`,
      [tutorId, ranges.map((r) => r.startsAt), ranges.map((r) => r.endsAt), exceptId],
    );
    return row;
  }

  async insertSlot(slot: NewSlot): Promise<string> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO tutoring_slots (tutor_id, lab_id, series_id, starts_at, ends_at, capacity, meeting, online_url,
                                   place, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        slot.tutorId,
        slot.labId,
        slot.seriesId,
        slot.startsAt,
        slot.endsAt,
        slot.capacity,
        slot.meeting,
        slot.onlineUrl,
        slot.place,
        slot.note,
      ],
    );
    return row.id;
  }

  /** Writes the given fields and raises the iCalendar sequence (every change is a new version). */
  async updateSlot(id: string, patch: Partial<SlotFields>): Promise<void> {
    const params: unknown[] = [id];
    const sets = (Object.entries(patch) as [keyof SlotFields, unknown][])
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => `${COLUMNS[field]} = $${params.push(value)}`);
    await this.query(
      `UPDATE tutoring_slots SET ${[...sets, 'ical_sequence = ical_sequence + 1', 'updated_at = clock_timestamp()'].join(', ')}
        WHERE id = $1`,
      params,
    );
  }

  /** Open → cancelled; false when it was not open (a concurrent cancel won). */
  async cancelSlot(id: string, reason: string | null): Promise<boolean> {
    const rows = await this.changed<{ id: string }>(
      `UPDATE tutoring_slots
          SET status = 'cancelled', cancel_reason = $2, booked_count = 0,
              ical_sequence = ical_sequence + 1, updated_at = clock_timestamp()
        WHERE id = $1 AND status = 'open' RETURNING id`,
      [id, reason],
    );
    return rows.length > 0;
  }

  /** The open slots of a series starting after `after`, and the one on a local date if asked. */
  async seriesSlotIds(
    seriesId: string,
    options: { after?: Date; localDate?: string; timeZone?: string },
  ): Promise<string[]> {
    const params: unknown[] = [seriesId];
    const where = [`series_id = $1`, `status = 'open'`];
    if (options.after) where.push(`starts_at > $${params.push(options.after)}`);
    if (options.localDate) {
      where.push(
        `(starts_at AT TIME ZONE $${params.push(options.timeZone ?? 'UTC')})::date = $${params.push(options.localDate)}::date`,
      );
    }
    const rows = await this.query<{ id: string }>(
      `SELECT id FROM tutoring_slots WHERE ${where.join(' AND ')} ORDER BY starts_at`,
      params,
    );
    return rows.map((row) => row.id);
  }

  // --- Places ---------------------------------------------------------------------------------

  /**
   * Takes one place, atomically: the row lock of the UPDATE makes concurrent bookers take turns,
   * and each re-reads `booked_count` before its own increment, so the last place goes to one.
   */
  async takePlace(slotId: string): Promise<boolean> {
    const rows = await this.changed<{ id: string }>(
      `UPDATE tutoring_slots SET booked_count = booked_count + 1, updated_at = clock_timestamp()
        WHERE id = $1 AND status = 'open' AND booked_count < capacity AND starts_at > now()
        RETURNING id`,
      [slotId],
    );
    return rows.length > 0;
  }

  async releasePlace(slotId: string): Promise<void> {
    await this.query(
      `UPDATE tutoring_slots SET booked_count = booked_count - 1, updated_at = clock_timestamp()
        WHERE id = $1 AND status = 'open'`,
      [slotId],
    );
  }

  // --- Bookings -------------------------------------------------------------------------------

  async insertBooking(slotId: string, memberId: string, topic: string | null): Promise<string> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO tutoring_bookings (slot_id, member_id, topic) VALUES ($1, $2, $3) RETURNING id`,
      [slotId, memberId, topic],
    );
    return row.id;
  }

  async findBooking(id: string, lock = false): Promise<BookingRecord | undefined> {
    const [row] = await this.query<BookingRecord>(
      `${BOOKING_SELECT} WHERE b.id = $1 ${lock ? 'FOR UPDATE OF b' : ''}`,
      [id],
    );
    return row;
  }

  async activeBookingId(slotId: string, memberId: string): Promise<string | undefined> {
    const [row] = await this.query<{ id: string }>(
      `SELECT id FROM tutoring_bookings WHERE slot_id = $1 AND member_id = $2 AND status = 'booked'`,
      [slotId, memberId],
    );
    return row?.id;
  }

  /** Booked → cancelled; false when it was already cancelled. */
  async cancelBooking(id: string, by: 'member' | 'tutor', reason: string | null): Promise<boolean> {
    const rows = await this.changed<{ id: string }>(
      `UPDATE tutoring_bookings SET status = 'cancelled', cancelled_by = $2, cancel_reason = $3,
              cancelled_at = clock_timestamp()
        WHERE id = $1 AND status = 'booked' RETURNING id`,
      [id, by, reason],
    );
    return rows.length > 0;
  }

  /** Cancels every active booking of a cancelled slot; answers their ids. */
  async cancelBookingsOfSlot(slotId: string, reason: string | null): Promise<string[]> {
    const rows = await this.changed<{ id: string }>(
      `UPDATE tutoring_bookings SET status = 'cancelled', cancelled_by = 'tutor', cancel_reason = $2,
              cancelled_at = clock_timestamp()
        WHERE slot_id = $1 AND status = 'booked' RETURNING id`,
      [slotId, reason],
    );
    return rows.map((row) => row.id);
  }

  findBookings(ids: readonly string[]): Promise<BookingRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.query<BookingRecord>(
      `${BOOKING_SELECT} WHERE b.id = ANY($1::uuid[]) ORDER BY b.created_at, b.id`,
      [ids],
    );
  }

  activeBookingsOf(slotId: string): Promise<BookingRecord[]> {
    return this.query<BookingRecord>(
      `${BOOKING_SELECT} WHERE b.slot_id = $1 AND b.status = 'booked' ORDER BY b.created_at, b.id`,
      [slotId],
    );
  }

  /** The member's bookings by their slot's start: upcoming (active, not ended) ascending, past descending. */
  bookingsOfMember(
    memberId: string,
    when: 'upcoming' | 'past',
    after: { micros: string; id: string } | undefined,
    limit: number,
  ): Promise<BookingRecord[]> {
    const params: unknown[] = [memberId];
    const upcoming = when === 'upcoming';
    const where = [
      `b.member_id = $1`,
      upcoming
        ? `bs.ends_at > now() AND b.status = 'booked'`
        : `(bs.ends_at <= now() OR b.status = 'cancelled')`,
    ];
    if (after) {
      const key = AFTER(`$${params.push(after.micros)}`, `$${params.push(after.id)}`);
      where.push(`(bs.starts_at, b.id) ${upcoming ? '>' : '<'} ${key}`);
    }
    const order = upcoming ? 'bs.starts_at, b.id' : 'bs.starts_at DESC, b.id DESC';
    return this.query<BookingRecord>(
      `${BOOKING_SELECT} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limit + 1}`,
      params,
    );
  }

  /**
   * The desk's bookings, active on open slots not yet over, soonest first: `booker`, the member's
   * own (with the tutor as detail); `tutor`, those on the member's slots starting within a week
   * (with the booker's topic as detail).
   */
  findDeskBookings(
    memberId: string,
    as: 'booker' | 'tutor',
    limit: number,
  ): Promise<(DeskRow & { slotId: string; meeting: string })[]> {
    const booker = as === 'booker';
    return this.query<DeskRow & { slotId: string; meeting: string }>(
      `SELECT b.id, ${booker ? 'tm.display_name' : 'bm.display_name'} AS title,
              ${booker ? 'NULL' : 'b.topic'} AS detail, s.starts_at AS at, NULL AS count, b.status,
              s.id AS "slotId", s.meeting, ${DESK_TOTAL}
         FROM tutoring_bookings b
         JOIN tutoring_slots s ON s.id = b.slot_id
         JOIN members tm ON tm.id = s.tutor_id
         JOIN members bm ON bm.id = b.member_id
        WHERE b.status = 'booked' AND s.status = 'open' AND s.ends_at > now()
          AND ${booker ? 'b.member_id = $1' : `s.tutor_id = $1 AND s.starts_at < now() + interval '7 days'`}
        ORDER BY s.starts_at, b.id LIMIT $2`,
      [memberId, limit],
    );
  }

  /** For the calendar feed: active bookings, and those cancelled in the last 30 days. */
  calendarBookingsOf(memberId: string): Promise<BookingRecord[]> {
    return this.query<BookingRecord>(
      `${BOOKING_SELECT} WHERE b.member_id = $1
          AND (b.status = 'booked' OR b.cancelled_at > now() - interval '30 days')
          AND bs.ends_at > now() - interval '180 days'
        ORDER BY bs.starts_at, b.id LIMIT 2000`,
      [memberId],
    );
  }

  /** For the calendar feed: the member's slots that have (or had) bookings, recent and upcoming. */
  async calendarSlotIdsOf(tutorId: string): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT s.id FROM tutoring_slots s
        WHERE s.tutor_id = $1 AND s.ends_at > now() - interval '180 days'
          AND EXISTS (SELECT 1 FROM tutoring_bookings b WHERE b.slot_id = s.id)
        ORDER BY s.starts_at LIMIT 2000`,
      [tutorId],
    );
    return rows.map((row) => row.id);
  }

  async party(memberId: string): Promise<Party | undefined> {
    const [row] = await this.query<Party>(
      `SELECT id, display_name AS "displayName", email, locale FROM members WHERE id = $1`,
      [memberId],
    );
    return row;
  }

  // --- Tutors ---------------------------------------------------------------------------------

  /** Tutors with upcoming open slots the asker may see, with those slots' labs. */
  listTutors(viewerId: string, seesAll: boolean): Promise<TutorRecord[]> {
    return this.query<TutorRecord>(
      `SELECT s.tutor_id AS "tutorId", t.display_name AS "tutorName", tor.name AS "tutorOrganization",
              count(*)::int AS "openSlots", min(s.starts_at) AS "nextSlotAt",
              COALESCE(jsonb_agg(DISTINCT jsonb_build_object('id', l.id, 'title', l.title))
                         FILTER (WHERE l.id IS NOT NULL), '[]'::jsonb) AS labs
         FROM tutoring_slots s
         JOIN members t ON t.id = s.tutor_id
         LEFT JOIN organizations tor ON tor.id = t.organization_id
         LEFT JOIN labs l ON l.id = s.lab_id
        WHERE s.status = 'open' AND s.starts_at > now() AND t.status = 'active' AND ${VISIBLE}
        GROUP BY s.tutor_id, t.display_name, tor.name
        ORDER BY min(s.starts_at), t.display_name LIMIT 500`,
      [viewerId, seesAll],
    );
  }

  // --- Series ---------------------------------------------------------------------------------

  async insertSeries(series: NewSeries): Promise<string> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO tutoring_series (tutor_id, lab_id, rrule, time_zone, start_time, duration_minutes, first_date,
                                    exceptions, capacity, meeting, online_url, place, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8::date[], $9, $10, $11, $12, $13) RETURNING id`,
      [
        series.tutorId,
        series.labId,
        series.rrule,
        series.timeZone,
        series.startTime,
        series.durationMinutes,
        series.firstDate,
        series.exceptions,
        series.capacity,
        series.meeting,
        series.onlineUrl,
        series.place,
        series.note,
      ],
    );
    return row.id;
  }

  async findSeries(id: string, lock = false): Promise<SeriesRecord | undefined> {
    const [row] = await this.query<SeriesRecord>(
      `${SERIES_SELECT} WHERE r.id = $1 ${lock ? 'FOR UPDATE OF r' : ''}`,
      [id],
    );
    return row;
  }

  async seriesSlotsAll(seriesId: string, viewerId: string | null): Promise<SlotRecord[]> {
    return this.query<SlotRecord>(`${SLOT_SELECT} WHERE s.series_id = $2 ORDER BY s.starts_at, s.id`, [
      viewerId,
      seriesId,
    ]);
  }

  async addSeriesException(id: string, date: string): Promise<void> {
    await this.query(
      `UPDATE tutoring_series SET exceptions = array_append(exceptions, $2::date), updated_at = clock_timestamp()
        WHERE id = $1 AND NOT ($2::date = ANY(exceptions))`,
      [id, date],
    );
  }

  async hasSeries(tutorId: string): Promise<boolean> {
    const rows = await this.query<{ one: number }>(
      `SELECT 1 AS one FROM tutoring_series WHERE tutor_id = $1 LIMIT 1`,
      [tutorId],
    );
    return rows.length > 0;
  }

  async cancelSeries(id: string): Promise<boolean> {
    const rows = await this.changed<{ id: string }>(
      `UPDATE tutoring_series SET status = 'cancelled', updated_at = clock_timestamp()
        WHERE id = $1 AND status = 'active' RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }
}
