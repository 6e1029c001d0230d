import type {
  LabSessionView,
  LabView,
  LiveRoomState,
  RaisedHand,
  SessionHandAck,
  SessionJoinAck,
  SessionLeaveAck,
} from '@convergo/contracts';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { TestMember } from './factories';
import type { TestSocket } from './socket-client';

export const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });

/** A running lab with its tutor and participants, on any instance (base URL). */
export async function newLiveLab(
  baseUrl: string,
  admin: TestMember,
  people: { tutors: TestMember[]; participants: TestMember[] },
): Promise<LabView> {
  const lab = (
    await request(baseUrl)
      .post('/api/v1/labs')
      .set(as(admin))
      .send({ title: `Laboratorio ${randomUUID()}`, ambito: 'A', status: 'running' })
      .expect(201)
  ).body as LabView;
  const roles = [
    ...people.tutors.map((m) => [m, 'tutor'] as const),
    ...people.participants.map((m) => [m, 'participant'] as const),
  ];
  for (const [member, role] of roles) {
    await request(baseUrl)
      .put(`/api/v1/labs/${lab.id}/participants/${member.id}`)
      .set(as(admin))
      .send({ role })
      .expect(200);
  }
  return lab;
}

/** An online session of the lab running now, with a three-item agenda. */
export async function newLiveSession(
  baseUrl: string,
  tutor: TestMember,
  labId: string,
): Promise<LabSessionView> {
  const now = Date.now();
  return (
    await request(baseUrl)
      .post(`/api/v1/labs/${labId}/sessions`)
      .set(as(tutor))
      .send({
        title: `Sessione live ${randomUUID().slice(0, 8)}`,
        mode: 'online',
        startsAt: new Date(now - 3_600_000).toISOString(),
        endsAt: new Date(now + 3_600_000).toISOString(),
        onlineUrl: 'https://meet.example.it/lab',
        agenda: [
          { title: 'Apertura', minutes: 15 },
          { title: 'Lavoro per gruppi', minutes: 60 },
          { title: 'Restituzione' },
        ],
      })
      .expect(201)
  ).body as LabSessionView;
}

export async function joinRoom(socket: TestSocket, sessionId: unknown): Promise<SessionJoinAck> {
  return (await socket.rawWithAck('session:join', { sessionId })) as SessionJoinAck;
}

/** Joins and returns the state, failing the test when refused. */
export async function joinedState(socket: TestSocket, sessionId: string): Promise<LiveRoomState> {
  const ack = await joinRoom(socket, sessionId);
  if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack)}`);
  return ack.state;
}

export async function leaveRoom(socket: TestSocket, sessionId: unknown): Promise<SessionLeaveAck> {
  return (await socket.rawWithAck('session:leave', { sessionId })) as SessionLeaveAck;
}

export async function hand(
  socket: TestSocket,
  body: { sessionId: string; raised: boolean; memberId?: string },
): Promise<SessionHandAck> {
  return (await socket.rawWithAck('session:hand', body)) as SessionHandAck;
}

export const handIds = (hands: RaisedHand[]): string[] => hands.map((h) => h.member.id);
