import { DataSource } from 'typeorm';
import { newMember, newOrganization, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

const bearer = (m: { accessToken: string }) => `Bearer ${m.accessToken}`;

describe('members: invitations, access requests, profile, directory', () => {
  let t: TestApp;
  let admin: TestMember;
  let referent: TestMember;
  let official: TestMember;
  let napoli: string;
  let lecce: string;

  beforeAll(async () => {
    t = await startTestApp();
    napoli = await newOrganization(t, { name: 'Comune di Napoli (prova)' });
    lecce = await newOrganization(t, { name: 'Comune di Lecce (prova)', region: 'Puglia' });
    admin = await newMember(t, { role: 'admin' });
    referent = await newMember(t, {
      organizationId: napoli,
      isReferent: true,
      displayName: 'Antonio Esposito',
    });
    official = await newMember(t, { organizationId: lecce, displayName: 'Niccolò Forlì' });
  });
  afterAll(async () => {
    await t.close();
  });

  const db = () => t.app.get(DataSource);
  const count = async (table: string) =>
    Number(((await db().query(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[])[0].n);

  describe('invitations', () => {
    it('lets an admin invite and the invitee join through the link', async () => {
      const res = await t
        .http()
        .post('/api/v1/invitations')
        .set('authorization', bearer(admin))
        .send({ email: 'Tutor.Nuovo@Formez.it', organizationId: napoli, role: 'tutor' })
        .expect(201);
      expect(res.body).toMatchObject({
        email: 'tutor.nuovo@formez.it',
        role: 'tutor',
        organizationId: napoli,
      });
      expect(res.body.acceptUrl).toMatch(/\/invito\?token=[A-Za-z0-9_-]{40,}$/);
      const token = new URL(res.body.acceptUrl).searchParams.get('token');

      const joined = await t
        .http()
        .post('/api/v1/auth/accept-invitation')
        .send({ token, password: 'Una-password-lunga-1', displayName: '<img src=x onerror=alert(1)>' })
        .expect(201);
      expect(joined.body.member).toMatchObject({ email: 'tutor.nuovo@formez.it', role: 'tutor' });
      // Stored and returned verbatim as JSON data: rendering escapes it, the API never turns it into HTML.
      expect(joined.body.member.displayName).toBe('<img src=x onerror=alert(1)>');
      await t.http().get('/api/v1/me').set('authorization', `Bearer ${joined.body.accessToken}`).expect(200);

      const again = await t
        .http()
        .post('/api/v1/auth/accept-invitation')
        .send({ token, password: 'Una-password-lunga-1', displayName: 'Secondo' })
        .expect(410);
      expect(again.body.code).toBe('invitation_invalid');
    });

    it('lets a referent invite colleagues of their administration as officials only', async () => {
      await t
        .http()
        .post('/api/v1/invitations')
        .set('authorization', bearer(referent))
        .send({ email: 'collega@comune.napoli.it', organizationId: napoli, role: 'member' })
        .expect(201);
      for (const body of [
        { email: 'altro@comune.napoli.it', organizationId: napoli, role: 'tutor' },
        { email: 'altro@comune.lecce.it', organizationId: lecce, role: 'member' },
      ]) {
        const res = await t
          .http()
          .post('/api/v1/invitations')
          .set('authorization', bearer(referent))
          .send(body);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('forbidden');
      }
      await t
        .http()
        .post('/api/v1/invitations')
        .set('authorization', bearer(official))
        .send({ email: 'x@comune.lecce.it', organizationId: lecce, role: 'member' })
        .expect(403);
    });

    it('refuses expired invitations, weak passwords, existing e-mails and bad input without storing anything', async () => {
      const res = await t
        .http()
        .post('/api/v1/invitations')
        .set('authorization', bearer(admin))
        .send({ email: 'scade@example.it', organizationId: napoli, role: 'member' })
        .expect(201);
      const token = new URL(res.body.acceptUrl).searchParams.get('token');
      const weak = await t
        .http()
        .post('/api/v1/auth/accept-invitation')
        .send({ token, password: 'short', displayName: 'Ok Name' })
        .expect(400);
      expect(weak.body.errors[0].field).toBe('password');

      await db().query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
        res.body.id,
      ]);
      const membersBefore = await count('members');
      await t
        .http()
        .post('/api/v1/auth/accept-invitation')
        .send({ token, password: 'Una-password-lunga-1', displayName: 'Ok Name' })
        .expect(410);
      await t
        .http()
        .post('/api/v1/auth/accept-invitation')
        .send({ token: 'x'.repeat(43), password: 'Una-password-lunga-1', displayName: 'Ok Name' })
        .expect(410);
      expect(await count('members')).toBe(membersBefore);

      const invitationsBefore = await count('invitations');
      const taken = await t
        .http()
        .post('/api/v1/invitations')
        .set('authorization', bearer(admin))
        .send({ email: official.email, organizationId: lecce, role: 'member' })
        .expect(409);
      expect(taken.body.code).toBe('email_taken');
      for (const body of [
        { email: 'not-an-email', organizationId: napoli, role: 'member' },
        { email: 'a@b.it', organizationId: 'not-a-uuid', role: 'member' },
        { email: 'a@b.it', organizationId: napoli, role: 'superuser' },
        { email: 'a@b.it', organizationId: napoli, role: 'member', isReferent: true },
        { email: `${'a'.repeat(300)}@b.it`, organizationId: napoli, role: 'member' },
      ]) {
        const bad = await t.http().post('/api/v1/invitations').set('authorization', bearer(admin)).send(body);
        expect(bad.status).toBe(400);
        expect(bad.body.errors.length).toBeGreaterThan(0);
      }
      const unknownOrg = await t
        .http()
        .post('/api/v1/invitations')
        .set('authorization', bearer(admin))
        .send({ email: 'a@b.it', organizationId: '00000000-0000-4000-8000-000000000000', role: 'member' });
      expect(unknownOrg.status).toBe(422);
      expect(await count('invitations')).toBe(invitationsBefore);
    });
  });

  describe('access requests', () => {
    const request = (body: object) => t.http().post('/api/v1/access-requests').send(body);

    it('lets anyone ask and an admin approve; the applicant logs in with the chosen password', async () => {
      const asked = await request({
        email: 'luca.verdi@regione.calabria.it',
        displayName: 'Luca Verdi',
        organizationId: lecce,
        password: 'Password-scelta-42',
        motivation: 'Partecipo al laboratorio di Ambito A',
      }).expect(201);
      expect(asked.body).toMatchObject({ status: 'pending', email: 'luca.verdi@regione.calabria.it' });
      expect(asked.body).not.toHaveProperty('passwordHash');

      const events = (await db().query(
        `SELECT type, data FROM events WHERE room = 'admin' ORDER BY seq`,
      )) as {
        type: string;
        data: { id: string };
      }[];
      expect(events.at(-1)).toMatchObject({ type: 'access_request.created', data: { id: asked.body.id } });

      await request({
        email: 'luca.verdi@regione.calabria.it',
        displayName: 'Luca Verdi',
        organizationId: lecce,
        password: 'Password-scelta-42',
      }).expect(409);

      await t.http().get('/api/v1/access-requests').set('authorization', bearer(official)).expect(403);
      const pending = await t
        .http()
        .get('/api/v1/access-requests')
        .set('authorization', bearer(admin))
        .expect(200);
      expect(pending.body.items.map((r: { id: string }) => r.id)).toContain(asked.body.id);

      await t
        .http()
        .post(`/api/v1/access-requests/${asked.body.id}/approve`)
        .set('authorization', bearer(official))
        .send({})
        .expect(403);
      const approved = await t
        .http()
        .post(`/api/v1/access-requests/${asked.body.id}/approve`)
        .set('authorization', bearer(admin))
        .send({ note: 'Benvenuto' })
        .expect(200);
      expect(approved.body.status).toBe('approved');
      await t
        .http()
        .post(`/api/v1/access-requests/${asked.body.id}/reject`)
        .set('authorization', bearer(admin))
        .send({})
        .expect(409);

      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'luca.verdi@regione.calabria.it', password: 'Password-scelta-42' })
        .expect(200);
      expect(login.body.member.organization.id).toBe(lecce);
    });

    it('lets an admin reject; the applicant cannot log in', async () => {
      const asked = await request({
        email: 'rifiutato@example.it',
        displayName: 'Rifiutato',
        organizationId: lecce,
        password: 'Password-scelta-42',
      }).expect(201);
      await t
        .http()
        .post(`/api/v1/access-requests/${asked.body.id}/reject`)
        .set('authorization', bearer(admin))
        .send({ note: 'Ente non partecipante' })
        .expect(200);
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'rifiutato@example.it', password: 'Password-scelta-42' })
        .expect(401);
    });

    it('rejects hostile and malformed requests with 4xx and stores nothing', async () => {
      const before = await count('access_requests');
      const cases: [object, number][] = [
        [
          {
            email: official.email,
            displayName: 'X Y',
            organizationId: lecce,
            password: 'Password-scelta-42',
          },
          409,
        ],
        [{ email: 'a@b.it', displayName: 'X Y', organizationId: lecce, password: 'corta' }, 400],
        [
          {
            email: 'a@b.it',
            displayName: 'X Y',
            organizationId: lecce,
            password: 'Password-scelta-42',
            role: 'admin',
          },
          400,
        ],
        [
          {
            email: 'a@b.it',
            displayName: { $gt: '' },
            organizationId: lecce,
            password: 'Password-scelta-42',
          },
          400,
        ],
        [
          {
            email: 'a@b.it',
            displayName: 'X Y',
            organizationId: lecce,
            password: 'Password-scelta-42',
            motivation: 'm'.repeat(5000),
          },
          400,
        ],
        [
          {
            email: "a'; DROP TABLE members; --@b.it",
            displayName: 'X Y',
            organizationId: lecce,
            password: 'Password-scelta-42',
          },
          400,
        ],
        [
          {
            email: 'a@b.it',
            displayName: 'X Y',
            organizationId: '00000000-0000-4000-8000-000000000000',
            password: 'Password-scelta-42',
          },
          422,
        ],
      ];
      for (const [body, status] of cases) {
        const res = await request(body);
        expect({ body, status: res.status }).toEqual({ body, status });
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      expect(await count('access_requests')).toBe(before);
    });
  });

  describe('profile and directory', () => {
    it('updates my profile and records member.updated for my room', async () => {
      const res = await t
        .http()
        .patch('/api/v1/me')
        .set('authorization', bearer(official))
        .send({ jobTitle: 'Funzionario, Ufficio Europa', interests: ['turismo', 'cultura'], locale: 'en' })
        .expect(200);
      expect(res.body).toMatchObject({
        jobTitle: 'Funzionario, Ufficio Europa',
        interests: ['turismo', 'cultura'],
        locale: 'en',
      });
      const [event] = (await db().query(
        `SELECT type, data FROM events WHERE room = $1 ORDER BY seq DESC LIMIT 1`,
        [`member:${official.id}`],
      )) as { type: string; data: { jobTitle: string } }[];
      expect(event).toMatchObject({
        type: 'member.updated',
        data: { jobTitle: 'Funzionario, Ufficio Europa' },
      });
    });

    it('refuses bad profile input and leaves the profile unchanged', async () => {
      const before = (await t.http().get('/api/v1/me').set('authorization', bearer(official))).body;
      for (const body of [
        { role: 'admin' },
        { email: 'new@example.it' },
        { displayName: '' },
        { displayName: 42 },
        { interests: 'turismo' },
        { interests: Array.from({ length: 50 }, (_, i) => `t${i}`) },
        { bio: 'b'.repeat(3000) },
        { locale: 'fr' },
      ]) {
        const res = await t.http().patch('/api/v1/me').set('authorization', bearer(official)).send(body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
      }
      const after = (await t.http().get('/api/v1/me').set('authorization', bearer(official))).body;
      expect(after).toEqual(before);
    });

    it('lists the directory without e-mail addresses, searches ignoring accents, pages with a cursor', async () => {
      const found = await t
        .http()
        .get('/api/v1/members')
        .query({ q: 'niccolo forli' })
        .set('authorization', bearer(referent))
        .expect(200);
      expect(found.body.items.map((m: { id: string }) => m.id)).toEqual([official.id]);
      expect(found.body.items[0]).not.toHaveProperty('email');
      expect(found.body.items[0].organization).toMatchObject({ id: lecce });

      const seen = new Set<string>();
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await t
          .http()
          .get('/api/v1/members')
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set('authorization', bearer(referent))
          .expect(200);
        for (const m of page.body.items) {
          expect(seen.has(m.id)).toBe(false);
          seen.add(m.id);
        }
        cursor = page.body.nextCursor;
      } while (cursor);
      const active = Number(
        (
          (await db().query(`SELECT count(*)::int AS n FROM members WHERE status = 'active'`)) as {
            n: number;
          }[]
        )[0].n,
      );
      expect(seen.size).toBe(active);

      for (const query of [
        { limit: 0 },
        { limit: 'abc' },
        { cursor: 'bm90LWEtY3Vyc29y' },
        { role: 'king' },
        { q: 'q'.repeat(200) },
      ]) {
        const res = await t.http().get('/api/v1/members').query(query).set('authorization', bearer(referent));
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
      }
      await t.http().get('/api/v1/members/not-a-uuid').set('authorization', bearer(referent)).expect(400);
      await t
        .http()
        .get('/api/v1/members/00000000-0000-4000-8000-000000000000')
        .set('authorization', bearer(referent))
        .expect(404);
    });
  });
});
