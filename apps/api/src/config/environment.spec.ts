import { InvalidEnvironmentError, tutoringReminderMinutes, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies the documented defaults', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe('./data');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.DEMO_DATA).toBeUndefined();
    expect(env.REALTIME_STREAM_MAX_LEN).toBe(10_000);
  });

  it('parses numbers and booleans', () => {
    const env = validateEnvironment({
      PORT: '8080',
      DEMO_DATA: 'false',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REALTIME_STREAM_MAX_LEN: '200000',
    });
    expect(env.PORT).toBe(8080);
    expect(env.REALTIME_STREAM_MAX_LEN).toBe(200_000);
    expect(env.DEMO_DATA).toBe(false);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'not a url'],
    ['REALTIME_STREAM_MAX_LEN', '10'],
    ['REALTIME_STREAM_MAX_LEN', 'lots'],
    ['JWT_SECRET', 'short'],
    ['ADMIN_EMAIL', 'not-an-email'],
    ['DEMO_DATA', 'perhaps'],
    ['TUTORING_REMINDER_MINUTES', '60,abc'],
    ['TUTORING_REMINDER_MINUTES', '-5'],
    ['TUTORING_REMINDER_MINUTES', '0'],
    ['TUTORING_REMINDER_MINUTES', ''],
    ['TUTORING_REMINDER_MINUTES', '1,2,3,4,5,6'],
    ['TUTORING_REMINDER_MINUTES', '99999'],
  ])('stops on a bad %s and names it', (name, value) => {
    expect(() => validateEnvironment({ [name]: value, ADMIN_PASSWORD: 'long-enough-password' })).toThrow(
      new RegExp(`${name}`),
    );
  });

  it('requires ADMIN_PASSWORD with ADMIN_EMAIL', () => {
    expect(() => validateEnvironment({ ADMIN_EMAIL: 'a@b.it' })).toThrow(InvalidEnvironmentError);
  });

  it('reads tutoring reminder offsets, largest first, without repeats', () => {
    expect(tutoringReminderMinutes(validateEnvironment({}))).toEqual([1440, 60]);
    const env = validateEnvironment({ TUTORING_REMINDER_MINUTES: ' 0.5, 2 ,2' });
    expect(tutoringReminderMinutes(env)).toEqual([2, 0.5]);
  });
});
