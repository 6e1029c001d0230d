import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppLogging, type AppLogging } from './app-logging';

type Line = Record<string, unknown> & { req?: Record<string, unknown>; err?: Record<string, unknown> };

function capture(level: string): { logging: AppLogging; lines: Line[] } {
  const lines: Line[] = [];
  const logging = createAppLogging(level, {
    write: (chunk: string) => lines.push(JSON.parse(chunk) as Line),
  });
  return { logging, lines };
}

describe('app logging (pino-http and Nest logger on one pino)', () => {
  const { logging, lines } = capture('info');
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) =>
      logging.middleware(req, res, () =>
        logging.withinRequest({ raw: req }, res, () => {
          logging.logger.log('inside the request', 'Handler');
          res.end('ok');
        }),
      ),
    );
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });
  beforeEach(() => lines.splice(0));

  it('keeps a well-formed request id, logs the request with it and Nest lines inside it', async () => {
    const res = await fetch(`${base}/calendar/feed-secret.ics?token=link-secret&x=1`, {
      headers: {
        'x-request-id': 'trace-123',
        authorization: 'Bearer access-secret',
        cookie: 'sid=cookie-secret',
      },
    });
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    await res.text();
    await new Promise((done) => setImmediate(done));
    const inside = lines.find((l) => l.msg === 'inside the request');
    expect(inside).toMatchObject({ context: 'Handler', level: 30, req: { id: 'trace-123' } });
    const completed = lines.find((l) => l.msg === 'request completed');
    expect(completed?.req).toMatchObject({
      id: 'trace-123',
      url: '/calendar/[Redacted].ics?token=[Redacted]&x=1',
      headers: expect.objectContaining({ authorization: '[Redacted]', cookie: '[Redacted]' }),
    });
    const text = JSON.stringify(lines);
    for (const secret of ['feed-secret', 'link-secret', 'access-secret', 'cookie-secret']) {
      expect(text).not.toContain(secret);
    }
  });

  it('replaces a forged or oversized request id with a UUID and does not log health checks', async () => {
    for (const given of ['<script>alert(1)</script>', 'a'.repeat(65), 'id with spaces']) {
      const res = await fetch(`${base}/x`, { headers: { 'x-request-id': given } });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      await res.text();
    }
    await (await fetch(`${base}/api/v1/health`)).text();
    await new Promise((done) => setImmediate(done));
    const completed = lines.filter((l) => l.msg === 'request completed');
    expect(completed).toHaveLength(3); // not the health check
    for (const line of completed) expect(line.req?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("follows Nest's calling conventions outside a request", () => {
    logging.logger.warn({ count: 2 }, 'Jobs');
    logging.logger.error(new Error('boom'), 'Jobs');
    logging.logger.error('failed', 'Error: failed\n    at somewhere (file.ts:1:1)', 'ExceptionsHandler');
    logging.logger.log('plain');
    expect(lines[0]).toMatchObject({ level: 40, context: 'Jobs', count: 2 });
    expect(lines[1]).toMatchObject({ level: 50, context: 'Jobs', err: { message: 'boom' } });
    expect(lines[2]).toMatchObject({ level: 50, context: 'ExceptionsHandler', err: { message: 'failed' } });
    expect(String(lines[2].err?.stack)).toContain('at somewhere');
    expect(lines[3]).toMatchObject({ level: 30, msg: 'plain' });
    expect(lines[3]).not.toHaveProperty('req');
  });

  it('below info writes no request line, yet a warning inside a request carries its id', async () => {
    const quiet = capture('warn');
    const server = createServer((req, res) =>
      quiet.logging.middleware(req, res, () =>
        quiet.logging.withinRequest({ raw: req }, res, () => {
          quiet.logging.logger.warn('slow upstream', 'Handler');
          res.end('ok');
        }),
      ),
    );
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/x`, { headers: { 'x-request-id': 'trace-9' } });
      expect(res.headers.get('x-request-id')).toBe('trace-9');
      await res.text();
      await new Promise((done) => setImmediate(done));
    } finally {
      await new Promise((done) => server.close(done));
    }
    expect(quiet.lines).toEqual([
      expect.objectContaining({ msg: 'slow upstream', level: 40, reqId: 'trace-9' }),
    ]);
  });

  it('writes nothing below LOG_LEVEL', () => {
    const quiet = capture('warn');
    quiet.logging.logger.log('info line', 'X');
    quiet.logging.logger.debug('debug line', 'X');
    quiet.logging.logger.warn('warn line', 'X');
    expect(quiet.lines.map((l) => l.msg)).toEqual(['warn line']);
  });
});
