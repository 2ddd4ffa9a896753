import { randomUUID } from 'node:crypto';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { attendee, collect, connect, disconnectAll, okData, organizerToken, request, sleep, staffToken, startServer, waitForEvent, type TestServer } from './harness.js';
import { startLibreTranslateApi, type LibreTranslateApi } from './libretranslate-api.js';
import { BACKENDS } from './store-backends.js';

/**
 * Issue 20, what else the language bridge translates besides questions, over real sockets
 * on both stores, against a local server speaking LibreTranslate's API: announcements
 * filled in the event's languages their sender wrote no text in, and moderators' replies,
 * each labelled machine.
 * The test event offers fr, ar and en.
 */
let api: LibreTranslateApi;

beforeAll(async () => {
  api = await startLibreTranslateApi('k3y');
});
afterAll(async () => {
  await api.close();
});

describe.each(BACKENDS)('machine texts on the %s store', (_name, backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ backend, env: { TRANSLATE_URL: api.url, TRANSLATE_API: 'libretranslate', TRANSLATE_API_KEY: 'k3y', TRANSLATE_TIMEOUT_MS: '400' } });
  });
  afterEach(() => {
    api.mode = 'ok';
    disconnectAll();
  });
  afterAll(async () => {
    await server.stop();
  });

  describe('announcements', () => {
    it('are acked and sent as written, then again with machine texts for the languages nobody wrote', async () => {
      const organizer = await connect(server, await organizerToken(server));
      const phone = (await attendee(server)).socket;
      const heard = collect(phone, ServerEvent.Announcement);
      const translated = waitForEvent(phone, ServerEvent.Announcement, (message) => message.translations !== undefined);
      const ack = okData(await request(organizer, ClientEvent.Announce, { eventId: server.event.id, texts: { en: 'Lunch is served', fr: 'Le déjeuner est servi' } }));
      expect(ack).not.toHaveProperty('translations');

      const { translations } = await translated;
      // Only Arabic was missing (what the organizer wrote in English is never machine-made),
      // translated from the event's own language, French, through English (no fr -> ar pair).
      expect(Object.keys(translations ?? {})).toEqual(['ar']);
      expect(translations?.ar).toMatchObject({ by: 'machine', engine: 'libretranslate', pivot: 'en' });
      expect(api.requests.slice(-2).map((body) => [body.source, body.target, body.q])).toEqual([
        ['fr', 'en', 'Le déjeuner est servi'],
        ['en', 'ar', expect.any(String)],
      ]);
      expect(heard.map((message) => message.id)).toEqual([ack.id, ack.id]);
      expect(heard[0]).toStrictEqual(ack);
      const stored = await server.store.listAnnouncements(server.event.id);
      expect(stored.find((announcement) => announcement.id === ack.id)?.translations).toEqual(translations);
    });

    it('a plain text is read in its own language (English), not the event’s default (French)', async () => {
      const organizer = await connect(server, await organizerToken(server));
      const phone = (await attendee(server)).socket;
      const translated = waitForEvent(phone, ServerEvent.Announcement, (message) => message.translations !== undefined);
      okData(await request(organizer, ClientEvent.Announce, { eventId: server.event.id, text: 'When does phase two start?' }));
      const { translations } = await translated;
      expect(translations?.ar).toEqual({ text: 'متى المرحلة الثانية تبدأ', by: 'machine', engine: 'libretranslate' });
      // The local engine refuses en -> fr (it has no words for it): that language stays as written.
      expect(Object.keys(translations ?? {})).toEqual(['ar']);
    });

    it('an engine that fails leaves the announcement as written, sent once', async () => {
      api.mode = 'error';
      const organizer = await connect(server, await organizerToken(server));
      const phone = (await attendee(server)).socket;
      const heard = collect(phone, ServerEvent.Announcement);
      const ack = okData(await request(organizer, ClientEvent.Announce, { eventId: server.event.id, texts: { en: 'The budget is served' } }));
      await sleep(800);
      expect(heard).toStrictEqual([ack]);
      expect((await server.store.listAnnouncements(server.event.id)).find((announcement) => announcement.id === ack.id)).toStrictEqual(ack);
    });
  });

  describe('replies', () => {
    async function askedAndWatched() {
      const sessionId = server.sessions.open.id;
      const author = (await attendee(server)).socket;
      const phone = (await attendee(server)).socket;
      okData(await request(phone, ClientEvent.SessionJoin, { sessionId }));
      const question = okData(await request(author, ClientEvent.QuestionAsk, { sessionId, text: 'Quand commence la deuxième phase ?', anonymous: false, clientId: randomUUID() }));
      const moderator = await connect(server, await staffToken(server, 'moderator', sessionId));
      return { question, phone, moderator };
    }

    it('a moderator’s reply is acked as written, then reaches phones machine-translated into the other languages', async () => {
      const { question, phone, moderator } = await askedAndWatched();
      const translated = waitForEvent(phone, ServerEvent.QuestionUpsert, (message) => message.question.id === question.id && message.question.replyTranslations !== undefined);
      const acked = okData(await request(moderator, ClientEvent.QuestionReply, { questionId: question.id, text: 'When does the budget start?' }));
      expect(acked.reply).toBe('When does the budget start?');
      expect(acked).not.toHaveProperty('replyTranslations');
      const { question: upserted } = await translated;
      expect(upserted.replyTranslations).toEqual({ ar: { text: 'متى الميزانية تبدأ', by: 'machine', engine: 'libretranslate' } });
      // The question's own translations are another thing: the reply's never land there.
      expect(upserted.translations?.ar?.text).not.toBe('متى الميزانية تبدأ');
      expect((await server.store.getQuestion(question.id))?.replyTranslations).toEqual(upserted.replyTranslations);
      // A snapshot taken later has them too.
      const snapshot = okData(await request(phone, ClientEvent.SessionJoin, { sessionId: server.sessions.open.id }));
      expect(snapshot.questions.find((q) => q.id === question.id)?.replyTranslations).toEqual(upserted.replyTranslations);
    });

    it('a new reply drops the old one’s translations at once; a slow translation of the old one never lands', async () => {
      const { question, phone, moderator } = await askedAndWatched();
      api.mode = 'slow';
      api.slowMs = 300;
      okData(await request(moderator, ClientEvent.QuestionReply, { questionId: question.id, text: 'The budget?' }));
      api.mode = 'ok';
      const second = waitForEvent(phone, ServerEvent.QuestionUpsert, (message) => message.question.id === question.id && message.question.reply === 'When does phase two start?');
      okData(await request(moderator, ClientEvent.QuestionReply, { questionId: question.id, text: 'When does phase two start?' }));
      expect((await second).question).not.toHaveProperty('replyTranslations');
      await waitFor(async () => (await server.store.getQuestion(question.id))?.replyTranslations !== undefined);
      await sleep(500);
      expect((await server.store.getQuestion(question.id))?.replyTranslations?.ar?.text).toBe('متى المرحلة الثانية تبدأ');
    });
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('waited in vain');
    await sleep(50);
  }
}
