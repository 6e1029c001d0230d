import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EmailFrequency, NotificationView } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { Environment } from '../../config/environment';
import { MailService, type MailInvitation } from '../mail/mail.service';
import { TransactionHost } from '@nestjs-cls/transactional';
import { afterCommit } from '../../database/after-commit';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import { renderDigest, renderImmediate, type EmailRecipient } from './notification-email';

/** Settings beyond environment.ts (read from the same validated environment object). */
export interface MailerSettings {
  /** Poll of the immediate outbox, ms; 0 = no poller (commits still trigger a send). */
  outboxIntervalMs: number;
  /** First retry delay after an SMTP failure, doubled per attempt up to one hour. */
  retryBaseMs: number;
  /** How often the digest scheduler wakes up, ms; 0 = no scheduler. */
  digestIntervalMs: number;
  /** Local hour (0–23) of the daily digest, in `digestTimeZone`. */
  digestHour: number;
  digestTimeZone: string;
}

export function mailerSettings(env: Environment): MailerSettings {
  return {
    outboxIntervalMs: env.MAIL_OUTBOX_INTERVAL_MS,
    retryBaseMs: env.MAIL_RETRY_BASE_MS,
    digestIntervalMs: env.DIGEST_INTERVAL_MS,
    digestHour: env.DIGEST_HOUR,
    digestTimeZone: env.DIGEST_TIMEZONE,
  };
}

/** The offset of `zone` from UTC at `instant`, in ms (local = utc + offset). */
function zoneOffset(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The latest instant ≤ now at which the local clock in `zone` read `hour`:00. */
export function digestSlot(now: Date, hour: number, zone: string): Date {
  const local = new Date(now.getTime() + zoneOffset(now.getTime(), zone));
  for (let back = 0; back <= 2; back += 1) {
    const wall = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - back, hour);
    const instant = wall - zoneOffset(wall - zoneOffset(wall, zone), zone);
    if (instant <= now.getTime()) return new Date(instant);
  }
  return new Date(now.getTime() - 86_400_000);
}

/**
 * Kinds that are useless tomorrow: e-mailed at once even to members who chose the daily digest
 * (only `never` stops them).
 */
export const TIME_CRITICAL_KINDS: readonly string[] = [
  'tutoring_booked',
  'tutoring_booking_cancelled',
  'tutoring_slot_changed',
  'tutoring_slot_cancelled',
  'tutoring_reminder',
];

/** What an invitation provider is given: the notification being e-mailed and its recipient. */
export interface InvitationRequest {
  memberId: string;
  kind: string;
  data: NotificationView['data'];
}

/** Builds the calendar invitation an e-mail of some kind carries (undefined: none). */
export type InvitationProvider = (request: InvitationRequest) => Promise<MailInvitation | undefined>;

const MAX_ATTEMPTS = 12;
const BATCH = 20;
const LEASE = `interval '5 minutes'`;
/** After the digest hour, the scheduler keeps trying (new members, SMTP failures) this long. */
const DIGEST_WINDOW_MS = 12 * 3_600_000;

/** Notifications about a thread the member muted are never e-mailed. */
const NOT_MUTED = `NOT EXISTS (
  SELECT 1 FROM thread_subscriptions s
  WHERE s.member_id = n.member_id AND s.level = 'muted' AND s.thread_id::text = n.data->>'threadId')`;

/** A claimed immediate delivery, with what its e-mail needs (columns aliased to camelCase). */
interface DueDelivery {
  notificationId: string;
  memberId: string;
  attempts: number;
  kind: string;
  data: NotificationView['data'];
  link: string | null;
  email: string;
  displayName: string;
  locale: string;
  status: string;
  preference: EmailFrequency;
  muted: boolean;
}

/**
 * E-mail for notifications, never inside the notification's transaction:
 * - immediate: `enqueue` records a pending delivery in the same transaction (so it exists iff
 *   the notification does); once that transaction commits, the outbox is drained. Rows are
 *   claimed with FOR UPDATE SKIP LOCKED and a lease, sent, then marked sent; an SMTP failure
 *   reschedules with exponential back-off, so a restart neither loses nor repeats a message.
 * - daily: `sendDigests(now)` sends each 'daily' member one e-mail with their unread, not yet
 *   e-mailed notifications of the last 24 h, and records them as delivered. A member is claimed
 *   with a conditional upsert (lease + last digest time), so two instances never both send.
 */
@Injectable()
export class NotificationMailer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationMailer.name);
  readonly settings: MailerSettings;
  private readonly publicUrl: string;
  private timers: NodeJS.Timeout[] = [];
  private draining?: Promise<void>;
  private drainAgain = false;
  private digesting?: Promise<void>;
  private stopped = false;
  private readonly invitations = new Map<string, InvitationProvider>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>,
    private readonly mail: MailService,
    env: Environment,
  ) {
    this.settings = mailerSettings(env);
    this.publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  }

  onApplicationBootstrap(): void {
    if (!this.mail.enabled) return;
    if (this.settings.outboxIntervalMs > 0) {
      this.timers.push(setInterval(() => this.kick(), this.settings.outboxIntervalMs).unref());
    }
    if (this.settings.digestIntervalMs > 0) {
      this.timers.push(setInterval(() => void this.digestTick(), this.settings.digestIntervalMs).unref());
    }
    this.kick(); // what a previous run left pending
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await Promise.allSettled([this.draining, this.digesting]);
  }

  /** A module attaches calendar invitations to its kinds' e-mails (at start-up, like policies). */
  registerInvitation(kind: string, provider: InvitationProvider): void {
    this.invitations.set(kind, provider);
  }

  /** In the notification's transaction: queue an immediate e-mail if the member wants one. */
  async enqueue(notification: { id: string; memberId: string; kind: string }): Promise<void> {
    if (!this.mail.enabled) return;
    const rows = (await this.db.tx.query(
      `INSERT INTO notification_deliveries (notification_id, member_id, mode)
       SELECT $1, m.id, 'immediate' FROM members m
       LEFT JOIN notification_preferences p ON p.member_id = m.id
       WHERE m.id = $2 AND m.status = 'active'
         AND (p.email = 'immediate' OR ($3 AND coalesce(p.email, 'daily') <> 'never'))
       RETURNING notification_id`,
      [notification.id, notification.memberId, TIME_CRITICAL_KINDS.includes(notification.kind)],
    )) as unknown[];
    if (rows.length > 0) afterCommit(() => this.kick());
  }

  /** Starts draining the outbox (or asks the running drain to go round once more). */
  kick(): void {
    if (this.stopped || !this.mail.enabled) return;
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = (async () => {
      try {
        do {
          this.drainAgain = false;
          while (!this.stopped && (await this.drainBatch()) === BATCH) {
            /* next batch */
          }
        } while (this.drainAgain && !this.stopped);
      } catch (error) {
        this.logger.error({ err: error }, 'e-mail outbox drain failed');
      } finally {
        this.draining = undefined;
      }
    })();
  }

  /** Waits until the outbox has nothing due (for tests and shutdown). */
  async flush(): Promise<void> {
    this.kick();
    while (this.draining) await this.draining;
  }

  /** Claims up to BATCH due deliveries, sends them; returns how many were claimed. */
  private async drainBatch(): Promise<number> {
    const claimed = (await this.dataSource.query(
      `UPDATE notification_deliveries d
       SET attempts = d.attempts + 1, next_attempt_at = now() + ${LEASE}
       WHERE d.notification_id IN (
         SELECT notification_id FROM notification_deliveries
         WHERE status = 'pending' AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT ${BATCH}
         FOR UPDATE SKIP LOCKED)
       RETURNING d.notification_id AS "notificationId"`,
    )) as [{ notificationId: string }[], number] | { notificationId: string }[];
    const ids = (Array.isArray(claimed[0]) ? claimed[0] : claimed) as { notificationId: string }[];
    if (ids.length === 0) return 0;
    const rows = (await this.dataSource.query(
      `SELECT d.notification_id AS "notificationId", d.member_id AS "memberId", d.attempts, n.kind, n.data, n.link, m.email,
              m.display_name AS "displayName", m.locale, m.status,
              coalesce(p.email, 'daily') AS preference, NOT (${NOT_MUTED}) AS muted
       FROM notification_deliveries d
       JOIN notifications n ON n.id = d.notification_id
       JOIN members m ON m.id = d.member_id
       LEFT JOIN notification_preferences p ON p.member_id = d.member_id
       WHERE d.notification_id = ANY($1)`,
      [ids.map((r) => r.notificationId)],
    )) as DueDelivery[];
    for (const row of rows) {
      if (this.stopped) break;
      await this.deliver(row);
    }
    return ids.length;
  }

  private async deliver(row: DueDelivery): Promise<void> {
    const id = row.notificationId;
    const timeCritical = TIME_CRITICAL_KINDS.includes(row.kind);
    if (row.preference === 'daily' && !timeCritical) {
      // Switched to the digest since: let the digest pick it up.
      await this.dataSource.query(`DELETE FROM notification_deliveries WHERE notification_id = $1`, [id]);
      return;
    }
    const wanted = row.preference === 'immediate' || (timeCritical && row.preference === 'daily');
    if (!wanted || row.muted || row.status !== 'active') {
      await this.dataSource.query(
        `UPDATE notification_deliveries SET status = 'skipped' WHERE notification_id = $1`,
        [id],
      );
      return;
    }
    const recipient: EmailRecipient = { email: row.email, displayName: row.displayName, locale: row.locale };
    try {
      const content = renderImmediate(recipient, row, this.publicUrl);
      const invitation = await this.invitations.get(row.kind)?.({
        memberId: row.memberId,
        kind: row.kind,
        data: row.data,
      });
      await this.mail.send({ to: row.email, ...content, invitation });
      await this.dataSource.query(
        `UPDATE notification_deliveries SET status = 'sent', sent_at = now(), last_error = NULL
         WHERE notification_id = $1`,
        [id],
      );
    } catch (error) {
      const failed = row.attempts >= MAX_ATTEMPTS;
      const delay = Math.min(this.settings.retryBaseMs * 2 ** (row.attempts - 1), 3_600_000);
      this.logger.warn({ err: error, notificationId: id, attempts: row.attempts }, 'e-mail not sent');
      await this.dataSource.query(
        `UPDATE notification_deliveries
         SET status = $2, last_error = $3, next_attempt_at = now() + ($4::int * interval '1 millisecond')
         WHERE notification_id = $1`,
        [id, failed ? 'failed' : 'pending', String((error as Error)?.message ?? error).slice(0, 500), delay],
      );
    }
  }

  private digestTick(): Promise<void> {
    const now = new Date();
    const slot = digestSlot(now, this.settings.digestHour, this.settings.digestTimeZone);
    if (now.getTime() - slot.getTime() > DIGEST_WINDOW_MS) return Promise.resolve();
    return this.sendDigests(now).then(
      () => undefined,
      (error: unknown) => this.logger.error({ err: error }, 'daily digest failed'),
    );
  }

  /**
   * Sends the daily digest of `now`'s slot (the latest DIGEST_HOUR before `now`) to every
   * 'daily' member who has unread, not yet e-mailed notifications of the 24 h before `now` and
   * has not had this slot's digest yet. Returns how many e-mails were sent.
   */
  async sendDigests(now: Date = new Date()): Promise<number> {
    if (!this.mail.enabled || this.stopped) return 0;
    while (this.digesting) await this.digesting.catch(() => undefined);
    let sent = 0;
    const run = (async () => {
      const slot = digestSlot(now, this.settings.digestHour, this.settings.digestTimeZone);
      const since = new Date(now.getTime() - 86_400_000);
      const candidates = (await this.dataSource.query(
        `SELECT m.id FROM members m
         LEFT JOIN notification_preferences p ON p.member_id = m.id
         WHERE m.status = 'active' AND coalesce(p.email, 'daily') = 'daily'
           AND (p.last_digest_at IS NULL OR p.last_digest_at < $1)
           AND EXISTS (
             SELECT 1 FROM notifications n
             WHERE n.member_id = m.id AND n.read_at IS NULL AND n.created_at > $2 AND n.created_at <= $3
               AND NOT EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.notification_id = n.id))
         ORDER BY m.id`,
        [slot, since, now],
      )) as { id: string }[];
      for (const { id } of candidates) {
        if (this.stopped) break;
        if (await this.digestFor(id, slot, since, now)) sent += 1;
      }
    })();
    this.digesting = run;
    try {
      await run;
    } finally {
      if (this.digesting === run) this.digesting = undefined;
    }
    return sent;
  }

  private async digestFor(memberId: string, slot: Date, since: Date, now: Date): Promise<boolean> {
    // Claim: only one instance wins the lease, and only if this slot's digest is still due.
    const claimed = (await this.dataSource.query(
      `INSERT INTO notification_preferences AS p (member_id, digest_lease_until)
       VALUES ($1, now() + ${LEASE})
       ON CONFLICT (member_id) DO UPDATE SET digest_lease_until = now() + ${LEASE}
       WHERE p.email = 'daily'
         AND (p.digest_lease_until IS NULL OR p.digest_lease_until < now())
         AND (p.last_digest_at IS NULL OR p.last_digest_at < $2)
       RETURNING member_id`,
      [memberId, slot],
    )) as unknown[];
    if (claimed.length === 0) return false;
    try {
      const items = (await this.dataSource.query(
        `SELECT n.id, n.kind, n.data, n.link, m.email, m.display_name AS "displayName", m.locale
         FROM notifications n JOIN members m ON m.id = n.member_id
         WHERE n.member_id = $1 AND n.read_at IS NULL AND n.created_at > $2 AND n.created_at <= $3
           AND NOT EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.notification_id = n.id)
           AND ${NOT_MUTED}
         ORDER BY n.created_at, n.id`,
        [memberId, since, now],
      )) as (Pick<NotificationView, 'id' | 'kind' | 'data' | 'link'> & {
        email: string;
        displayName: string;
        locale: string;
      })[];
      if (items.length > 0) {
        const first = items[0];
        const recipient = { email: first.email, displayName: first.displayName, locale: first.locale };
        await this.mail.send({ to: first.email, ...renderDigest(recipient, items, this.publicUrl) });
      }
      await this.dataSource.transaction(async (manager) => {
        if (items.length > 0) {
          await manager.query(
            `INSERT INTO notification_deliveries (notification_id, member_id, mode, status, attempts, sent_at)
             SELECT unnest($1::uuid[]), $2, 'digest', 'sent', 1, now()
             ON CONFLICT (notification_id) DO NOTHING`,
            [items.map((i) => i.id), memberId],
          );
        }
        await manager.query(
          `UPDATE notification_preferences SET last_digest_at = $2, digest_lease_until = NULL WHERE member_id = $1`,
          [memberId, now],
        );
      });
      return items.length > 0;
    } catch (error) {
      this.logger.warn({ err: error, memberId }, 'daily digest not sent; retried later');
      await this.dataSource
        .query(
          `UPDATE notification_preferences
           SET digest_lease_until = now() + ($2::int * interval '1 millisecond') WHERE member_id = $1`,
          [memberId, this.settings.retryBaseMs],
        )
        .catch(() => undefined);
      return false;
    }
  }
}
