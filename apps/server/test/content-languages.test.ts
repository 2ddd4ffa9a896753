import { randomUUID } from 'node:crypto';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import { describe, expect, it } from 'vitest';
import { attendee, connect, okData, organizerToken, request, staffToken, useTestServer, waitForEvent, type ClientSocket } from './harness.js';

/** Issue 7: poll texts per language, moderators' translations of questions. */
const testServer = useTestServer();

async function moderator(): Promise<ClientSocket> {
  return connect(testServer(), await staffToken(testServer(), 'moderator', testServer().sessions.open.id));
}

const human = (text: string) => ({ text, by: 'human' });

const ARABIC = { prompt: 'أين ننظم اللقاء القادم؟', options: ['مدريد', 'الرباط'] };
const ENGLISH = { prompt: 'Where should we meet next?', options: ['Madrid', 'Rabat'] };

/** The session's polls and seq as the store has them: what a refused input must leave alone. */
async function pollsNow(sessionId: string) {
  const { store } = testServer();
  return { polls: await store.listPolls(sessionId), seq: await store.getSeq(sessionId) };
}

describe('polls in several languages', () => {
  it('creates a poll with its language and translations; attendees get them with the poll', async () => {
    const sessionId = testServer().sessions.open.id;
    const mod = await moderator();
    const { socket: phone } = await attendee(testServer());
    okData(await request(phone, ClientEvent.SessionJoin, { sessionId }));
    const created = okData(
      await request(mod, ClientEvent.PollCreate, {
        sessionId,
        kind: 'single',
        prompt: 'Où organiser la prochaine rencontre ?',
        options: ['Madrid', 'Rabat'],
        lang: 'fr',
        translations: { ar: { prompt: `  ${ARABIC.prompt} `, options: ARABIC.options } },
      }),
    );
    expect(created).toMatchObject({ lang: 'fr', translations: { ar: ARABIC } });
    const upsert = waitForEvent(phone, ServerEvent.PollUpsert, (message) => message.poll.id === created.id);
    okData(await request(mod, ClientEvent.PollOpen, { pollId: created.id }));
    expect((await upsert).poll).toMatchObject({ lang: 'fr', translations: { ar: ARABIC } });
    const snapshot = okData(await request(phone, ClientEvent.SessionJoin, { sessionId }));
    // A moderator's own translation is theirs: marked human, never replaced by the engine.
    expect(snapshot.polls.find((poll) => poll.id === created.id)?.translations).toEqual({ ar: { ...ARABIC, by: 'human' } });
  });

  it('takes kinds without options with prompt-only translations', async () => {
    const mod = await moderator();
    const cloud = okData(
      await request(mod, ClientEvent.PollCreate, {
        sessionId: testServer().sessions.open.id,
        kind: 'wordcloud',
        prompt: 'Un mot pour cette journée ?',
        lang: 'fr',
        translations: { ar: { prompt: 'كلمة لهذا اليوم؟' } },
      }),
    );
    expect(cloud.translations).toEqual({ ar: { prompt: 'كلمة لهذا اليوم؟', options: [], by: 'human' } });
  });

  it('refuses translations that do not fit, naming the field, and creates nothing', async () => {
    const sessionId = testServer().sessions.open.id;
    const mod = await moderator();
    const before = await pollsNow(sessionId);
    const base = { sessionId, kind: 'single', prompt: 'Où ?', options: ['Madrid', 'Rabat'], lang: 'fr' } as const;
    const cases = [
      [{ ...base, translations: { ar: { prompt: 'أين؟', options: ['مدريد'] } } }, 'translations.ar.options'],
      [{ ...base, translations: { fr: { prompt: 'Où donc ?', options: ['Madrid', 'Rabat'] } } }, 'translations.fr'],
      [{ ...base, translations: { ar: { prompt: '   ', options: ARABIC.options } } }, 'translations.ar.prompt'],
      [{ ...base, translations: { ar: { prompt: 'أين؟', options: ['مدريد', 'x'.repeat(201)] } } }, 'translations.ar.options.1'],
      [{ ...base, lang: 'xx' }, 'lang'],
    ] as const;
    for (const [payload, field] of cases) {
      const ack = await request(mod, ClientEvent.PollCreate, payload as never);
      expect(ack, field).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
      if (!ack.ok) expect(ack.error.message.startsWith(`${field}:`), ack.error.message).toBe(true);
    }
    expect(await pollsNow(sessionId)).toEqual(before);
  });

  it('edits a draft’s translations (the whole map), and refuses a change that would leave one short', async () => {
    const sessionId = testServer().sessions.open.id;
    const mod = await moderator();
    const draft = okData(
      await request(mod, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt: 'Où ?', options: ['Madrid', 'Rabat'], lang: 'fr', translations: { ar: ARABIC } }),
    );
    const replaced = okData(await request(mod, ClientEvent.PollEdit, { pollId: draft.id, translations: { en: ENGLISH } }));
    expect(replaced.translations).toEqual({ en: { ...ENGLISH, by: 'human' } });
    expect(replaced.lang).toBe('fr');

    // A third option without a third English label: refused, nothing changes.
    const before = await pollsNow(sessionId);
    const short = await request(mod, ClientEvent.PollEdit, { pollId: draft.id, options: ['Madrid', 'Rabat', 'Bruxelles'] });
    expect(short).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'translations.en.options' } });
    // The poll's own language moved onto a translated one: which English would win?
    const clash = await request(mod, ClientEvent.PollEdit, { pollId: draft.id, lang: 'en' });
    expect(clash).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'translations.en' } });
    expect(await pollsNow(sessionId)).toEqual(before);

    const both = okData(
      await request(mod, ClientEvent.PollEdit, {
        pollId: draft.id,
        options: ['Madrid', 'Rabat', 'Bruxelles'],
        translations: { en: { ...ENGLISH, options: [...ENGLISH.options, 'Brussels'] } },
      }),
    );
    expect(both.translations?.en?.options).toEqual(['Madrid', 'Rabat', 'Brussels']);
    const none = okData(await request(mod, ClientEvent.PollEdit, { pollId: draft.id, translations: {} }));
    expect(none).not.toHaveProperty('translations');
  });

  it('a duplicate keeps the language and translations', async () => {
    const mod = await moderator();
    const poll = okData(
      await request(mod, ClientEvent.PollCreate, {
        sessionId: testServer().sessions.open.id,
        kind: 'single',
        prompt: 'Où ?',
        options: ['Madrid', 'Rabat'],
        lang: 'fr',
        translations: { ar: ARABIC },
      }),
    );
    const copy = okData(await request(mod, ClientEvent.PollDuplicate, { pollId: poll.id }));
    expect(copy).toMatchObject({ lang: 'fr', translations: { ar: ARABIC } });
  });
});

describe('question:translate', () => {
  async function ask(socket: ClientSocket, text: string) {
    return okData(await request(socket, ClientEvent.QuestionAsk, { sessionId: testServer().sessions.open.id, text, anonymous: false, clientId: randomUUID(), lang: 'fr' }));
  }

  it('a moderator’s translation reaches every attendee, under the question', async () => {
    const sessionId = testServer().sessions.open.id;
    const mod = await moderator();
    const author = await attendee(testServer());
    const { socket: watcher } = await attendee(testServer());
    okData(await request(watcher, ClientEvent.SessionJoin, { sessionId }));
    const question = await ask(author.socket, 'Quand commence la deuxième phase ?');
    const upsert = waitForEvent(watcher, ServerEvent.QuestionUpsert, (message) => message.question.translations?.ar !== undefined);
    const translated = okData(await request(mod, ClientEvent.QuestionTranslate, { questionId: question.id, lang: 'ar', text: ' متى تبدأ المرحلة الثانية؟ ' }));
    expect(translated).toMatchObject({ id: question.id, text: question.text, lang: 'fr', translations: { ar: human('متى تبدأ المرحلة الثانية؟') } });
    const message = await upsert;
    expect(message.question.translations).toEqual({ ar: human('متى تبدأ المرحلة الثانية؟') });
    expect(message.question).not.toHaveProperty('authorKey');

    // A second language keeps the first; an empty text removes one.
    const organizer = await connect(testServer(), await organizerToken(testServer()));
    const two = okData(await request(organizer, ClientEvent.QuestionTranslate, { questionId: question.id, lang: 'en', text: 'When does phase two start?' }));
    expect(two.translations).toEqual({ ar: human('متى تبدأ المرحلة الثانية؟'), en: human('When does phase two start?') });
    const removed = okData(await request(mod, ClientEvent.QuestionTranslate, { questionId: question.id, lang: 'ar', text: '' }));
    expect(removed.translations).toEqual({ en: human('When does phase two start?') });
    const snapshot = okData(await request(watcher, ClientEvent.SessionJoin, { sessionId }));
    expect(snapshot.questions.find((q) => q.id === question.id)?.translations).toEqual({ en: human('When does phase two start?') });
  });

  it('an author’s edit drops the translations, which were of the question as it was', async () => {
    const mod = await moderator();
    const author = await attendee(testServer());
    const question = await ask(author.socket, 'Et le calendrier ?');
    okData(await request(mod, ClientEvent.QuestionTranslate, { questionId: question.id, lang: 'ar', text: 'والجدول الزمني؟' }));
    const edited = okData(await request(author.socket, ClientEvent.QuestionEdit, { questionId: question.id, text: 'Et le calendrier des visas ?' }));
    expect(edited.text).toBe('Et le calendrier des visas ?');
    expect(edited).not.toHaveProperty('translations');
  });

  it('is for moderators only: attendees, speakers and screens are forbidden and change nothing', async () => {
    const sessionId = testServer().sessions.open.id;
    const author = await attendee(testServer());
    const question = await ask(author.socket, 'Et le budget ?');
    const seq = await testServer().store.getSeq(sessionId);
    const speaker = await connect(testServer(), await staffToken(testServer(), 'speaker', sessionId));
    const screen = await connect(testServer(), await staffToken(testServer(), 'screen', sessionId));
    for (const socket of [author.socket, speaker, screen]) {
      const ack = await request(socket, ClientEvent.QuestionTranslate, { questionId: question.id, lang: 'ar', text: 'والميزانية؟' });
      expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await testServer().store.getSeq(sessionId)).toBe(seq);
    expect((await testServer().store.getQuestion(question.id))?.translations).toBeUndefined();
  });

  it('refuses a translation into the question’s own language, unreadable text or an unknown question, changing nothing', async () => {
    const sessionId = testServer().sessions.open.id;
    const mod = await moderator();
    const author = await attendee(testServer());
    const question = await ask(author.socket, 'Et les visas ?');
    const seq = await testServer().store.getSeq(sessionId);
    const own = await request(mod, ClientEvent.QuestionTranslate, { questionId: question.id, lang: 'fr', text: 'Et les visas ?' });
    expect(own).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'lang' } });
    const bidi = await request(mod, ClientEvent.QuestionTranslate, { questionId: question.id, lang: 'ar', text: '\u202E\u2066' });
    expect(bidi).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'text' } });
    const long = await request(mod, ClientEvent.QuestionTranslate, { questionId: question.id, lang: 'ar', text: 'ا'.repeat(501) });
    expect(long).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'text' } });
    const missing = await request(mod, ClientEvent.QuestionTranslate, { questionId: 'q_missing', lang: 'ar', text: 'سؤال' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await testServer().store.getSeq(sessionId)).toBe(seq);
    // Bidi overrides are cleaned out of a translation as out of a question.
    const clean = okData(await request(mod, ClientEvent.QuestionTranslate, { questionId: question.id, lang: 'ar', text: 'وال\u202Eتأشيرات؟' }));
    expect(clean.translations?.ar).toEqual(human('والتأشيرات؟'));
  });
});
