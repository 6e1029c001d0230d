import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, spawnApp, type AppProcess } from './support/app-process';
import { newMember, newOrganization, type TestMember } from './support/factories';
import { connectSocket } from './support/socket-client';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';

/**
 * Issue 16: what an operator's log collector receives must hold no secret and no personal data.
 * The built API runs at LOG_LEVEL=debug while members sign in, refresh, use a calendar feed URL,
 * accept an invitation, connect a socket, fail a login and log out; then the captured output is
 * searched for every secret and address used.
 */
describe('secrets and headers: logs, cookies, content security policy', () => {
  let arrange: TestApp;
  let api: AppProcess;
  let admin: TestMember;

  beforeAll(async () => {
    arrange = await startTestApp();
    const organizationId = await newOrganization(arrange, {
      name: 'Comune di Lecce (log)',
      region: 'Puglia',
    });
    admin = await newMember(arrange, {
      role: 'admin',
      email: 'amministratrice.log@comune.lecce.it',
      organizationId,
    });
    const { ready } = spawnApp({
      DATABASE_URL: arrange.databaseUrl!,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'convergo-log-')),
      DEMO_DATA: 'false',
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'debug',
      RATE_LIMIT_DISABLED: 'true',
    });
    api = await ready;
  }, 120_000);
  afterAll(async () => {
    api?.child.kill('SIGTERM');
    if (api) await exited(api.child);
    await arrange?.close();
  });

  it('never writes passwords, tokens, feed URLs, the JWT secret or e-mail addresses', async () => {
    const call = async (method: string, path: string, body?: unknown, token?: string) => {
      const res = await fetch(`${api.baseUrl}/api/v1${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, string> };
    };
    const secrets: string[] = [admin.password, TEST_JWT_SECRET];
    const addresses = [admin.email];

    const login = await call('POST', '/auth/login', { email: admin.email, password: admin.password });
    expect(login.status).toBe(200);
    const wrong = await call('POST', '/auth/login', { email: admin.email, password: 'Sbagliata-123456' });
    expect(wrong.status).toBe(401);
    secrets.push('Sbagliata-123456', login.body.accessToken, login.body.refreshToken);
    const refreshed = await call('POST', '/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    secrets.push(refreshed.body.accessToken, refreshed.body.refreshToken);
    const access = refreshed.body.accessToken;

    const feed = await call('POST', '/me/calendar-feed', undefined, access);
    expect(feed.status).toBe(201);
    secrets.push(feed.body.token);
    expect((await fetch(feed.body.url.replace(/^https?:\/\/[^/]+/, api.baseUrl))).status).toBe(200);
    expect((await fetch(`${api.baseUrl}/api/v1/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);

    const invitee = 'nuovo.funzionario.log@comune.lecce.it';
    addresses.push(invitee);
    const invitation = await call(
      'POST',
      '/invitations',
      { email: invitee, organizationId: admin.organizationId, role: 'member' },
      access,
    );
    expect(invitation.status).toBe(201);
    const invitationToken = new URL(invitation.body.acceptUrl).searchParams.get('token')!;
    secrets.push(invitationToken, 'Nuova-Password-2026!');
    const accepted = await call('POST', '/auth/accept-invitation', {
      token: invitationToken,
      password: 'Nuova-Password-2026!',
      displayName: 'Nuovo Funzionario',
    });
    expect(accepted.status).toBe(201);
    secrets.push(accepted.body.accessToken, accepted.body.refreshToken);

    const socket = await connectSocket(api.baseUrl, access);
    socket.close();
    expect((await call('POST', '/auth/logout', { refreshToken: refreshed.body.refreshToken })).status).toBe(
      204,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    const log = api.output();
    expect(log).toContain('/api/v1/auth/login'); // the requests were logged at all
    const leaked = [...secrets, ...addresses].filter((value) => value && log.includes(value));
    expect(leaked).toEqual([]);
  }, 60_000);

  it('signs in without cookies and serves pages with a script policy that allows no inline script', async () => {
    const login = await fetch(`${api.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toBeNull();
    // `/` is the built web app's page (npm test builds it before jest).
    for (const path of ['/', '/api/v1/health']) {
      const res = await fetch(`${api.baseUrl}${path}`);
      const policy = res.headers.get('content-security-policy') ?? '';
      const scripts = /(?:^|;)\s*script-src ([^;]*)/.exec(policy)?.[1] ?? '';
      expect({ path, scripts }).toEqual({ path, scripts: "'self'" });
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("frame-ancestors 'self'");
    }
  });
});
