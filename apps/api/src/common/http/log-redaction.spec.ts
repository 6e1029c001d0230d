import { redactRequest, redactUrl } from './log-redaction';

describe('log redaction', () => {
  it('hides calendar feed tokens and token parameters, keeping the route', () => {
    expect(redactUrl('/api/v1/calendar/abcDEF_123-xyz.ics')).toBe('/api/v1/calendar/[Redacted].ics');
    expect(redactUrl('/invito?token=s3cr3t&x=1')).toBe('/invito?token=[Redacted]&x=1');
    expect(redactUrl('/api/v1/labs/1/sessions.ics')).toBe('/api/v1/labs/1/sessions.ics');
  });

  it('drops path parameters and redacts token query values in a serialized request', () => {
    const out = redactRequest({
      id: 'r1',
      url: '/api/v1/calendar/tok.ics',
      params: { feedToken: 'tok' },
      query: { token: 'tok', q: 'x' },
    });
    expect(out).toEqual({
      id: 'r1',
      url: '/api/v1/calendar/[Redacted].ics',
      query: { token: '[Redacted]', q: 'x' },
    });
  });
});
