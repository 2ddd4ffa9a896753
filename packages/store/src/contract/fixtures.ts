import { ballotContributions } from '@jisr/core/poll-ballots';
import type { QuestionRecord } from '@jisr/core/questions';
import type { Room, Session } from '@jisr/protocol/event';
import type { Ballot, Poll } from '@jisr/protocol/poll';
import type {
  EventRecord,
  NewBallot,
  NewEvent,
  NewInvite,
  NewPoll,
  NewQuestion,
  NewSession,
  NewUser,
  Store,
  UserRecord,
} from '../store.js';

/** Sample inputs for the contract suite: realistic, trilingual, with Arabic right to left. */

/** Gives each test the store it runs against. */
export type StoreUnderTest = () => Store;

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function newUser(overrides: Partial<NewUser> = {}): NewUser {
  const passwordHash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA';
  return { email: 'Amina.Organizer@Example.org', name: 'Amina', passwordHash, ...overrides };
}

export function newEvent(ownerId: string, overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    code: 'BRX2026',
    ownerId,
    title: { ar: 'لقاء الكفاءات المغربية', fr: 'Rencontre des compétences marocaines', en: 'Moroccan Talent Meeting' },
    description: {
      ar: 'يومان من النقاش في بروكسيل',
      fr: 'Deux jours de débats à Bruxelles',
      en: 'Two days of debate in Brussels',
    },
    timeZone: 'Europe/Brussels',
    languages: ['ar', 'fr', 'en'],
    defaultLang: 'fr',
    startDate: '2026-12-05',
    endDate: '2026-12-06',
    ...overrides,
  };
}

export function newSession(eventId: string, roomId: string, overrides: Partial<NewSession> = {}): NewSession {
  return {
    eventId,
    roomId,
    kind: 'panel',
    title: { ar: 'الشباب والهجرة', fr: 'Jeunesse et migration', en: 'Youth and migration' },
    description: { fr: 'Table ronde', en: 'Round table' },
    startsAt: '2026-12-05T09:30:00.000Z',
    endsAt: '2026-12-05T10:30:00.000Z',
    status: 'live',
    delayMinutes: 0,
    speakerIds: [],
    qa: { open: true, moderated: false, anonymousAllowed: true },
    ...overrides,
  };
}

export function newQuestion(sessionId: string, overrides: Partial<NewQuestion> = {}): NewQuestion {
  return {
    sessionId,
    authorKey: 'p:pa_author',
    authorName: 'Hicham',
    text: 'ما هي خطط المؤسسة لدعم الشباب المغاربة في الخارج؟',
    lang: 'ar',
    anonymous: false,
    status: 'approved',
    clientId: '3f0c9a52-3e1b-4c8e-9c57-1f4f3b1c2d7e',
    createdAt: '2026-12-05T09:41:07.123Z',
    ...overrides,
  };
}

/** An event-wide moderator invite; `tokenHash` stands for a SHA-256 hex digest. */
export function newInvite(eventId: string, createdBy: string, overrides: Partial<NewInvite> = {}): NewInvite {
  return {
    eventId,
    role: 'moderator',
    tokenHash: 'b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c',
    createdBy,
    createdAt: '2026-12-01T08:00:00.000Z',
    expiresAt: '2026-12-04T08:00:00.000Z',
    ...overrides,
  };
}

export interface Seeded {
  user: UserRecord;
  event: EventRecord;
  room: Room;
  session: Session;
}

/** An owner, an event, a room and a live session: what every Q&A test starts from. */
export async function seedSession(store: Store): Promise<Seeded> {
  const user = await store.createUser(newUser());
  const event = await store.createEvent(newEvent(user.id));
  const name = { ar: 'القاعة أ', fr: 'Salle A', en: 'Room A' };
  const room = await store.createRoom({ eventId: event.id, name, position: 0 });
  const session = await store.createSession(newSession(event.id, room.id));
  return { user, event, room, session };
}

/** Asks `count` distinct questions, one after the other, and returns them in asking order. */
export async function askMany(store: Store, sessionId: string, count: number): Promise<QuestionRecord[]> {
  const asked: QuestionRecord[] = [];
  for (let index = 0; index < count; index++) {
    const input = newQuestion(sessionId, { clientId: `client-${index}`, text: `Question ${index}` });
    const { value } = await store.askQuestion(input);
    asked.push(value);
  }
  return asked;
}

/** Asks one question (overrides applied) and returns it. */
export async function askOne(
  store: Store,
  sessionId: string,
  overrides: Partial<NewQuestion> = {},
): Promise<QuestionRecord> {
  return (await store.askQuestion(newQuestion(sessionId, overrides))).value;
}

/** A draft single-choice poll with three options (ids made by the caller, as the server does). */
export function newPoll(sessionId: string, overrides: Partial<NewPoll> = {}): NewPoll {
  return {
    sessionId,
    kind: 'single',
    prompt: 'Faut-il une deuxième journée en 2027 ?',
    options: [
      { id: 'opt_oui', label: 'Oui' },
      { id: 'opt_non', label: 'Non' },
      { id: 'opt_nsp', label: 'لا أدري' },
    ],
    state: 'draft',
    settings: { results: 'live', allowChange: false, anonymous: true },
    revealed: false,
    createdAt: '2026-12-05T09:50:00.000Z',
    ...overrides,
  };
}

/** Creates a poll (open unless overridden) and returns it as stored. */
export async function openPoll(store: Store, sessionId: string, overrides: Partial<NewPoll> = {}): Promise<Poll> {
  const input = newPoll(sessionId, { state: 'open', openedAt: '2026-12-05T09:55:00.000Z', ...overrides });
  return (await store.createPoll(input)).value;
}

/**
 * A ballot as the server hands it to castBallot: contributions from core's
 * ballotContributions, allowChange from the poll's settings, a clientId per voter.
 */
export function newBallot(poll: Poll, voterKey: string, ballot: Ballot, overrides: Partial<NewBallot> = {}): NewBallot {
  return {
    pollId: poll.id,
    voterKey,
    ballot,
    contributions: ballotContributions(poll, ballot),
    clientId: `client-${voterKey.replace(/[^A-Za-z0-9_-]/g, '_')}`,
    castAt: '2026-12-05T10:00:00.000Z',
    allowChange: poll.settings.allowChange,
    ...overrides,
  };
}
