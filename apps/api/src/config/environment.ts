import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** 'true'/'false' and friends become booleans; anything else stays a string and fails @IsBoolean. */
const toBoolean = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  const text = String(value).toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  return value;
};

/** Every setting of the process, read once from the environment and checked before anything starts. */
export class Environment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(({ value }) => (value === undefined ? 3000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST = '0.0.0.0';

  @IsString()
  DATA_DIR = './data';

  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL?: string;

  @IsOptional()
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL?: string;

  /**
   * Broadcasts the Redis stream keeps (trimmed approximately): connection state recovery works for
   * a client away up to 2 minutes only while the whole cluster broadcasts fewer than this / 120
   * events a second; beyond, clients recover through the events catch-up (bench/README.md).
   */
  @Transform(({ value }) => (value === undefined ? 10_000 : Number(value)))
  @IsInt()
  @Min(1000)
  @Max(10_000_000)
  REALTIME_STREAM_MAX_LEN = 10_000;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;

  @Transform(({ value }) => (value === undefined ? 900 : Number(value)))
  @IsInt()
  @Min(30)
  @Max(86400)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(({ value }) => (value === undefined ? 30 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  @IsOptional()
  @IsEmail()
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters long' })
  ADMIN_PASSWORD?: string;

  /** Undefined means: load the demo world when the database is empty. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  DEMO_DATA?: boolean;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL?: string;

  /** Where the built web app is; served at `/` when present. */
  @IsString()
  WEB_DIST_DIR = 'apps/web/dist';

  /**
   * Which proxies to trust for the client address (proxy-addr, as Fastify reads it): none by default
   * (`false`: X-Forwarded-For is ignored, so a client cannot pick its own address and dodge the
   * per-address limits); behind nginx, its network (e.g. `172.16.0.0/12`) or a hop count (`1`).
   */
  @IsString()
  TRUST_PROXY = 'false';

  @IsOptional()
  @IsString()
  SMTP_HOST?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT?: number;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SMTP_SECURE?: boolean;

  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  @IsOptional()
  @IsString()
  SMTP_PASSWORD?: string;

  @IsOptional()
  @IsString()
  SMTP_FROM = 'Convergo <noreply@convergo.local>';

  /** How often pending notification e-mails are retried, ms; 0 turns the poller off. */
  @Transform(({ value }) => (value === undefined ? 30_000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  MAIL_OUTBOX_INTERVAL_MS = 30_000;

  /** First retry delay after an SMTP failure, ms; doubles up to an hour. */
  @Transform(({ value }) => (value === undefined ? 60_000 : Number(value)))
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  MAIL_RETRY_BASE_MS = 60_000;

  /** How often the digest scheduler wakes up, ms; 0 turns it off. */
  @Transform(({ value }) => (value === undefined ? 60_000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  DIGEST_INTERVAL_MS = 60_000;

  /** Local hour of the daily e-mail digest. */
  @Transform(({ value }) => (value === undefined ? 7 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(23)
  DIGEST_HOUR = 7;

  @IsString()
  DIGEST_TIMEZONE = 'Europe/Rome';

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Largest file a member may attach to a document, bytes (default 20 MiB). */
  @Transform(({ value }) => (value === undefined ? 20 * 1024 * 1024 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(1024 * 1024 * 1024)
  ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

  /**
   * How often each process confirms its members in live session rooms, seconds; a connection not
   * confirmed for 2.5 beats is dead and its stay ends at its last confirmation.
   */
  @Transform(({ value }) => (value === undefined ? 20 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(300)
  LIVE_HEARTBEAT_SECONDS = 20;

  /**
   * Minutes before a tutoring slot starts at which bookers and the tutor are reminded,
   * comma-separated (decimals allowed, e.g. `0.5`); see tutoringReminderMinutes.
   */
  @IsString()
  TUTORING_REMINDER_MINUTES = '1440,60';

  /** Disable rate limits only in test runs that hammer login on purpose. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  RATE_LIMIT_DISABLED?: boolean;
}

export class InvalidEnvironmentError extends Error {}

/** A reminder at most two weeks ahead; at least 6 s (tests use fractions of a minute). */
const REMINDER_MAX_MINUTES = 14 * 1440;
const REMINDER_MIN_MINUTES = 0.1;

/**
 * TUTORING_REMINDER_MINUTES as distinct offsets, largest first; undefined when the value is not
 * 1–5 comma-separated numbers of minutes in [0.1, 20160].
 */
export function parseReminderMinutes(value: string): number[] | undefined {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.length === 0 || parts.length > 5) return undefined;
  const minutes: number[] = [];
  for (const part of parts) {
    if (!/^\d+(\.\d+)?$/.test(part)) return undefined;
    const n = Number(part);
    if (n < REMINDER_MIN_MINUTES || n > REMINDER_MAX_MINUTES) return undefined;
    minutes.push(n);
  }
  return [...new Set(minutes)].sort((a, b) => b - a);
}

/** The validated reminder offsets of `env`. */
export function tutoringReminderMinutes(env: Environment): number[] {
  return parseReminderMinutes(env.TUTORING_REMINDER_MINUTES) ?? [];
}

/** Validates like a DTO; the message names each bad variable so an operator can fix it. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const env = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new InvalidEnvironmentError(`Invalid environment:\n${lines.join('\n')}`);
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: env.DIGEST_TIMEZONE });
  } catch {
    throw new InvalidEnvironmentError(
      'Invalid environment:\n  DIGEST_TIMEZONE: not an IANA time zone (e.g. Europe/Rome)',
    );
  }
  if (!parseReminderMinutes(env.TUTORING_REMINDER_MINUTES)) {
    throw new InvalidEnvironmentError(
      'Invalid environment:\n  TUTORING_REMINDER_MINUTES: 1 to 5 comma-separated minutes between 0.1 and 20160 (e.g. 1440,60)',
    );
  }
  if (env.ADMIN_EMAIL && !env.ADMIN_PASSWORD) {
    throw new InvalidEnvironmentError(
      'Invalid environment:\n  ADMIN_PASSWORD: required when ADMIN_EMAIL is set',
    );
  }
  return env;
}
