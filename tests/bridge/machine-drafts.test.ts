import { randomUUID } from 'node:crypto';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import type { Poll } from '@jisr/protocol/poll';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApertium, type ApertiumProcess } from '../support/apertium.js';
import { startApp, type AppProcess } from '../support/app-process.js';
import { connectSocket, joinDemo, liveOpenSessionId, okData, request, waitForEvent, type ClientSocket } from '../support/cluster-clients.js';
import { ADMIN, demoAgenda, organizerToken, staffToken } from '../support/staff.js';

/**
 * Issue 20, the rest of the bridge with a real apertium-apy (eng-spa, fra-spa; French comes
 * through Spanish): a moderator's poll gets machine drafts of its translations they can
 * correct before opening, and a correction outlives later machine passes; open-text answers
 * put on stage are translated for the screen and phones; an announcement made while the
 * engine is down (and a reply, a poll draft, a staged answer) is translated when it answers again.
 * SQLite, one node.
 */
let apy: ApertiumProcess;
let app: AppProcess;
let eventId: string;
let sessionId: string;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  apy = await startApertium();
  app = await startApp({ TRANSLATE_URL: apy.url, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  eventId = (await demoAgenda(app.url)).event.id;
  sessionId = await liveOpenSessionId(app.url);
});
afterAll(async () => {
  await app?.stop();
  await apy?.stop();
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});

async function joined(token: string): Promise<ClientSocket> {
  const socket = await connectSocket(app.url, token);
  sockets.push(socket);
  okData(await request(socket, ClientEvent.SessionJoin, { sessionId }));
  return socket;
}

const moderator = async () => joined(await staffToken(app.url, eventId, 'moderator', sessionId, 'Mod'));
const withSpanish = (id: string) => (message: { poll: Poll }) => message.poll.id === id && message.poll.translations?.es !== undefined;

describe('poll drafts', () => {
  it('a poll created in English gets Spanish (and French, through Spanish) machine drafts; a correction stays the moderator’s through later passes', async () => {
    const mod = await moderator();
    const drafted = waitForEvent(mod, ServerEvent.PollUpsert, (message) => withSpanish(message.poll.id)(message) && !!message.poll.translations?.fr, 20_000);
    const created = okData(
      await request(mod, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt: 'Which city should host the next meeting?', options: ['Madrid', 'Paris'], lang: 'en' }),
    );
    expect(created.translations).toBeUndefined();
    const { poll } = await drafted;
    expect(poll.id).toBe(created.id);
    expect(poll.state).toBe('draft');
    expect(poll.translations?.es).toMatchObject({ by: 'machine', engine: 'apertium', options: ['Madrid', 'París'] });
    expect(poll.translations?.es?.prompt.toLowerCase()).toContain('ciudad');
    expect(poll.translations?.fr).toMatchObject({ by: 'machine', engine: 'apertium', pivot: 'es' });
    // Languages without a pair (Arabic, German, Dutch) stay untranslated; English is the poll's own.
    expect(Object.keys(poll.translations ?? {}).sort()).toEqual(['es', 'fr']);

    // Sending the editor's map back untouched keeps the drafts the machine's; the corrected one is the moderator's.
    const { es, fr } = poll.translations ?? {};
    if (!es || !fr) throw new Error('drafts expected');
    const corrected = okData(
      await request(mod, ClientEvent.PollEdit, {
        pollId: poll.id,
        translations: { es: { prompt: '¿Qué ciudad acogerá el próximo encuentro?', options: es.options }, fr: { prompt: fr.prompt, options: fr.options } },
      }),
    );
    expect(corrected.translations?.es).toEqual({ prompt: '¿Qué ciudad acogerá el próximo encuentro?', options: ['Madrid', 'París'], by: 'human' });
    expect(corrected.translations?.fr).toEqual(fr);

    // A new option: the machine drafts the new text; the moderator's Spanish needs a label
    // for it (refused, nothing changed) and is kept, never replaced by the machine's.
    const refused = await request(mod, ClientEvent.PollEdit, { pollId: poll.id, options: ['Madrid', 'Paris', 'Rabat'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'translations.es.options' } });
    const redrafted = waitForEvent(mod, ServerEvent.PollUpsert, (message) => message.poll.id === poll.id && message.poll.translations?.fr?.options.length === 3, 20_000);
    const edited = okData(
      await request(mod, ClientEvent.PollEdit, {
        pollId: poll.id,
        options: ['Madrid', 'Paris', 'Rabat'],
        translations: { es: { prompt: '¿Qué ciudad acogerá el próximo encuentro?', options: ['Madrid', 'París', 'Rabat'] } },
      }),
    );
    // The old text's French draft went with the old text.
    expect(Object.keys(edited.translations ?? {})).toEqual(['es']);
    const after = (await redrafted).poll;
    expect(after.translations?.fr).toMatchObject({ by: 'machine', pivot: 'es' });
    expect(after.translations?.es).toEqual({ prompt: '¿Qué ciudad acogerá el próximo encuentro?', options: ['Madrid', 'París', 'Rabat'], by: 'human' });
    // A snapshot reads the same from the store.
    const snapshot = okData(await request(mod, ClientEvent.SessionJoin, { sessionId }));
    expect(snapshot.polls.find((item) => item.id === poll.id)?.translations).toEqual(after.translations);
  }, 60_000);
});

describe('open-text answers on stage', () => {
  it('reach the screen and phones with machine translations into the event’s languages', async () => {
    const mod = await moderator();
    const screen = await joined(await staffToken(app.url, eventId, 'screen', sessionId, 'Sala A'));
    const phone = await joined(await joinDemo(app.url, 'Emma'));
    const poll = okData(await request(mod, ClientEvent.PollCreate, { sessionId, kind: 'text', prompt: 'What should we change next year?', lang: 'en' }));
    okData(await request(mod, ClientEvent.PollOpen, { pollId: poll.id }));
    okData(await request(phone, ClientEvent.PollVote, { pollId: poll.id, ballot: { text: 'More time for the questions of the public' }, clientId: randomUUID() }));
    const [answer] = okData(await request(mod, ClientEvent.PollAnswers, { pollId: poll.id }));
    if (!answer) throw new Error('one answer expected');

    const translated = (socket: ClientSocket) =>
      waitForEvent(socket, ServerEvent.StageUpdate, (message) => message.stage.kind === 'answers' && !!message.answers?.[0]?.translations?.es, 20_000);
    const onScreen = translated(screen);
    const onPhone = translated(phone);
    okData(await request(mod, ClientEvent.StageSet, { sessionId, stage: { kind: 'answers', pollId: poll.id, answerIds: [answer.id] } }));
    const [screenUpdate, phoneUpdate] = await Promise.all([onScreen, onPhone]);
    expect(screenUpdate.answers?.[0]).toMatchObject({ id: answer.id, text: 'More time for the questions of the public' });
    expect(screenUpdate.answers?.[0]?.translations?.es).toMatchObject({ by: 'machine', engine: 'apertium' });
    expect(screenUpdate.answers?.[0]?.translations?.es?.text.toLowerCase()).toContain('tiempo');
    expect(phoneUpdate.answers).toEqual(screenUpdate.answers);
    const snapshot = okData(await request(phone, ClientEvent.SessionJoin, { sessionId }));
    expect(snapshot.stagedAnswers).toEqual(screenUpdate.answers);
  }, 60_000);
});

describe('an engine that comes back', () => {
  it('translates the announcement, the reply, the poll draft and the answer staged while it was down, without anyone sending them again', async () => {
    const organizer = await connectSocket(app.url, await organizerToken(app.url));
    sockets.push(organizer);
    const phone = await joined(await joinDemo(app.url, 'Lucía'));
    const mod = await moderator();
    const question = okData(await request(phone, ClientEvent.QuestionAsk, { sessionId, text: 'Is there a bus to the station tonight?', anonymous: false, clientId: randomUUID() }));
    const textPoll = okData(await request(mod, ClientEvent.PollCreate, { sessionId, kind: 'text', prompt: 'What did you like most?', lang: 'en' }));
    okData(await request(mod, ClientEvent.PollOpen, { pollId: textPoll.id }));
    okData(await request(phone, ClientEvent.PollVote, { pollId: textPoll.id, ballot: { text: 'The time for the questions of the public' }, clientId: randomUUID() }));
    const [answer] = okData(await request(mod, ClientEvent.PollAnswers, { pollId: textPoll.id }));
    if (!answer) throw new Error('one answer expected');
    await apy.kill();
    const heard = waitForEvent(phone, ServerEvent.Announcement, (message) => message.text === 'The second room is open now', 5000);
    const ack = okData(await request(organizer, ClientEvent.Announce, { eventId, text: 'The second room is open now' }));
    expect(ack.translations).toBeUndefined();
    await heard;
    const reply = 'Yes, there is a bus at nine from the main entrance.';
    okData(await request(mod, ClientEvent.QuestionReply, { questionId: question.id, text: reply }));
    // A poll drafted meanwhile: its drafts come too (the poll path of the same retry queue).
    const draft = okData(await request(mod, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt: 'Shall we meet again next year?', options: ['Yes', 'No'], lang: 'en' }));
    expect(draft.translations).toBeUndefined();
    // An answer put on stage meanwhile: shown at once, translated once the engine is back.
    okData(await request(mod, ClientEvent.StageSet, { sessionId, stage: { kind: 'answers', pollId: textPoll.id, answerIds: [answer.id] } }));

    const late = waitForEvent(phone, ServerEvent.Announcement, (message) => message.id === ack.id && !!message.translations?.es, 30_000);
    const lateReply = waitForEvent(phone, ServerEvent.QuestionUpsert, (message) => message.question.id === question.id && !!message.question.replyTranslations?.es, 30_000);
    const lateDraft = waitForEvent(mod, ServerEvent.PollUpsert, withSpanish(draft.id), 30_000);
    const lateAnswer = waitForEvent(phone, ServerEvent.StageUpdate, (message) => message.stage.kind === 'answers' && !!message.answers?.[0]?.translations?.es, 30_000);
    await apy.restart();
    const { translations } = await late;
    expect(translations?.es).toMatchObject({ by: 'machine', engine: 'apertium' });
    expect(translations?.fr).toMatchObject({ by: 'machine', pivot: 'es' });
    const { question: replied } = await lateReply;
    expect(replied.reply).toBe(reply);
    expect(replied.replyTranslations?.es).toMatchObject({ by: 'machine', engine: 'apertium' });
    expect(replied.replyTranslations?.es?.text.toLowerCase()).toContain('autobús');
    const { poll: drafted } = await lateDraft;
    expect(drafted.state).toBe('draft');
    expect(drafted.translations?.es).toMatchObject({ by: 'machine', engine: 'apertium' });
    const { answers } = await lateAnswer;
    expect(answers?.[0]).toMatchObject({ id: answer.id, text: 'The time for the questions of the public' });
    expect(answers?.[0]?.translations?.es).toMatchObject({ by: 'machine', engine: 'apertium' });
  }, 60_000);
});
