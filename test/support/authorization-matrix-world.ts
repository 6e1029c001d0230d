import { randomBytes, randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { newMember, newOrganization, newSpace, newThread, type TestMember } from './factories';
import { newLiveLab, newLiveSession } from './live-room';
import type { TestApp } from './test-app';
import { YjsClient } from './yjs-client';

/** The roles of the authorisation matrix (issue 16). */
export const ROLES = [
  'anonymous',
  'outsider',
  'official',
  'referent',
  'participant',
  'tutor',
  'moderator',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export interface Answer {
  status: number;
  body: Record<string, unknown> & { id?: string; code?: string };
}

/** A 1x1 PNG: the smallest attachment the content sniffer accepts. */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082',
  'hex',
);

/**
 * The fixture world every row of the matrix acts on: one administration (A) with its referent, an
 * official and a lab participant; another (B) with the outsider; a third (C) that receives A's
 * twinning; a public space with a thread by a bystander author, a private space whose only invited
 * member is the referent; a running lab with its tutor, participant, group, session, deliverable,
 * module, poll, document (comment, version, attachment); a flag, an access request, an invitation,
 * a programme, a calendar feed.
 */
export class MatrixWorld {
  readonly members = {} as Record<Exclude<Role, 'anonymous'>, TestMember>;
  /** Writes threads and posts; holds no role of the matrix, so authorship never grants a row. */
  author!: TestMember;
  ids: Record<string, string> = {};
  requests = 0;

  constructor(readonly t: TestApp) {}

  token(role: Role): string | undefined {
    return role === 'anonymous' ? undefined : this.members[role].accessToken;
  }

  /** One JSON request as `who` (a role, or a member), failing loudly only when told to expect. */
  async api(
    who: Role | TestMember,
    method: 'get' | 'post' | 'put' | 'patch' | 'delete',
    path: string,
    body?: unknown,
    expectStatus?: number,
  ): Promise<Answer> {
    this.requests += 1;
    const token = typeof who === 'string' ? this.token(who) : who.accessToken;
    let req = this.t.http()[method](path);
    if (token) req = req.set('authorization', `Bearer ${token}`);
    const res = body === undefined ? await req : await req.send(body as object);
    if (expectStatus !== undefined && res.status !== expectStatus) {
      throw new Error(`${method.toUpperCase()} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return { status: res.status, body: res.body as Answer['body'] };
  }

  async build(): Promise<this> {
    const t = this.t;
    const orgA = await newOrganization(t, { name: `Comune di Matrice ${randomBytes(2).toString('hex')}` });
    const orgB = await newOrganization(t, { name: `Comune Esterno ${randomBytes(2).toString('hex')}` });
    const orgC = await newOrganization(t, { name: `Comune Ricevente ${randomBytes(2).toString('hex')}` });
    this.ids = { orgA, orgB, orgC };
    const m = this.members;
    m.outsider = await newMember(t, { organizationId: orgB, displayName: 'Oscar Esterno' });
    m.official = await newMember(t, { organizationId: orgA, displayName: 'Ornella Funzionaria' });
    m.referent = await newMember(t, {
      organizationId: orgA,
      isReferent: true,
      displayName: 'Renato Referente',
    });
    m.participant = await newMember(t, { organizationId: orgA, displayName: 'Paola Partecipante' });
    m.tutor = await newMember(t, { role: 'tutor', displayName: 'Tiziana Tutor' });
    m.moderator = await newMember(t, { role: 'moderator', displayName: 'Mario Moderatore' });
    m.admin = await newMember(t, { role: 'admin', displayName: 'Anna Amministratrice' });
    this.author = await newMember(t, { organizationId: orgC, displayName: 'Alberto Autore' });
    const publicSpace = await newSpace(t, { visibility: 'public' });
    const privateSpace = await newSpace(t, { visibility: 'private', members: [{ member: m.referent }] });
    const thread = await newThread(t, this.author, publicSpace.id);
    const reply = await this.api(
      this.author,
      'post',
      `/api/v1/threads/${thread.id}/posts`,
      {
        body: 'Una risposta.',
      },
      201,
    );
    const otherThread = await newThread(t, this.author, publicSpace.id);
    Object.assign(this.ids, {
      publicSpace: publicSpace.id,
      privateSpace: privateSpace.id,
      thread: thread.id,
      otherThread: otherThread.id,
      post: thread.firstPost.id,
      reply: reply.body.id!,
    });
    const flag = await this.api('official', 'post', `/api/v1/posts/${reply.body.id}/flags`, {
      reason: 'Contenuto fuori tema',
    });
    this.ids.flag = String(flag.body.id ?? '');

    const lab = await newLiveLab(t.baseUrl, m.admin, { tutors: [m.tutor], participants: [m.participant] });
    this.ids.lab = lab.id;
    const group = await this.api('tutor', 'post', `/api/v1/labs/${lab.id}/groups`, { name: 'Gruppo 1' }, 201);
    this.ids.group = group.body.id!;
    await this.api(
      'tutor',
      'put',
      `/api/v1/labs/${lab.id}/groups/${group.body.id}/members/${m.participant.id}`,
    );
    const session = await newLiveSession(t.baseUrl, m.tutor, lab.id);
    this.ids.session = session.id;
    const module = await this.api(
      'tutor',
      'post',
      `/api/v1/labs/${lab.id}/modules`,
      { title: 'Modulo 1' },
      201,
    );
    this.ids.module = module.body.id!;
    const deliverable = await this.api(
      'tutor',
      'post',
      `/api/v1/labs/${lab.id}/deliverables`,
      { groupId: group.body.id, kind: 'logical_framework', title: 'Quadro logico' },
      201,
    );
    this.ids.deliverable = deliverable.body.id!;
    const poll = await this.api(
      'tutor',
      'post',
      `/api/v1/sessions/${session.id}/polls`,
      { question: 'Procediamo?', options: ['Sì', 'No'] },
      201,
    );
    this.ids.poll = poll.body.id!;
    const doc = await this.newLabDocument();
    Object.assign(this.ids, doc);

    const twinning = await this.api(
      'admin',
      'post',
      '/api/v1/twinnings',
      {
        title: 'Gemellaggio di prova',
        practiceTitle: 'Sportello unico digitale',
        offeringOrganizationId: orgA,
        receivingOrganizationIds: [orgC],
      },
      201,
    );
    this.ids.twinning = twinning.body.id!;
    const practice = await this.api(
      'official',
      'post',
      '/api/v1/practices',
      {
        title: 'Pratica proposta dalla matrice',
        summary: 'Una proposta.',
        themes: ['servizi-cittadini'],
        offeringOrganizationId: orgA,
      },
      201,
    );
    this.ids.practice = practice.body.id!;
    const programme = await this.api(
      'admin',
      'post',
      '/api/v1/programmes',
      { code: `prog-${randomBytes(3).toString('hex')}`, name: 'Programma di prova' },
      201,
    );
    this.ids.programme = programme.body.id!;
    const slot = await this.newSlot();
    this.ids.slot = slot;
    const booking = await this.api('official', 'post', `/api/v1/tutoring/slots/${slot}/bookings`, {}, 201);
    this.ids.booking = booking.body.id!;
    const series = await this.newSeries();
    this.ids.series = series.id;
    const feed = await this.api('official', 'post', '/api/v1/me/calendar-feed');
    this.ids.feedUrl = String((feed.body as { url?: string }).url ?? '');
    this.ids.feedToken = String((feed.body as { token?: string }).token ?? randomUUID());
    return this;
  }

  /** A lab document (with a comment, a version and an attachment), the tutor its author. */
  async newLabDocument(): Promise<Record<string, string>> {
    const doc = await this.api(
      'tutor',
      'post',
      '/api/v1/documents',
      {
        title: `Documento ${randomUUID().slice(0, 8)}`,
        kind: 'note',
        owner: { type: 'lab', id: this.ids.lab },
      },
      201,
    );
    const id = doc.body.id!;
    const anchor = await this.writeAndAnchor(id);
    this.ids[`anchor:${id}`] = JSON.stringify(anchor);
    const comment = await this.api(
      'tutor',
      'post',
      `/api/v1/documents/${id}/comments`,
      { body: 'Nota.', anchor },
      201,
    );
    const version = await this.api('tutor', 'post', `/api/v1/documents/${id}/versions`, { name: 'v1' }, 201);
    this.requests += 1;
    const attachment = await this.t
      .http()
      .post(`/api/v1/documents/${id}/attachments`)
      .set('authorization', `Bearer ${this.members.tutor.accessToken}`)
      .attach('file', PNG, { filename: 'pixel.png', contentType: 'image/png' });
    return {
      document: id,
      comment: comment.body.id!,
      version: version.body.id!,
      attachment: String((attachment.body as { id?: string }).id ?? randomUUID()),
    };
  }

  private slotCount = 0;

  /** Start and end of a new one-hour slot that overlaps no other of the fixture tutor's. */
  slotTimes(): { startsAt: string; endsAt: string } {
    this.slotCount += 1;
    const start =
      Date.UTC(2027, 0, 4, 6) + Math.max(0, Date.now() - Date.UTC(2026, 11, 1)) + this.slotCount * 7_200_000;
    return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3_600_000).toISOString() };
  }

  /** An open slot (no lab) of the fixture tutor, capacity 2; returns its id. */
  async newSlot(): Promise<string> {
    const slot = await this.api(
      'tutor',
      'post',
      '/api/v1/tutoring/slots',
      { ...this.slotTimes(), capacity: 2 },
      201,
    );
    return slot.body.id!;
  }

  private seriesCount = 0;

  /** A weekly series of two occurrences of the fixture tutor, far from its single slots. */
  async newSeries(): Promise<{ id: string; secondDate: string }> {
    this.seriesCount += 1;
    const first =
      Date.UTC(2027, 2, 1, 7) +
      Math.max(0, Date.now() - Date.UTC(2026, 11, 1)) +
      this.seriesCount * 7_200_000;
    const series = await this.api(
      'tutor',
      'post',
      '/api/v1/tutoring/series',
      { firstStartsAt: new Date(first).toISOString(), durationMinutes: 60, count: 2 },
      201,
    );
    const body = series.body as { series?: { id: string }; id?: string };
    return {
      id: body.series?.id ?? body.id!,
      secondDate: new Date(first + 7 * 86_400_000).toISOString().slice(0, 10),
    };
  }

  /** The anchor (a range of the text) a new comment on `docId` needs. */
  anchorOf(docId: string): { start: string; end: string } {
    return JSON.parse(this.ids[`anchor:${docId}`]) as { start: string; end: string };
  }

  /** Writes a paragraph into the document (as its tutor) and anchors a range on its first word. */
  private async writeAndAnchor(docId: string): Promise<{ start: string; end: string }> {
    const client = await YjsClient.connect(this.t.baseUrl, this.members.tutor.accessToken);
    try {
      await client.open(docId);
      const text = client.paragraph(0);
      text.insert(0, 'Obiettivi del laboratorio');
      await client.acks();
      const b64 = (p: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(p)).toString('base64');
      return {
        start: b64(Y.createRelativePositionFromTypeIndex(text, 0)),
        end: b64(Y.createRelativePositionFromTypeIndex(text, 9, -1)),
      };
    } finally {
      client.close();
    }
  }
}
