import { randomBytes } from 'node:crypto';
import { newMember, newThread } from './factories';
import { newLiveSession } from './live-room';
import { ROLES, type MatrixWorld, type Role } from './authorization-matrix-world';

/**
 * The authorisation matrix of issue 16, as data: one row per operation of the OpenAPI document,
 * with the resource it acts on, the kind of action and who may do it. The e2e test sends every row
 * as every role and fails on any operation without a row.
 */
export type Action = 'read' | 'write' | 'moderate';

/** Everything a row's functions may look at when it is sent as one role. */
export interface Call {
  w: MatrixWorld;
  role: Role;
  /** The caller's member id (a fresh uuid for anonymous). */
  me: string;
  /** What the row's `setup` created for this role. */
  fresh: Record<string, string>;
}

export interface RestRow {
  /** `METHOD /path` exactly as the OpenAPI document names the operation. */
  op: string;
  resource: string;
  action: Action;
  /** Who gets through; everyone else is refused (anonymous with 401). */
  allow: readonly Role[];
  /**
   * Refused members who get 404 instead of 403: for them existence itself is private (another
   * lab's deliverable, a hidden post), so the answer must not tell "exists" from "does not".
   */
  hiddenFrom?: readonly Role[];
  /** Values of the path parameters, by name. */
  params?: (c: Call) => Record<string, string>;
  query?: (c: Call) => Record<string, string>;
  /** A VALID body, so that validation's 400 never hides the decision. */
  body?: (c: Call) => unknown;
  /** Sends a multipart upload instead of JSON. */
  upload?: true;
  /** Creates, for each role apart, what a destructive row acts on (it returns path values). */
  setup?: (c: Call) => Promise<Record<string, string>>;
  /** An allowed caller may still get 404 (the id is a token nobody holds, or a deliberately unknown one). */
  allowedMayMiss?: true;
  /**
   * What an allowed role meets once past the policy, when it is not a 2xx: a business rule of the
   * fixture (`409 own_slot`: a tutor booking their own slot), as `<status> <code>`.
   */
  passedWith?: Partial<Record<Role, string>>;
  why?: string;
}

const EVERYONE: readonly Role[] = ROLES;
const MEMBERS = ROLES.filter((r) => r !== 'anonymous');
const ADMIN: readonly Role[] = ['admin'];
const MODERATORS: readonly Role[] = ['moderator', 'admin'];
/** The fixture lab's people (and admins, who manage everything). */
const LAB: readonly Role[] = ['participant', 'tutor', 'admin'];
const LAB_TUTORS: readonly Role[] = ['tutor', 'admin'];
/** Administration A's referent, and admins. */
const REFERENTS: readonly Role[] = ['referent', 'admin'];
/** The members of the twinning's parties (administration A) and admins. */
/** Members with no role in the fixture lab. */
const OUTSIDE_LAB: readonly Role[] = ['outsider', 'official', 'referent', 'moderator'];
const TWINNING_PARTIES: readonly Role[] = ['official', 'referent', 'participant', 'admin'];

const id = (key: string) => (c: Call) => ({ id: c.w.ids[key] });
const fresh = (c: Call) => c.fresh;
const tag = () => randomBytes(3).toString('hex');
const reason = { reason: 'Verifica della matrice di autorizzazione' };

/** A fresh thread in the public space, by the bystander author. */
async function freshThread(c: Call): Promise<Record<string, string>> {
  const thread = await newThread(c.w.t, c.w.author, c.w.ids.publicSpace);
  return { id: thread.id, post: thread.firstPost.id };
}

/** A fresh reply in the fixture thread (its own post to hide, delete, flag…). */
async function freshPost(c: Call): Promise<Record<string, string>> {
  const post = await c.w.api(
    c.w.author,
    'post',
    `/api/v1/threads/${c.w.ids.thread}/posts`,
    { body: 'Risposta.' },
    201,
  );
  return { id: post.body.id! };
}

/** A fresh bystander member of administration A. */
async function freshMember(c: Call): Promise<Record<string, string>> {
  const member = await newMember(c.w.t, { organizationId: c.w.ids.orgA });
  return { memberId: member.id, id: member.id };
}

/** A fresh running lab with the fixture tutor and participant, and its session. */
async function freshSession(c: Call): Promise<Record<string, string>> {
  const s = await c.w.api(
    'tutor',
    'post',
    `/api/v1/labs/${c.w.ids.lab}/sessions`,
    {
      title: `Sessione ${tag()}`,
      mode: 'online',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 90_000_000).toISOString(),
      onlineUrl: 'https://meet.example.it/lab',
    },
    201,
  );
  return { id: s.body.id! };
}

/** Administration A's members (the fixture proposal's) and admins. */
const PRACTICE_PROPOSERS: readonly Role[] = ['official', 'referent', 'participant', 'admin'];
/** Members of no administration or of another: a proposal of A does not exist for them. */
const PRACTICE_OUTSIDERS: readonly Role[] = ['outsider', 'tutor', 'moderator'];

function newPracticeBody(c: Call): Record<string, unknown> {
  return {
    title: `Buona pratica ${tag()}`,
    summary: 'Una pratica di prova.',
    themes: ['servizi-cittadini'],
    offeringOrganizationId: c.w.ids.orgA,
  };
}

/** A fresh proposal of administration A, by its official. */
async function freshProposal(c: Call): Promise<Record<string, string>> {
  const practice = await c.w.api('official', 'post', '/api/v1/practices', newPracticeBody(c), 201);
  return { id: practice.body.id! };
}

/** A fresh published practice of administration B (another's, so A may ask to receive it). */
async function freshPublishedPracticeOfB(c: Call): Promise<Record<string, string>> {
  const practice = await c.w.api(
    'admin',
    'post',
    '/api/v1/practices',
    { ...newPracticeBody(c), offeringOrganizationId: c.w.ids.orgB },
    201,
  );
  await c.w.api('admin', 'post', `/api/v1/practices/${practice.body.id}/publish`, {}, 200);
  return { id: practice.body.id! };
}

/** A fresh twinning between A and B, in `candidatura`. */
async function freshTwinning(c: Call): Promise<Record<string, string>> {
  const twinning = await c.w.api(
    'admin',
    'post',
    '/api/v1/twinnings',
    {
      title: `Gemellaggio ${tag()}`,
      practiceTitle: 'Pratica',
      offeringOrganizationId: c.w.ids.orgA,
      receivingOrganizationIds: [c.w.ids.orgB],
    },
    201,
  );
  return { id: twinning.body.id! };
}

export const REST_ROWS: RestRow[] = [
  // — Platform
  { op: 'GET /api/v1/health', resource: 'health', action: 'read', allow: EVERYONE },
  {
    op: 'GET /api/v1/events',
    resource: 'event catch-up',
    action: 'read',
    allow: MEMBERS,
    query: (c) => ({ room: `space:${c.w.ids.publicSpace}` }),
    why: 'the room check itself is the socket table; here: the public space every member reads',
  },
  // — Organisations and programmes
  { op: 'GET /api/v1/organizations', resource: 'organization', action: 'read', allow: EVERYONE },
  { op: 'GET /api/v1/organizations/regions', resource: 'organization', action: 'read', allow: EVERYONE },
  {
    op: 'GET /api/v1/organizations/{id}',
    resource: 'organization',
    action: 'read',
    allow: EVERYONE,
    params: id('orgA'),
  },
  {
    op: 'POST /api/v1/organizations',
    resource: 'organization',
    action: 'write',
    allow: ADMIN,
    body: () => ({ name: `Agenzia ${tag()}`, kind: 'agenzia' }),
  },
  {
    op: 'PATCH /api/v1/organizations/{id}',
    resource: 'organization',
    action: 'write',
    allow: ADMIN,
    params: id('orgC'),
    body: () => ({ region: 'Puglia' }),
  },
  { op: 'GET /api/v1/programmes', resource: 'programme', action: 'read', allow: MEMBERS },
  {
    op: 'GET /api/v1/programmes/{id}',
    resource: 'programme',
    action: 'read',
    allow: MEMBERS,
    params: id('programme'),
  },
  {
    op: 'POST /api/v1/programmes',
    resource: 'programme',
    action: 'write',
    allow: ADMIN,
    body: () => ({ code: `prog-${tag()}`, name: 'Programma' }),
  },
  {
    op: 'PATCH /api/v1/programmes/{id}',
    resource: 'programme',
    action: 'write',
    allow: ADMIN,
    params: id('programme'),
    body: () => ({ name: `Programma ${tag()}` }),
  },
  {
    op: 'GET /api/v1/programmes/{id}/indicators',
    resource: 'programme indicators',
    action: 'read',
    allow: MEMBERS,
    params: id('programme'),
    why: 'every member reads the values; only admins get the breakdowns (indicators e2e)',
  },
  {
    op: 'GET /api/v1/programmes/{id}/indicators.csv',
    resource: 'programme indicators',
    action: 'read',
    allow: ADMIN,
    params: id('programme'),
    why: 'the export carries the breakdowns: programme staff only',
  },
  // — Members, invitations, access requests
  { op: 'GET /api/v1/me', resource: 'own profile', action: 'read', allow: MEMBERS },
  {
    op: 'PATCH /api/v1/me',
    resource: 'own profile',
    action: 'write',
    allow: MEMBERS,
    body: () => ({ bio: 'Aggiornato dalla matrice.' }),
  },
  { op: 'GET /api/v1/members', resource: 'member', action: 'read', allow: MEMBERS },
  {
    op: 'GET /api/v1/members/{id}',
    resource: 'member',
    action: 'read',
    allow: MEMBERS,
    params: (c) => ({ id: c.w.members.official.id }),
  },
  {
    op: 'POST /api/v1/invitations',
    resource: 'invitation',
    action: 'write',
    allow: REFERENTS,
    body: (c) => ({ email: `invito.${tag()}@example.it`, organizationId: c.w.ids.orgA, role: 'member' }),
    why: 'a referent invites officials of their own administration',
  },
  {
    op: 'GET /api/v1/invitations',
    resource: 'invitation',
    action: 'read',
    allow: MEMBERS,
    why: 'others get an empty list',
  },
  {
    op: 'DELETE /api/v1/invitations/{id}',
    resource: 'invitation',
    action: 'write',
    allow: REFERENTS,
    setup: async (c) => {
      const inv = await c.w.api(
        'admin',
        'post',
        '/api/v1/invitations',
        {
          email: `revoca.${tag()}@example.it`,
          organizationId: c.w.ids.orgA,
          role: 'member',
        },
        201,
      );
      return { id: inv.body.id! };
    },
    params: fresh,
  },
  {
    op: 'POST /api/v1/access-requests',
    resource: 'access request',
    action: 'write',
    allow: EVERYONE,
    body: (c) => ({
      email: `richiesta.${tag()}@example.it`,
      displayName: 'Richiedente',
      organizationId: c.w.ids.orgA,
      password: `Password-${tag()}-lunga-7`,
    }),
  },
  { op: 'GET /api/v1/access-requests', resource: 'access request', action: 'read', allow: ADMIN },
  ...(['approve', 'reject'] as const).map((verb): RestRow => ({
    op: `POST /api/v1/access-requests/{id}/${verb}`,
    resource: 'access request',
    action: 'write',
    allow: ADMIN,
    setup: async (c) => {
      const req = await c.w.api(
        'anonymous',
        'post',
        '/api/v1/access-requests',
        {
          email: `richiesta.${tag()}@example.it`,
          displayName: 'Richiedente',
          organizationId: c.w.ids.orgA,
          password: `Password-${tag()}-lunga-7`,
        },
        201,
      );
      return { id: req.body.id! };
    },
    params: fresh,
    body: () => ({}),
  })),
  // — Auth (public by nature: the credentials are the authorisation)
  {
    op: 'POST /api/v1/auth/login',
    resource: 'session token',
    action: 'write',
    allow: EVERYONE,
    setup: freshMemberCredentials,
    body: (c) => ({ email: c.fresh.email, password: c.fresh.password }),
  },
  {
    op: 'POST /api/v1/auth/refresh',
    resource: 'session token',
    action: 'write',
    allow: EVERYONE,
    setup: freshLogin,
    body: (c) => ({ refreshToken: c.fresh.refreshToken }),
  },
  {
    op: 'POST /api/v1/auth/logout',
    resource: 'session token',
    action: 'write',
    allow: EVERYONE,
    setup: freshLogin,
    body: (c) => ({ refreshToken: c.fresh.refreshToken }),
  },
  {
    op: 'POST /api/v1/auth/accept-invitation',
    resource: 'invitation',
    action: 'write',
    allow: EVERYONE,
    body: () => ({
      token: randomBytes(24).toString('base64url'),
      password: `Password-${tag()}-lunga-7`,
      displayName: 'Nuovo',
    }),
    passedWith: Object.fromEntries(ROLES.map((r) => [r, '410 invitation_invalid'])),
    why: 'the token is the authorisation: an unknown one is 410, never 401/403',
  },
  // — Notifications
  { op: 'GET /api/v1/notifications', resource: 'notification', action: 'read', allow: MEMBERS },
  {
    op: 'POST /api/v1/notifications/read',
    resource: 'notification',
    action: 'write',
    allow: MEMBERS,
    body: () => ({ all: true }),
  },
  {
    op: 'GET /api/v1/me/notification-preferences',
    resource: 'notification preferences',
    action: 'read',
    allow: MEMBERS,
  },
  {
    op: 'PATCH /api/v1/me/notification-preferences',
    resource: 'notification preferences',
    action: 'write',
    allow: MEMBERS,
    body: () => ({ email: 'daily' }),
  },
  { op: 'GET /api/v1/me/muted-threads', resource: 'thread subscription', action: 'read', allow: MEMBERS },
  // — Spaces
  {
    op: 'POST /api/v1/spaces',
    resource: 'space',
    action: 'write',
    allow: MODERATORS,
    body: () => ({ name: `Spazio ${tag()}`, visibility: 'public' }),
  },
  { op: 'GET /api/v1/spaces', resource: 'space', action: 'read', allow: MEMBERS },
  {
    op: 'GET /api/v1/spaces/{id}',
    resource: 'space',
    action: 'read',
    allow: ['referent', 'moderator', 'admin'],
    params: id('privateSpace'),
    why: 'the private space, whose only invited member is the referent',
  },
  {
    op: 'PATCH /api/v1/spaces/{id}',
    resource: 'space',
    action: 'moderate',
    allow: MODERATORS,
    params: id('publicSpace'),
    body: () => ({ description: `Descrizione ${tag()}` }),
  },
  {
    op: 'GET /api/v1/spaces/{id}/members',
    resource: 'space roster',
    action: 'read',
    allow: ['referent', 'moderator', 'admin'],
    params: id('privateSpace'),
  },
  {
    op: 'POST /api/v1/spaces/{id}/members',
    resource: 'space roster',
    action: 'moderate',
    allow: MODERATORS,
    params: id('privateSpace'),
    setup: freshMember,
    body: (c) => ({ memberId: c.fresh.memberId }),
  },
  {
    op: 'DELETE /api/v1/spaces/{id}/members/{memberId}',
    resource: 'space roster',
    action: 'moderate',
    allow: MODERATORS,
    setup: async (c) => {
      const { memberId } = await freshMember(c);
      await c.w.api('admin', 'post', `/api/v1/spaces/${c.w.ids.privateSpace}/members`, { memberId }, 201);
      return { id: c.w.ids.privateSpace, memberId };
    },
    params: fresh,
  },
  {
    op: 'POST /api/v1/spaces/{id}/subscription',
    resource: 'space subscription',
    action: 'write',
    allow: MEMBERS,
    params: id('publicSpace'),
  },
  {
    op: 'DELETE /api/v1/spaces/{id}/subscription',
    resource: 'space subscription',
    action: 'write',
    allow: MEMBERS,
    params: id('publicSpace'),
  },
  {
    op: 'POST /api/v1/spaces/{id}/threads',
    resource: 'thread',
    action: 'write',
    allow: ['referent', 'moderator', 'admin'],
    params: id('privateSpace'),
    body: () => ({ title: `Discussione ${tag()}`, body: 'Testo della discussione.' }),
  },
  {
    op: 'GET /api/v1/spaces/{id}/threads',
    resource: 'thread',
    action: 'read',
    allow: ['referent', 'moderator', 'admin'],
    params: id('privateSpace'),
  },
  // — Threads and posts (public space: every member reads and writes; moderation for moderators)
  {
    op: 'GET /api/v1/threads/{id}',
    resource: 'thread',
    action: 'read',
    allow: MEMBERS,
    params: id('thread'),
  },
  {
    op: 'PATCH /api/v1/threads/{id}',
    resource: 'thread',
    action: 'write',
    allow: MODERATORS,
    params: id('thread'),
    body: () => ({ tags: ['matrice'] }),
    why: 'the author (no role of the matrix) and the space moderators',
  },
  {
    op: 'GET /api/v1/threads/{id}/posts',
    resource: 'post',
    action: 'read',
    allow: MEMBERS,
    params: id('thread'),
  },
  {
    op: 'POST /api/v1/threads/{id}/posts',
    resource: 'post',
    action: 'write',
    allow: MEMBERS,
    params: id('thread'),
    body: () => ({ body: 'Risposta dalla matrice.' }),
  },
  {
    op: 'POST /api/v1/threads/{id}/read',
    resource: 'read marker',
    action: 'write',
    allow: MEMBERS,
    params: id('thread'),
    body: (c) => ({ postId: c.w.ids.post }),
  },
  {
    op: 'POST /api/v1/threads/{id}/subscription',
    resource: 'thread subscription',
    action: 'write',
    allow: MEMBERS,
    params: id('thread'),
    body: () => ({}),
  },
  {
    op: 'DELETE /api/v1/threads/{id}/subscription',
    resource: 'thread subscription',
    action: 'write',
    allow: MEMBERS,
    params: id('thread'),
  },
  ...(['POST', 'DELETE'] as const).flatMap((method) =>
    (['pin', 'lock'] as const).map((what): RestRow => ({
      op: `${method} /api/v1/threads/{id}/${what}`,
      resource: 'thread',
      action: 'moderate',
      allow: MODERATORS,
      setup: freshThread,
      params: fresh,
    })),
  ),
  {
    op: 'GET /api/v1/threads/{id}/merge',
    resource: 'thread',
    action: 'read',
    allow: MEMBERS,
    params: id('thread'),
    allowedMayMiss: true,
    why: 'where a merged thread went; the fixture thread was never merged (404 thread_not_merged)',
  },
  { op: 'GET /api/v1/posts/{id}', resource: 'post', action: 'read', allow: MEMBERS, params: id('post') },
  {
    op: 'PATCH /api/v1/posts/{id}',
    resource: 'post',
    action: 'write',
    allow: ADMIN,
    params: id('reply'),
    body: () => ({ body: 'Testo modificato.' }),
    why: 'only its author (no role of the matrix) edits a post; admins manage everything',
  },
  {
    op: 'DELETE /api/v1/posts/{id}',
    resource: 'post',
    action: 'write',
    allow: ADMIN,
    setup: freshPost,
    params: fresh,
    why: 'only its author deletes a post (moderators hide it); admins manage everything',
  },
  {
    op: 'GET /api/v1/posts/{id}/revisions',
    resource: 'post',
    action: 'read',
    allow: MODERATORS,
    params: id('post'),
    why: 'its author and moderators',
  },
  {
    op: 'POST /api/v1/posts/{id}/reactions',
    resource: 'reaction',
    action: 'write',
    allow: MEMBERS,
    params: id('post'),
    body: () => ({ emoji: '👍' }),
  },
  {
    op: 'POST /api/v1/posts/{id}/flags',
    resource: 'flag',
    action: 'write',
    allow: MEMBERS,
    setup: freshPost,
    params: fresh,
    body: () => ({ reason: 'Segnalazione di prova' }),
  },
  {
    op: 'POST /api/v1/posts/{id}/hide',
    resource: 'post',
    action: 'moderate',
    allow: MODERATORS,
    setup: freshPost,
    params: fresh,
    body: () => reason,
  },
  {
    op: 'POST /api/v1/posts/{id}/restore',
    resource: 'post',
    action: 'moderate',
    allow: MODERATORS,
    hiddenFrom: ['official', 'referent', 'participant', 'tutor', 'outsider'],
    why: 'a hidden post does not exist for those who may not moderate it',
    setup: async (c) => {
      const post = await freshPost(c);
      await c.w.api('admin', 'post', `/api/v1/posts/${post.id}/hide`, reason, 200);
      return post;
    },
    params: fresh,
  },
  {
    op: 'GET /api/v1/search',
    resource: 'search',
    action: 'read',
    allow: MEMBERS,
    query: () => ({ q: 'discussione' }),
  },
  // — Moderation
  { op: 'GET /api/v1/moderation/scope', resource: 'moderation scope', action: 'read', allow: MEMBERS },
  { op: 'GET /api/v1/moderation/flags', resource: 'flag', action: 'moderate', allow: MODERATORS },
  {
    op: 'POST /api/v1/moderation/actions',
    resource: 'post',
    action: 'moderate',
    allow: MODERATORS,
    setup: freshPost,
    body: (c) => ({ ...reason, action: 'hide', postIds: [c.fresh.id] }),
  },
  {
    op: 'POST /api/v1/moderation/threads/{id}/move',
    resource: 'thread',
    action: 'moderate',
    allow: MODERATORS,
    setup: freshThread,
    params: fresh,
    body: (c) => ({ ...reason, spaceId: c.w.ids.privateSpace }),
  },
  {
    op: 'POST /api/v1/moderation/threads/{id}/merge',
    resource: 'thread',
    action: 'moderate',
    allow: MODERATORS,
    setup: freshThread,
    params: fresh,
    body: (c) => ({ ...reason, targetThreadId: c.w.ids.otherThread }),
  },
  {
    op: 'POST /api/v1/moderation/members/{id}/warnings',
    resource: 'member sanction',
    action: 'moderate',
    allow: MODERATORS,
    setup: freshMember,
    params: fresh,
    body: () => reason,
  },
  {
    op: 'POST /api/v1/moderation/members/{id}/suspensions',
    resource: 'member sanction',
    action: 'moderate',
    allow: MODERATORS,
    setup: freshMember,
    params: fresh,
    body: () => reason,
  },
  {
    op: 'DELETE /api/v1/moderation/members/{id}/suspensions',
    resource: 'member sanction',
    action: 'moderate',
    allow: MODERATORS,
    setup: async (c) => {
      const member = await freshMember(c);
      await c.w.api('admin', 'post', `/api/v1/moderation/members/${member.id}/suspensions`, reason, 201);
      return member;
    },
    params: fresh,
  },
  { op: 'GET /api/v1/moderation/log', resource: 'moderation log', action: 'moderate', allow: MODERATORS },
  // — Labs
  {
    op: 'POST /api/v1/labs',
    resource: 'lab',
    action: 'write',
    allow: ADMIN,
    body: () => ({ title: `Laboratorio ${tag()}`, ambito: 'A' }),
  },
  { op: 'GET /api/v1/labs', resource: 'lab', action: 'read', allow: MEMBERS },
  { op: 'GET /api/v1/labs/{id}', resource: 'lab', action: 'read', allow: MEMBERS, params: id('lab') },
  {
    op: 'PATCH /api/v1/labs/{id}',
    resource: 'lab',
    action: 'write',
    allow: LAB_TUTORS,
    params: id('lab'),
    body: () => ({ description: `Descrizione ${tag()}` }),
  },
  {
    op: 'POST /api/v1/labs/{id}/status',
    resource: 'lab',
    action: 'write',
    allow: ADMIN,
    setup: async (c) => {
      const lab = await c.w.api('admin', 'post', '/api/v1/labs', { title: `Lab ${tag()}`, ambito: 'B' }, 201);
      await c.w.api(
        'admin',
        'put',
        `/api/v1/labs/${lab.body.id}/participants/${c.w.members.tutor.id}`,
        { role: 'tutor' },
        200,
      );
      return { id: lab.body.id! };
    },
    params: fresh,
    body: () => ({ status: 'open' }),
  },
  {
    op: 'GET /api/v1/labs/{id}/participants',
    resource: 'lab roster',
    action: 'read',
    allow: LAB,
    params: id('lab'),
  },
  {
    op: 'PUT /api/v1/labs/{id}/participants/{memberId}',
    resource: 'lab roster',
    action: 'write',
    allow: LAB_TUTORS,
    setup: freshMember,
    params: (c) => ({ id: c.w.ids.lab, memberId: c.fresh.memberId }),
    body: () => ({ role: 'participant' }),
  },
  {
    op: 'DELETE /api/v1/labs/{id}/participants/{memberId}',
    resource: 'lab roster',
    action: 'write',
    allow: LAB_TUTORS,
    setup: async (c) => {
      const { memberId } = await freshMember(c);
      await c.w.api(
        'admin',
        'put',
        `/api/v1/labs/${c.w.ids.lab}/participants/${memberId}`,
        { role: 'participant' },
        200,
      );
      return { memberId };
    },
    params: (c) => ({ id: c.w.ids.lab, memberId: c.fresh.memberId }),
  },
  {
    op: 'POST /api/v1/labs/{id}/groups',
    resource: 'lab group',
    action: 'write',
    allow: LAB_TUTORS,
    params: id('lab'),
    body: () => ({ name: `Gruppo ${tag()}` }),
  },
  {
    op: 'GET /api/v1/labs/{id}/groups',
    resource: 'lab group',
    action: 'read',
    allow: LAB,
    params: id('lab'),
  },
  ...(['put', 'delete'] as const).map((method): RestRow => ({
    op: `${method.toUpperCase()} /api/v1/labs/{id}/groups/{groupId}/members/{memberId}`,
    resource: 'lab group',
    action: 'write',
    allow: LAB_TUTORS,
    setup: async (c) => {
      const { memberId } = await freshMember(c);
      await c.w.api(
        'admin',
        'put',
        `/api/v1/labs/${c.w.ids.lab}/participants/${memberId}`,
        { role: 'participant' },
        200,
      );
      if (method === 'delete') {
        await c.w.api(
          'admin',
          'put',
          `/api/v1/labs/${c.w.ids.lab}/groups/${c.w.ids.group}/members/${memberId}`,
        );
      }
      return { memberId };
    },
    params: (c) => ({ id: c.w.ids.lab, groupId: c.w.ids.group, memberId: c.fresh.memberId }),
  })),
  {
    op: 'POST /api/v1/labs/{id}/modules',
    resource: 'lab module',
    action: 'write',
    allow: LAB_TUTORS,
    params: id('lab'),
    body: () => ({ title: `Modulo ${tag()}` }),
  },
  {
    op: 'GET /api/v1/labs/{id}/modules',
    resource: 'lab module',
    action: 'read',
    allow: MEMBERS,
    params: id('lab'),
  },
  {
    op: 'PATCH /api/v1/lab-modules/{id}',
    resource: 'lab module',
    action: 'write',
    allow: LAB_TUTORS,
    params: id('module'),
    body: () => ({ title: `Modulo ${tag()}` }),
  },
  {
    op: 'DELETE /api/v1/lab-modules/{id}',
    resource: 'lab module',
    action: 'write',
    allow: LAB_TUTORS,
    setup: async (c) => {
      const m = await c.w.api(
        'admin',
        'post',
        `/api/v1/labs/${c.w.ids.lab}/modules`,
        { title: `Modulo ${tag()}` },
        201,
      );
      return { id: m.body.id! };
    },
    params: fresh,
  },
  // — Deliverables
  {
    op: 'POST /api/v1/labs/{id}/deliverables',
    resource: 'deliverable',
    action: 'write',
    allow: LAB_TUTORS,
    params: id('lab'),
    body: (c) => ({ groupId: c.w.ids.group, kind: 'project_proposal', title: `Proposta ${tag()}` }),
  },
  {
    op: 'GET /api/v1/labs/{id}/deliverables',
    resource: 'deliverable',
    action: 'read',
    allow: LAB,
    params: id('lab'),
  },
  {
    op: 'GET /api/v1/deliverables/{id}',
    resource: 'deliverable',
    action: 'read',
    allow: LAB,
    hiddenFrom: OUTSIDE_LAB,
    params: id('deliverable'),
  },
  {
    op: 'POST /api/v1/deliverables/{id}/submit',
    resource: 'deliverable',
    action: 'write',
    allow: ['participant', 'admin'],
    hiddenFrom: OUTSIDE_LAB,
    setup: freshDeliverable,
    params: fresh,
    why: 'a member of the group (the participant) submits; the lab’s tutor reviews, not submits',
  },
  {
    op: 'POST /api/v1/deliverables/{id}/review',
    resource: 'deliverable',
    action: 'moderate',
    allow: LAB_TUTORS,
    hiddenFrom: OUTSIDE_LAB,
    setup: async (c) => {
      const d = await freshDeliverable(c);
      await c.w.api('participant', 'post', `/api/v1/deliverables/${d.id}/submit`, undefined, 200);
      return d;
    },
    params: fresh,
    body: () => ({ decision: 'changes_requested', comment: 'Da rivedere.' }),
  },
  // — Enrolment
  {
    op: 'POST /api/v1/labs/{id}/applications',
    resource: 'lab application',
    action: 'write',
    allow: REFERENTS,
    setup: freshOpenLab,
    params: fresh,
    body: (c) => ({ organizationId: c.w.ids.orgA, memberIds: [c.w.members.official.id] }),
  },
  {
    op: 'GET /api/v1/labs/{id}/applications',
    resource: 'lab application',
    action: 'read',
    allow: MEMBERS.filter((r) => r !== 'moderator'),
    params: id('lab'),
    why: 'filtered: tutors see all, an administration’s people its own; a member of no administration nothing',
  },
  { op: 'GET /api/v1/me/applications', resource: 'lab application', action: 'read', allow: MEMBERS },
  {
    op: 'POST /api/v1/lab-applications/{id}/decision',
    resource: 'lab application',
    action: 'moderate',
    allow: LAB_TUTORS,
    hiddenFrom: ['moderator', 'outsider'],
    why: 'the applying administration’s people read it (403), the others do not know it (404)',
    setup: async (c) => {
      const lab = await freshOpenLab(c);
      const app = await c.w.api(
        'referent',
        'post',
        `/api/v1/labs/${lab.id}/applications`,
        {
          organizationId: c.w.ids.orgA,
          memberIds: [c.w.members.official.id],
        },
        201,
      );
      return { id: app.body.id! };
    },
    params: fresh,
    body: () => ({ decision: 'accepted' }),
  },
  // — Sessions
  {
    op: 'POST /api/v1/labs/{id}/sessions',
    resource: 'session',
    action: 'write',
    allow: LAB_TUTORS,
    params: id('lab'),
    body: () => ({
      title: `Sessione ${tag()}`,
      mode: 'online',
      startsAt: new Date(Date.now() + 172_800_000).toISOString(),
      endsAt: new Date(Date.now() + 176_400_000).toISOString(),
      onlineUrl: 'https://meet.example.it/lab',
    }),
  },
  {
    op: 'GET /api/v1/labs/{id}/sessions',
    resource: 'session',
    action: 'read',
    allow: LAB,
    params: id('lab'),
  },
  { op: 'GET /api/v1/me/sessions', resource: 'session', action: 'read', allow: MEMBERS },
  {
    op: 'GET /api/v1/me/desk',
    resource: 'desk',
    action: 'read',
    allow: MEMBERS,
    why: 'every member has a desk; its blocks follow the role (desk e2e)',
  },
  { op: 'GET /api/v1/sessions/{id}', resource: 'session', action: 'read', allow: LAB, params: id('session') },
  {
    op: 'PATCH /api/v1/sessions/{id}',
    resource: 'session',
    action: 'write',
    allow: LAB_TUTORS,
    params: id('session'),
    body: () => ({ title: `Sessione live ${tag()}` }),
  },
  {
    op: 'POST /api/v1/sessions/{id}/cancel',
    resource: 'session',
    action: 'write',
    allow: LAB_TUTORS,
    setup: freshSession,
    params: fresh,
    body: () => ({}),
  },
  // — Attendance
  {
    op: 'POST /api/v1/sessions/{id}/check-in-code',
    resource: 'attendance',
    action: 'moderate',
    allow: LAB_TUTORS,
    params: id('session'),
  },
  {
    op: 'POST /api/v1/sessions/{id}/check-in',
    resource: 'attendance',
    action: 'write',
    allow: ['participant', 'admin'],
    setup: liveSessionWithCode,
    params: fresh,
    body: (c) => ({ code: c.fresh.code }),
    why: 'the lab’s participants (admins manage everything)',
  },
  {
    op: 'POST /api/v1/sessions/{id}/check-out',
    resource: 'attendance',
    action: 'write',
    allow: ['participant', 'admin'],
    setup: async (c) => {
      const { id: sessionId, code } = await liveSessionWithCode(c);
      // Those who may check out are checked in first: otherwise 409 would be the honest answer.
      if (c.role === 'participant' || c.role === 'admin') {
        const checkIn = await c.w.api(c.role, 'post', `/api/v1/sessions/${sessionId}/check-in`, { code });
        if (checkIn.status >= 300)
          throw new Error(`check-in: ${checkIn.status} ${JSON.stringify(checkIn.body)}`);
      }
      return { id: sessionId };
    },
    params: fresh,
    why: 'whoever may check in (the others 403, not 409 "not checked in")',
  },
  {
    op: 'GET /api/v1/sessions/{id}/attendance',
    resource: 'attendance',
    action: 'read',
    allow: LAB_TUTORS,
    params: id('session'),
    why: 'the register holds personal data: participants read their own rows through /me/attendance',
  },
  {
    op: 'GET /api/v1/sessions/{id}/attendance/log',
    resource: 'attendance',
    action: 'moderate',
    allow: LAB_TUTORS,
    params: id('session'),
  },
  {
    op: 'PUT /api/v1/sessions/{id}/attendance/{memberId}',
    resource: 'attendance',
    action: 'moderate',
    allow: LAB_TUTORS,
    params: (c) => ({ id: c.w.ids.session, memberId: c.w.members.participant.id }),
    body: () => ({ status: 'present' }),
  },
  {
    op: 'POST /api/v1/sessions/{id}/attendance/confirm',
    resource: 'attendance',
    action: 'moderate',
    allow: LAB_TUTORS,
    setup: async (c) => ({ id: (await newLiveSession(c.w.t.baseUrl, c.w.members.tutor, c.w.ids.lab)).id }),
    params: fresh,
  },
  {
    op: 'GET /api/v1/labs/{id}/attendance.csv',
    resource: 'attendance',
    action: 'moderate',
    allow: LAB_TUTORS,
    params: id('lab'),
  },
  {
    op: 'GET /api/v1/labs/{id}/attendance.xlsx',
    resource: 'attendance',
    action: 'moderate',
    allow: LAB_TUTORS,
    params: id('lab'),
  },
  { op: 'GET /api/v1/me/attendance', resource: 'attendance', action: 'read', allow: MEMBERS },
  // — Live room
  {
    op: 'POST /api/v1/sessions/{id}/agenda-step',
    resource: 'live room',
    action: 'moderate',
    allow: LAB_TUTORS,
    params: id('session'),
    body: () => ({ step: 1 }),
  },
  {
    op: 'POST /api/v1/sessions/{id}/timer',
    resource: 'live room',
    action: 'moderate',
    allow: LAB_TUTORS,
    params: id('session'),
    body: () => ({ seconds: 300 }),
  },
  {
    op: 'POST /api/v1/sessions/{id}/polls',
    resource: 'poll',
    action: 'moderate',
    allow: LAB_TUTORS,
    params: id('session'),
    body: () => ({ question: `Domanda ${tag()}?`, options: ['Sì', 'No'] }),
  },
  {
    op: 'GET /api/v1/sessions/{id}/polls',
    resource: 'poll',
    action: 'read',
    allow: LAB,
    params: id('session'),
  },
  {
    op: 'POST /api/v1/polls/{id}/votes',
    resource: 'poll vote',
    action: 'write',
    allow: ['participant'],
    params: id('poll'),
    body: () => ({ option: 0 }),
    why: 'only participants vote, not even admins (the poll measures the participants)',
  },
  {
    op: 'POST /api/v1/polls/{id}/close',
    resource: 'poll',
    action: 'moderate',
    allow: LAB_TUTORS,
    setup: async (c) => {
      const poll = await c.w.api(
        'tutor',
        'post',
        `/api/v1/sessions/${c.w.ids.session}/polls`,
        {
          question: `Chiudere ${tag()}?`,
          options: ['Sì', 'No'],
        },
        201,
      );
      return { id: poll.body.id! };
    },
    params: fresh,
  },
  {
    op: 'POST /api/v1/sessions/{id}/messages',
    resource: 'session chat',
    action: 'write',
    allow: LAB,
    params: id('session'),
    body: () => ({ body: 'Buongiorno a tutti.' }),
  },
  {
    op: 'GET /api/v1/sessions/{id}/messages',
    resource: 'session chat',
    action: 'read',
    allow: LAB,
    params: id('session'),
  },
  // — Calendar
  {
    op: 'GET /api/v1/labs/{id}/sessions.ics',
    resource: 'session',
    action: 'read',
    allow: LAB,
    params: id('lab'),
  },
  { op: 'GET /api/v1/me/calendar.ics', resource: 'calendar', action: 'read', allow: MEMBERS },
  { op: 'POST /api/v1/me/calendar-feed', resource: 'calendar feed', action: 'write', allow: MEMBERS },
  { op: 'DELETE /api/v1/me/calendar-feed', resource: 'calendar feed', action: 'write', allow: MEMBERS },
  {
    op: 'GET /api/v1/calendar/{feedToken}.ics',
    resource: 'calendar feed',
    action: 'read',
    allow: EVERYONE,
    params: () => ({ feedToken: randomBytes(24).toString('base64url') }),
    allowedMayMiss: true,
    why: 'the feed token is the authorisation (a calendar app sends no bearer): an unknown one is 404',
  },
  // — Twinnings
  {
    op: 'POST /api/v1/twinnings',
    resource: 'twinning',
    action: 'write',
    allow: ADMIN,
    body: (c) => ({
      title: `Gemellaggio ${tag()}`,
      practiceTitle: 'Pratica',
      offeringOrganizationId: c.w.ids.orgA,
      receivingOrganizationIds: [c.w.ids.orgB],
    }),
  },
  { op: 'GET /api/v1/twinnings', resource: 'twinning', action: 'read', allow: MEMBERS },
  {
    op: 'GET /api/v1/twinnings/{id}',
    resource: 'twinning',
    action: 'read',
    allow: MEMBERS,
    params: id('twinning'),
  },
  {
    op: 'POST /api/v1/twinnings/{id}/status',
    resource: 'twinning status',
    action: 'moderate',
    allow: ADMIN,
    setup: freshTwinning,
    params: fresh,
    body: () => ({ status: 'selezionato', note: 'Candidatura accolta.' }),
  },
  {
    op: 'PATCH /api/v1/twinnings/{id}',
    resource: 'twinning plan',
    action: 'write',
    allow: REFERENTS,
    params: id('twinning'),
    body: () => ({ plannedStart: '2026-03-01', budget: '1000.00', outcomes: 'Esiti di prova.' }),
    why: 'the referents of the parties (A is one) and admins; a party’s plain official may not',
  },
  {
    op: 'POST /api/v1/twinnings/{id}/activities',
    resource: 'twinning activity',
    action: 'write',
    allow: TWINNING_PARTIES,
    params: id('twinning'),
    body: () => ({ title: `Attività ${tag()}` }),
  },
  {
    op: 'PATCH /api/v1/twinning-activities/{id}',
    resource: 'twinning activity',
    action: 'write',
    allow: TWINNING_PARTIES,
    setup: async (c) => {
      const activity = await c.w.api(
        'admin',
        'post',
        `/api/v1/twinnings/${c.w.ids.twinning}/activities`,
        { title: `Attività ${tag()}` },
        201,
      );
      return { id: activity.body.id! };
    },
    params: fresh,
    body: () => ({ done: true }),
  },
  {
    op: 'POST /api/v1/practices/{id}/twinning-requests',
    resource: 'twinning request',
    action: 'write',
    allow: REFERENTS,
    setup: freshPublishedPracticeOfB,
    params: fresh,
    body: (c) => ({ organizationId: c.w.ids.orgA, needs: 'Digitalizzare lo sportello.' }),
    why: 'for administration A: its referent, or an admin on its behalf',
  },
  {
    op: 'GET /api/v1/practices/{id}/adopters',
    resource: 'practice',
    action: 'read',
    allow: PRACTICE_PROPOSERS,
    hiddenFrom: PRACTICE_OUTSIDERS,
    params: id('practice'),
    why: 'as the practice itself: a proposal is private to its administration and the editors',
  },
  {
    op: 'GET /api/v1/practices/{id}/twinnings',
    resource: 'practice',
    action: 'read',
    allow: PRACTICE_PROPOSERS,
    hiddenFrom: PRACTICE_OUTSIDERS,
    params: id('practice'),
    why: 'as the practice itself: a proposal is private to its administration and the editors',
  },
  // — Needs and matching (issue 12): administration A's needs, its referent declares them
  {
    op: 'GET /api/v1/organizations/{id}/needs',
    resource: 'organization needs',
    action: 'read',
    allow: MEMBERS,
    params: (c) => ({ id: c.w.ids.orgA }),
  },
  {
    op: 'PUT /api/v1/organizations/{id}/needs',
    resource: 'organization needs',
    action: 'write',
    allow: REFERENTS,
    params: (c) => ({ id: c.w.ids.orgA }),
    body: () => ({ themes: ['servizi-cittadini'], description: 'Certificati online.' }),
    why: 'administration A’s referent, or an admin',
  },
  {
    op: 'GET /api/v1/organizations/{id}/suggested-practices',
    resource: 'organization needs',
    action: 'read',
    allow: MEMBERS,
    params: (c) => ({ id: c.w.ids.orgA }),
  },
  {
    op: 'GET /api/v1/practices/{id}/suggested-organizations',
    resource: 'practice matching',
    action: 'read',
    allow: ADMIN,
    params: id('practice'),
    why: 'demand-led matching is the agency’s work; the policy is checked before the practice is looked up',
  },
  // — Practices (issue 12): the fixture proposal of administration A (its official proposed it)
  { op: 'GET /api/v1/practice-themes', resource: 'practice theme', action: 'read', allow: EVERYONE },
  {
    op: 'POST /api/v1/practice-themes',
    resource: 'practice theme',
    action: 'write',
    allow: ADMIN,
    body: () => ({ code: `tema-${tag()}`, label: 'Tema di prova' }),
  },
  {
    op: 'PATCH /api/v1/practice-themes/{code}',
    resource: 'practice theme',
    action: 'write',
    allow: ADMIN,
    params: () => ({ code: 'servizi-cittadini' }),
    body: () => ({ label: 'Servizi ai cittadini' }),
  },
  {
    op: 'POST /api/v1/practices',
    resource: 'practice',
    action: 'write',
    allow: PRACTICE_PROPOSERS,
    body: (c) => newPracticeBody(c),
    why: 'members of the offering administration (A) and admins; nobody proposes in another’s name',
  },
  { op: 'GET /api/v1/practices', resource: 'practice', action: 'read', allow: MEMBERS },
  {
    op: 'GET /api/v1/practices/{id}',
    resource: 'practice',
    action: 'read',
    allow: PRACTICE_PROPOSERS,
    hiddenFrom: PRACTICE_OUTSIDERS,
    params: id('practice'),
    why: 'a proposal is private to its administration and the editors; published ones are read by all',
  },
  {
    op: 'PATCH /api/v1/practices/{id}',
    resource: 'practice',
    action: 'write',
    allow: PRACTICE_PROPOSERS,
    hiddenFrom: PRACTICE_OUTSIDERS,
    params: id('practice'),
    body: () => ({ summary: 'Sintesi aggiornata.' }),
  },
  ...(['publish', 'request-changes', 'archive'] as const).map((verb): RestRow => ({
    op: `POST /api/v1/practices/{id}/${verb}`,
    resource: 'practice review',
    action: 'moderate',
    allow: ADMIN,
    hiddenFrom: PRACTICE_OUTSIDERS,
    setup: freshProposal,
    params: fresh,
    body: () => (verb === 'request-changes' ? { note: 'Completare le condizioni di riuso.' } : {}),
  })),
  {
    op: 'POST /api/v1/practices/{id}/resubmit',
    resource: 'practice',
    action: 'write',
    allow: PRACTICE_PROPOSERS,
    hiddenFrom: PRACTICE_OUTSIDERS,
    setup: async (c) => {
      const fresh = await freshProposal(c);
      await c.w.api(
        'admin',
        'post',
        `/api/v1/practices/${fresh.id}/request-changes`,
        { note: 'Rivedere.' },
        200,
      );
      return fresh;
    },
    params: fresh,
  },
  ...['practices.json', 'practices.csv', 'practices.schema.json', 'catalog.jsonld'].map((file): RestRow => ({
    op: `GET /api/v1/open-data/${file}`,
    resource: 'open data',
    action: 'read',
    allow: EVERYONE,
    why: 'open data: public, no token, published practices only',
  })),
  // — Tutoring (issue 11): an open slot of the fixture tutor (no lab), booked by the official
  {
    op: 'POST /api/v1/tutoring/slots',
    resource: 'tutoring slot',
    action: 'write',
    allow: ['tutor', 'admin'],
    body: (c) => c.w.slotTimes(),
    why: 'members with the global tutor role publish open slots; a lab’s tutors that lab’s',
  },
  { op: 'GET /api/v1/tutoring/slots', resource: 'tutoring slot', action: 'read', allow: MEMBERS },
  {
    op: 'GET /api/v1/tutoring/slots/{id}',
    resource: 'tutoring slot',
    action: 'read',
    allow: MEMBERS,
    params: id('slot'),
  },
  {
    op: 'PATCH /api/v1/tutoring/slots/{id}',
    resource: 'tutoring slot',
    action: 'write',
    allow: ['tutor', 'admin'],
    params: id('slot'),
    body: () => ({ note: `Portare il quadro logico ${tag()}` }),
    why: 'the slot’s tutor',
  },
  {
    op: 'POST /api/v1/tutoring/slots/{id}/cancel',
    resource: 'tutoring slot',
    action: 'write',
    allow: ['tutor', 'admin'],
    setup: async (c) => ({ id: await c.w.newSlot() }),
    params: fresh,
    body: () => ({ reason: 'Impegno imprevisto' }),
  },
  {
    op: 'POST /api/v1/tutoring/slots/{id}/bookings',
    resource: 'tutoring booking',
    action: 'write',
    allow: MEMBERS,
    setup: async (c) => ({ id: await c.w.newSlot() }),
    params: fresh,
    body: () => ({ topic: 'Quadro logico' }),
    why: 'an open slot: every member books (its own tutor passes the policy and meets 409 own_slot)',
    passedWith: { tutor: '409 own_slot' },
  },
  {
    op: 'GET /api/v1/tutoring/slots/{id}/bookings',
    resource: 'tutoring booking',
    action: 'read',
    allow: ['tutor', 'admin'],
    params: id('slot'),
    why: 'who booked: the slot’s tutor',
  },
  {
    op: 'DELETE /api/v1/tutoring/bookings/{id}',
    resource: 'tutoring booking',
    action: 'write',
    allow: ['official', 'tutor', 'admin'],
    hiddenFrom: ['outsider', 'referent', 'participant', 'moderator'],
    setup: async (c) => {
      const slot = await c.w.newSlot();
      const booking = await c.w.api('official', 'post', `/api/v1/tutoring/slots/${slot}/bookings`, {}, 201);
      return { id: booking.body.id! };
    },
    params: fresh,
    why: 'its booker (the official) or the slot’s tutor; to the others another’s booking does not exist',
  },
  {
    op: 'POST /api/v1/tutoring/slots/{id}/messages',
    resource: 'tutoring meeting chat',
    action: 'write',
    allow: ['official', 'tutor', 'admin'],
    params: id('slot'),
    body: () => ({ body: `Buongiorno, ci sono ${tag()}` }),
    why: 'the slot’s meeting room (meeting "convergo"): its tutor, its bookers (the official), admins',
  },
  {
    op: 'GET /api/v1/tutoring/slots/{id}/messages',
    resource: 'tutoring meeting chat',
    action: 'read',
    allow: ['official', 'tutor', 'admin'],
    params: id('slot'),
    why: 'as `tutoring_slot:<id>`: its tutor, its bookers, admins',
  },
  { op: 'GET /api/v1/me/tutoring/bookings', resource: 'tutoring booking', action: 'read', allow: MEMBERS },
  { op: 'GET /api/v1/tutoring/tutors', resource: 'tutoring slot', action: 'read', allow: MEMBERS },
  {
    op: 'GET /api/v1/lab-groups/{id}/coaching-thread',
    resource: 'coaching thread',
    action: 'read',
    allow: LAB,
    params: id('group'),
    why: 'the group’s members (the participant), its lab’s tutors and admins — not global moderators',
  },
  {
    op: 'GET /api/v1/tutoring/coaching-threads',
    resource: 'coaching thread',
    action: 'read',
    allow: MEMBERS,
  },
  {
    op: 'POST /api/v1/tutoring/series',
    resource: 'tutoring series',
    action: 'write',
    allow: ['tutor', 'admin'],
    setup: async (c) => {
      const { startsAt } = c.w.slotTimes();
      return { firstStartsAt: startsAt };
    },
    body: (c) => ({ firstStartsAt: c.fresh.firstStartsAt, durationMinutes: 60, count: 1 }),
  },
  {
    op: 'GET /api/v1/tutoring/series/{id}',
    resource: 'tutoring series',
    action: 'read',
    allow: MEMBERS,
    params: id('series'),
  },
  {
    op: 'POST /api/v1/tutoring/series/{id}/exceptions',
    resource: 'tutoring series',
    action: 'write',
    allow: ['tutor', 'admin'],
    setup: async (c) => {
      const series = await c.w.newSeries();
      return { id: series.id, date: series.secondDate };
    },
    params: fresh,
    body: (c) => ({ date: c.fresh.date, reason: 'Festività' }),
  },
  {
    op: 'POST /api/v1/tutoring/series/{id}/cancel',
    resource: 'tutoring series',
    action: 'write',
    allow: ['tutor', 'admin'],
    setup: async (c) => ({ id: (await c.w.newSeries()).id }),
    params: fresh,
    body: () => ({}),
  },
  // — Documents (the fixture lab's document: its people and admins read and write it)
  {
    op: 'POST /api/v1/documents',
    resource: 'document',
    action: 'write',
    allow: LAB,
    body: (c) => ({ title: `Documento ${tag()}`, kind: 'note', owner: { type: 'lab', id: c.w.ids.lab } }),
  },
  {
    op: 'GET /api/v1/documents',
    resource: 'document',
    action: 'read',
    allow: MEMBERS,
    why: 'filtered to what one reads',
  },
  {
    op: 'GET /api/v1/documents/{id}',
    resource: 'document',
    action: 'read',
    allow: LAB,
    params: id('document'),
  },
  {
    op: 'PATCH /api/v1/documents/{id}',
    resource: 'document',
    action: 'write',
    allow: LAB,
    params: id('document'),
    body: () => ({ title: `Documento ${tag()}` }),
  },
  {
    op: 'POST /api/v1/documents/{id}/versions',
    resource: 'document version',
    action: 'write',
    allow: LAB,
    params: id('document'),
    body: () => ({ name: `v-${tag()}` }),
  },
  {
    op: 'GET /api/v1/documents/{id}/versions',
    resource: 'document version',
    action: 'read',
    allow: LAB,
    params: id('document'),
  },
  {
    op: 'GET /api/v1/documents/{id}/versions/compare',
    resource: 'document version',
    action: 'read',
    allow: LAB,
    params: id('document'),
    query: (c) => ({ from: c.w.ids.version, to: c.w.ids.version }),
  },
  {
    op: 'GET /api/v1/documents/{id}/versions/{versionId}',
    resource: 'document version',
    action: 'read',
    allow: LAB,
    params: (c) => ({ id: c.w.ids.document, versionId: c.w.ids.version }),
  },
  {
    op: 'POST /api/v1/documents/{id}/versions/{versionId}/restore',
    resource: 'document version',
    action: 'write',
    allow: LAB,
    setup: (c) => c.w.newLabDocument(),
    params: (c) => ({ id: c.fresh.document, versionId: c.fresh.version }),
  },
  {
    op: 'GET /api/v1/documents/{id}/versions/{versionId}/export',
    resource: 'document version',
    action: 'read',
    allow: LAB,
    params: (c) => ({ id: c.w.ids.document, versionId: c.w.ids.version }),
    query: () => ({ format: 'docx' }),
  },
  {
    op: 'GET /api/v1/documents/{id}/export',
    resource: 'document',
    action: 'read',
    allow: LAB,
    params: id('document'),
    query: () => ({ format: 'docx' }),
  },
  {
    op: 'GET /api/v1/documents/{id}/comments',
    resource: 'document comment',
    action: 'read',
    allow: LAB,
    params: id('document'),
  },
  {
    op: 'POST /api/v1/documents/{id}/comments',
    resource: 'document comment',
    action: 'write',
    allow: LAB,
    params: id('document'),
    body: (c) => ({ body: 'Un commento.', anchor: c.w.anchorOf(c.w.ids.document) }),
  },
  {
    op: 'PATCH /api/v1/documents/{id}/comments/{commentId}',
    resource: 'document comment',
    action: 'write',
    allow: ['tutor', 'admin'],
    params: (c) => ({ id: c.w.ids.document, commentId: c.w.ids.comment }),
    body: () => ({ body: 'Commento corretto.' }),
    why: 'its author (the tutor), or an admin',
  },
  {
    op: 'DELETE /api/v1/documents/{id}/comments/{commentId}',
    resource: 'document comment',
    action: 'write',
    allow: ['tutor', 'admin'],
    setup: (c) => c.w.newLabDocument(),
    params: (c) => ({ id: c.fresh.document, commentId: c.fresh.comment }),
    why: 'its author, or an admin',
  },
  ...(['resolve', 'reopen'] as const).map((verb): RestRow => ({
    op: `POST /api/v1/documents/{id}/comments/{commentId}/${verb}`,
    resource: 'document comment',
    action: 'write',
    allow: LAB,
    setup: async (c) => {
      const d = await c.w.newLabDocument();
      if (verb === 'reopen') {
        await c.w.api('tutor', 'post', `/api/v1/documents/${d.document}/comments/${d.comment}/resolve`);
      }
      return d;
    },
    params: (c) => ({ id: c.fresh.document, commentId: c.fresh.comment }),
  })),
  {
    op: 'POST /api/v1/documents/{id}/attachments',
    resource: 'document attachment',
    action: 'write',
    allow: LAB,
    params: id('document'),
    upload: true,
  },
  {
    op: 'GET /api/v1/documents/{id}/attachments',
    resource: 'document attachment',
    action: 'read',
    allow: LAB,
    params: id('document'),
  },
  {
    op: 'GET /api/v1/documents/{id}/attachments/{attachmentId}/download',
    resource: 'document attachment',
    action: 'read',
    allow: LAB,
    params: (c) => ({ id: c.w.ids.document, attachmentId: c.w.ids.attachment }),
  },
  {
    op: 'DELETE /api/v1/documents/{id}/attachments/{attachmentId}',
    resource: 'document attachment',
    action: 'moderate',
    allow: ['tutor', 'admin'],
    setup: (c) => c.w.newLabDocument(),
    params: (c) => ({ id: c.fresh.document, attachmentId: c.fresh.attachment }),
    why: 'its uploader (the tutor) and admins; moderators remove attachments of documents they read (spaces’), not of a lab’s',
  },
];

/** A fresh member with known credentials (login, refresh and logout act on their own session). */
async function freshMemberCredentials(c: Call): Promise<Record<string, string>> {
  const member = await newMember(c.w.t, { organizationId: c.w.ids.orgA });
  return { email: member.email, password: member.password };
}

async function freshLogin(c: Call): Promise<Record<string, string>> {
  const creds = await freshMemberCredentials(c);
  const login = await c.w.api('anonymous', 'post', '/api/v1/auth/login', creds, 200);
  return { refreshToken: String(login.body.refreshToken) };
}

/** A session of the fixture lab running now, and a fresh check-in code for it. */
async function liveSessionWithCode(c: Call): Promise<Record<string, string>> {
  const session = await newLiveSession(c.w.t.baseUrl, c.w.members.tutor, c.w.ids.lab);
  const code = await c.w.api('tutor', 'post', `/api/v1/sessions/${session.id}/check-in-code`, undefined, 201);
  return { id: session.id, code: String(code.body.code) };
}

async function freshDeliverable(c: Call): Promise<Record<string, string>> {
  const d = await c.w.api(
    'tutor',
    'post',
    `/api/v1/labs/${c.w.ids.lab}/deliverables`,
    {
      groupId: c.w.ids.group,
      kind: 'organisational_analysis',
      title: `Analisi ${tag()}`,
    },
    201,
  );
  return { id: d.body.id! };
}

/** A lab open to applications, the fixture tutor its tutor. */
async function freshOpenLab(c: Call): Promise<Record<string, string>> {
  const lab = await c.w.api(
    'admin',
    'post',
    '/api/v1/labs',
    { title: `Lab ${tag()}`, ambito: 'C', status: 'open' },
    201,
  );
  await c.w.api(
    'admin',
    'put',
    `/api/v1/labs/${lab.body.id}/participants/${c.w.members.tutor.id}`,
    { role: 'tutor' },
    200,
  );
  return { id: lab.body.id! };
}

export interface SocketRow {
  /** The room kind, with `<own>`/`<other>` for member rooms. */
  room: string;
  allow: readonly Role[];
  /** The room name this role subscribes to. */
  name: (c: Call) => string;
  /** What a refused member's acknowledgement says: `forbidden` unless existence is private. */
  refused?: 'forbidden' | 'not_found';
}

/** Socket subscriptions, room kind by room kind; anonymous never gets a connection at all. */
export const SOCKET_ROWS: SocketRow[] = [
  { room: 'member:<own>', allow: MEMBERS, name: (c) => `member:${c.me}` },
  { room: 'member:<other>', allow: [], name: (c) => `member:${c.w.author.id}` },
  { room: 'space:<public>', allow: MEMBERS, name: (c) => `space:${c.w.ids.publicSpace}` },
  {
    room: 'space:<private>',
    allow: ['referent', 'moderator', 'admin'],
    name: (c) => `space:${c.w.ids.privateSpace}`,
  },
  { room: 'thread:', allow: MEMBERS, name: (c) => `thread:${c.w.ids.thread}` },
  { room: 'programme:', allow: MEMBERS, name: (c) => `programme:${c.w.ids.programme}` },
  { room: 'doc:', allow: LAB, name: (c) => `doc:${c.w.ids.document}` },
  { room: 'lab:', allow: LAB, name: (c) => `lab:${c.w.ids.lab}` },
  { room: 'lab_group:', allow: LAB, name: (c) => `lab_group:${c.w.ids.group}` },
  { room: 'session:', allow: LAB, name: (c) => `session:${c.w.ids.session}` },
  { room: 'attendance:', allow: LAB_TUTORS, name: (c) => `attendance:${c.w.ids.session}` },
  { room: 'twinning:', allow: TWINNING_PARTIES, name: (c) => `twinning:${c.w.ids.twinning}` },
  {
    room: 'practice:',
    allow: PRACTICE_PROPOSERS,
    name: (c) => `practice:${c.w.ids.practice}`,
    refused: 'not_found',
  },
  {
    room: 'tutoring_slot:',
    allow: ['official', 'tutor', 'admin'],
    name: (c) => `tutoring_slot:${c.w.ids.slot}`,
  },
  { room: 'tutoring', allow: MEMBERS, name: () => 'tutoring' },
  { room: 'moderation', allow: MODERATORS, name: () => 'moderation' },
  { room: 'moderation_space:', allow: MODERATORS, name: (c) => `moderation_space:${c.w.ids.publicSpace}` },
  { room: 'admin', allow: ADMIN, name: () => 'admin' },
];
