import { validateEnvironment } from '../../config/environment';
import { digestSlot, mailerSettings } from './notification-mailer';
import { escapeHtml, renderImmediate } from './notification-email';

describe('digestSlot', () => {
  it('is the latest DIGEST_HOUR in Rome, summer and winter time', () => {
    // 07:00 in Rome is 05:00 UTC in summer (CEST) and 06:00 UTC in winter (CET).
    expect(digestSlot(new Date('2026-07-10T12:00:00Z'), 7, 'Europe/Rome').toISOString()).toBe(
      '2026-07-10T05:00:00.000Z',
    );
    expect(digestSlot(new Date('2026-07-10T04:59:00Z'), 7, 'Europe/Rome').toISOString()).toBe(
      '2026-07-09T05:00:00.000Z',
    );
    expect(digestSlot(new Date('2026-01-10T06:00:00Z'), 7, 'Europe/Rome').toISOString()).toBe(
      '2026-01-10T06:00:00.000Z',
    );
    expect(digestSlot(new Date('2026-01-10T00:30:00Z'), 0, 'Europe/Rome').toISOString()).toBe(
      '2026-01-09T23:00:00.000Z',
    );
  });
});

describe('mailerSettings', () => {
  it('reads DIGEST_HOUR and the intervals from the validated environment', () => {
    const env = validateEnvironment({ DIGEST_HOUR: '9', MAIL_OUTBOX_INTERVAL_MS: '0' });
    expect(mailerSettings(env)).toMatchObject({
      digestHour: 9,
      outboxIntervalMs: 0,
      digestTimeZone: 'Europe/Rome',
    });
    expect(() => validateEnvironment({ DIGEST_HOUR: '25' })).toThrow(/DIGEST_HOUR/);
    expect(() => validateEnvironment({ DIGEST_TIMEZONE: 'Mars/Olympus' })).toThrow(/DIGEST_TIMEZONE/);
  });
});

describe('notification e-mail', () => {
  it('escapes every HTML special character', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe(
      '&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#96;',
    );
  });

  it('falls back to Italian and to a generic line for unknown kinds', () => {
    const mail = renderImmediate(
      { email: 'a@b.it', displayName: 'Ada', locale: 'fr' },
      { kind: 'something_new', data: {}, link: null },
      'https://c.example.it/',
    );
    expect(mail.subject).toBe('Hai una nuova notifica su Convergo');
    expect(mail.text).toContain('https://c.example.it/profilo#notifiche');
  });
});
