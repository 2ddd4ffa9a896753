import { randomUUID } from 'node:crypto';
import { ClientEvent, type ClientEventName } from '@jisr/protocol/events';
import type { Role } from '@jisr/protocol/roles';
import { DEFAULT_LIMITS } from '../src/limits/limiters.js';
import { createAskLimiter } from '../src/qa/ask-limiter.js';
import { describe, expect, it } from 'vitest';
import {
  attendee,
  connect,
  okData,
  organizerToken,
  rawRequest,
  request,
  staffToken,
  useTestServer,
  type ClientSocket,
} from './harness.js';

/**
 * Every Q&A event x every role: allowed (the answer is not `forbidden`) or forbidden.
 * Written out by hand, not derived from core, so a change to the rules shows up here.
 * Attendees edit and delete only their own questions (tested in moderation.test.ts).
 */
const MATRIX: Record<string, Record<Role, boolean>> = {
  [ClientEvent.SessionJoin]: { organizer: true, moderator: true, speaker: true, screen: true, attendee: true },
  [ClientEvent.QuestionAsk]: { organizer: false, moderator: false, speaker: false, screen: false, attendee: true },
  [ClientEvent.QuestionVote]: { organizer: false, moderator: false, speaker: false, screen: false, attendee: true },
  [ClientEvent.QuestionEdit]: { organizer: false, moderator: false, speaker: false, screen: false, attendee: true },
  [ClientEvent.QuestionDelete]: { organizer: false, moderator: false, speaker: false, screen: false, attendee: true },
  [ClientEvent.QuestionModerate]: { organizer: true, moderator: true, speaker: false, screen: false, attendee: false },
  [ClientEvent.QuestionReply]: { organizer: true, moderator: true, speaker: false, screen: false, attendee: false },
  [ClientEvent.QuestionLabel]: { organizer: true, moderator: true, speaker: false, screen: false, attendee: false },
  [ClientEvent.QuestionTranslate]: { organizer: true, moderator: true, speaker: false, screen: false, attendee: false },
  [ClientEvent.SessionSettings]: { organizer: true, moderator: true, speaker: false, screen: false, attendee: false },
  [ClientEvent.QuestionMerge]: { organizer: true, moderator: true, speaker: false, screen: false, attendee: false },
  [ClientEvent.QuestionSimilar]: { organizer: false, moderator: false, speaker: false, screen: false, attendee: true },
};

// The matrix asks a fresh question for every try: more than the default per-minute limits.
const testServer = useTestServer({
  askLimiter: createAskLimiter(10_000),
  limits: { ...DEFAULT_LIMITS, eventsPerSocket: 100_000, eventsPerActor: 100_000 },
});

describe('authorization matrix for Q&A events', () => {
  it('allows and forbids each event for each role as the matrix says', async () => {
    const sessionId = testServer().sessions.open.id;
    const author = await attendee(testServer());
    const sockets: Record<Role, ClientSocket> = {
      organizer: await connect(testServer(), await organizerToken(testServer())),
      moderator: await connect(testServer(), await staffToken(testServer(), 'moderator', sessionId)),
      speaker: await connect(testServer(), await staffToken(testServer(), 'speaker', sessionId)),
      screen: await connect(testServer(), await staffToken(testServer(), 'screen', sessionId)),
      attendee: author.socket,
    };
    // A question of the attendee's for each try's question to be merged into (it stays, gathering variants).
    const other = okData(await request(author.socket, ClientEvent.QuestionAsk, { sessionId, text: 'merged into', anonymous: false, clientId: randomUUID() }));
    const outcomes: string[] = [];
    for (const [event, roles] of Object.entries(MATRIX)) {
      for (const [role, allowed] of Object.entries(roles) as [Role, boolean][]) {
        // A fresh question of the attendee's for each try, so an earlier action (delete,
        // answer) never turns a forbidden into a not_found.
        const question = okData(
          await request(author.socket, ClientEvent.QuestionAsk, {
            sessionId,
            text: `matrix ${event} ${role}`,
            anonymous: false,
            clientId: randomUUID(),
          }),
        );
        const payloads: Record<string, unknown> = {
          [ClientEvent.SessionJoin]: { sessionId },
          [ClientEvent.QuestionAsk]: { sessionId, text: `by ${role}`, anonymous: false, clientId: randomUUID() },
          [ClientEvent.QuestionVote]: { questionId: question.id, vote: true },
          [ClientEvent.QuestionEdit]: { questionId: question.id, text: 'edited' },
          [ClientEvent.QuestionDelete]: { questionId: question.id },
          [ClientEvent.QuestionModerate]: { questionId: question.id, action: 'answer' },
          [ClientEvent.QuestionReply]: { questionId: question.id, text: 'reply' },
          [ClientEvent.QuestionLabel]: { questionId: question.id, labels: ['x'] },
          [ClientEvent.QuestionTranslate]: { questionId: question.id, lang: 'ar', text: 'سؤال' },
          [ClientEvent.SessionSettings]: { sessionId, qa: { open: true } },
          [ClientEvent.QuestionMerge]: { questionId: question.id, intoId: other.id },
          [ClientEvent.QuestionSimilar]: { sessionId, text: `matrix ${event}` },
        };
        const ack = await rawRequest(sockets[role], event as ClientEventName, payloads[event]);
        const forbidden = !ack.ok && ack.error.code === 'forbidden';
        outcomes.push(`${event} ${role}: ${forbidden ? 'forbidden' : ack.ok ? 'ok' : ack.error.code}`);
        expect(forbidden, `${event} as ${role}: ${JSON.stringify(ack)}`).toBe(!allowed);
        if (allowed) expect(ack.ok, `${event} as ${role}: ${JSON.stringify(ack)}`).toBe(true);
      }
    }
    expect(outcomes).toHaveLength(Object.keys(MATRIX).length * 5);
  }, 60_000);

  it('keeps session-scoped staff out of other sessions of the event', async () => {
    const moderator = await connect(testServer(), await staffToken(testServer(), 'moderator', testServer().sessions.open.id));
    const elsewhere = await request(moderator, ClientEvent.SessionJoin, { sessionId: testServer().sessions.moderated.id });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const author = await attendee(testServer());
    const question = okData(
      await request(author.socket, ClientEvent.QuestionAsk, {
        sessionId: testServer().sessions.moderated.id,
        text: 'not yours to moderate',
        anonymous: false,
        clientId: randomUUID(),
      }),
    );
    expect(await request(moderator, ClientEvent.QuestionModerate, { questionId: question.id, action: 'approve' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
