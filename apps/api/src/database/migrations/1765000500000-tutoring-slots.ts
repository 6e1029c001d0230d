import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tutoring office hours: weekly series, slots and bookings.
 *
 * - One tutor's open slots never overlap: an exclusion constraint over
 *   `tstzrange(starts_at, ends_at)` (needs btree_gist for the `tutor_id WITH =` part), so two
 *   concurrent creations cannot both pass a read-then-write check. Cancelled slots are kept
 *   (bookers see what happened) and leave the constraint.
 * - `booked_count` is the number of active bookings, kept by the booking's own transaction with
 *   a conditional UPDATE; the CHECK makes overbooking impossible even for a buggy writer.
 * - One active booking per member and slot (partial unique index); cancelled ones stay as history.
 */
export class TutoringSlots1765000500000 implements MigrationInterface {
  name = 'TutoringSlots1765000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE tutoring_series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tutor_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        lab_id uuid REFERENCES labs(id) ON DELETE CASCADE,
        rrule text NOT NULL,
        time_zone text NOT NULL,
        start_time text NOT NULL CHECK (start_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
        duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
        first_date date NOT NULL,
        exceptions date[] NOT NULL DEFAULT '{}',
        capacity int NOT NULL CHECK (capacity >= 1),
        meeting text NOT NULL CHECK (meeting IN ('convergo','online','in_presence')),
        online_url text,
        place text,
        note text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','cancelled')),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX tutoring_series_tutor ON tutoring_series (tutor_id)`);
    await q.query(`
      CREATE TABLE tutoring_slots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tutor_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        lab_id uuid REFERENCES labs(id) ON DELETE CASCADE,
        series_id uuid REFERENCES tutoring_series(id) ON DELETE SET NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        capacity int NOT NULL CHECK (capacity >= 1),
        booked_count int NOT NULL DEFAULT 0,
        meeting text NOT NULL CHECK (meeting IN ('convergo','online','in_presence')),
        online_url text,
        place text,
        note text,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','cancelled')),
        cancel_reason text,
        ical_sequence int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT tutoring_slots_ends_after_start CHECK (ends_at > starts_at),
        CONSTRAINT tutoring_slots_booked_within_capacity CHECK (booked_count BETWEEN 0 AND capacity),
        CONSTRAINT tutoring_slots_no_overlap EXCLUDE USING gist (
          tutor_id WITH =, tstzrange(starts_at, ends_at) WITH &&
        ) WHERE (status = 'open')
      )`);
    await q.query(`CREATE INDEX tutoring_slots_starts ON tutoring_slots (starts_at, id)`);
    await q.query(
      `CREATE INDEX tutoring_slots_lab ON tutoring_slots (lab_id, starts_at) WHERE lab_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX tutoring_slots_series ON tutoring_slots (series_id) WHERE series_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE tutoring_bookings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slot_id uuid NOT NULL REFERENCES tutoring_slots(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        topic text,
        status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked','cancelled')),
        cancelled_by text CHECK (cancelled_by IN ('member','tutor')),
        cancel_reason text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        cancelled_at timestamptz,
        CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX tutoring_bookings_one_active ON tutoring_bookings (slot_id, member_id) WHERE status = 'booked'`,
    );
    await q.query(`CREATE INDEX tutoring_bookings_member ON tutoring_bookings (member_id, created_at)`);
    // Every booking of a slot, cancelled ones too (history, and the cascade when a slot goes).
    await q.query(`CREATE INDEX tutoring_bookings_slot ON tutoring_bookings (slot_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tutoring_bookings`);
    await q.query(`DROP TABLE tutoring_slots`);
    await q.query(`DROP TABLE tutoring_series`);
    // btree_gist stays: another migration may have wanted it, and it holds no data.
  }
}
