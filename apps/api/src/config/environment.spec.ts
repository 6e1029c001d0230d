import { InvalidEnvironmentError, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies the documented defaults', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe('./data');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.DEMO_DATA).toBeUndefined();
  });

  it('parses numbers and booleans', () => {
    const env = validateEnvironment({
      PORT: '8080',
      DEMO_DATA: 'false',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(env.PORT).toBe(8080);
    expect(env.DEMO_DATA).toBe(false);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'not a url'],
    ['JWT_SECRET', 'short'],
    ['ADMIN_EMAIL', 'not-an-email'],
    ['DEMO_DATA', 'perhaps'],
  ])('stops on a bad %s and names it', (name, value) => {
    expect(() => validateEnvironment({ [name]: value, ADMIN_PASSWORD: 'long-enough-password' })).toThrow(
      new RegExp(`${name}`),
    );
  });

  it('requires ADMIN_PASSWORD with ADMIN_EMAIL', () => {
    expect(() => validateEnvironment({ ADMIN_EMAIL: 'a@b.it' })).toThrow(InvalidEnvironmentError);
  });
});
