import { randomUUID } from 'node:crypto';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import type { OrganizerInviteResponse } from '@jisr/protocol/admin';
import type { Tally } from '@jisr/protocol/poll';
import { describe, expect, it } from 'vitest';
import { attendee, connect, createInvite, joinEvent, okData, organizerToken, postJson, rawRequest, request, staffToken, useTestServer, waitForEvent } from './harness.js';

/**
 * Issue 19.5 and 19.6: every text a person types gets the clean-up questions get (core's
 * typed-text), a text with nothing readable left is refused naming its field, and what goes
 * straight to the room screen (names, word-cloud words) passes the profanity filter.
 */
const testServer = useTestServer();
const ZWSP = '\u200B';

describe('the same clean-up for every typed text (issue 19.5)', () => {
  it('display names lose bidi overrides; a name of zero-width spaces is refused, naming it', async () => {
    const server = testServer();
    const flipped = await joinEvent(server, '\u202Enimda');
    expect(flipped.participant.name).toBe('nimda');
    const blank = await postJson(`${server.url}/api/join`, { code: 'TEST', name: ZWSP.repeat(5) });
    expect(blank.status).toBe(400);
    expect(await blank.json()).toMatchObject({ error: { code: 'invalid_input', field: 'name' } });
  });

  it('staff names are cleaned and refused the same way', async () => {
    const server = testServer();
    const { token } = await createInvite(server, 'moderator');
    const blank = await postJson(`${server.url}/api/invites/accept`, { token, name: `${ZWSP}\u2060${ZWSP}` });
    expect(await blank.json()).toMatchObject({ error: { code: 'invalid_input', field: 'name' } });
    const accepted = await postJson(`${server.url}/api/invites/accept`, { token, name: 'Samira\u202E\u2066' });
    expect(accepted.status).toBe(200);
    const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${((await accepted.json()) as { token: string }).token}` } });
    expect(JSON.stringify(await me.json())).toContain('"Samira"');
  });

  it('a question padded with 400 zero-width spaces is stored without them; replies, announcements and poll texts alike', async () => {
    const server = testServer();
    const sessionId = server.sessions.open.id;
    const { socket } = await attendee(server, 'Nour');
    const question = okData(await request(socket, ClientEvent.QuestionAsk, { sessionId, text: `a${ZWSP.repeat(400)}`, anonymous: false, clientId: randomUUID() }));
    expect(question.text).toBe('a');
    const organizer = await connect(server, await organizerToken(server));
    const reply = await rawRequest(organizer, ClientEvent.QuestionReply, { questionId: question.id, text: ZWSP.repeat(3) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'text' } });
    expect(await rawRequest(organizer, ClientEvent.Announce, { eventId: server.event.id, text: `\u2060${ZWSP}` })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'text' },
    });
    expect(await rawRequest(organizer, ClientEvent.QuestionLabel, { questionId: question.id, labels: ['ok', ZWSP] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'labels.1' },
    });
    const poll = okData(await request(organizer, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt: '\u202EOù ?', options: [`Rabat${ZWSP.repeat(50)}`, 'Tunis'] }));
    expect([poll.prompt, poll.options.map((option) => option.label)]).toEqual(['Où ?', ['Rabat', 'Tunis']]);
    expect(await rawRequest(organizer, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt: 'p', options: ['a', '\u0301\u0301'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'options.1' },
    });
  });

  it('organizers typing titles and room names get the same clean-up', async () => {
    const server = testServer();
    const token = await organizerToken(server);
    const room = await postJson(`${server.url}/api/events/${server.event.id}/rooms`, { name: { fr: `Salle\u202E B${ZWSP}` } }, { authorization: `Bearer ${token}` });
    expect(((await room.json()) as { room: { name: { fr: string } } }).room.name.fr).toBe('Salle B');
  });
});

describe('the profanity filter on what goes straight to the screen (issue 19.6)', () => {
  it('refuses a display name, staff name or new organizer account name the filter flags', async () => {
    const server = testServer();
    const joined = await postJson(`${server.url}/api/join`, { code: 'TEST', name: 'Connard' });
    expect(await joined.json()).toMatchObject({ error: { code: 'invalid_input', field: 'name' } });
    const { token } = await createInvite(server, 'speaker');
    const accepted = await postJson(`${server.url}/api/invites/accept`, { token, name: 'gros salaud' });
    expect(await accepted.json()).toMatchObject({ error: { code: 'invalid_input', field: 'name' } });
    // A co-organizer's new account: refused the same way, and no account made.
    const email = `nouveau-${randomUUID().slice(0, 8)}@example.org`;
    const sent = await postJson(`${server.url}/api/events/${server.event.id}/organizers`, { email }, { authorization: `Bearer ${await organizerToken(server)}` });
    const { token: link } = (await sent.json()) as OrganizerInviteResponse;
    const account = await postJson(`${server.url}/api/organizer-invites/accept`, { token: link, name: 'Connard', password: 'a long new password' });
    expect(await account.json()).toMatchObject({ error: { code: 'invalid_input', field: 'name' } });
    expect(await server.store.getUserByEmail(email)).toBeNull();
  });

  it('keeps flagged words off a word cloud, and lets a moderator hide any word (and bring it back)', async () => {
    const server = testServer();
    const sessionId = server.sessions.open.id;
    const mod = await connect(server, await staffToken(server, 'moderator', sessionId));
    const cloud = okData(await request(mod, ClientEvent.PollCreate, { sessionId, kind: 'wordcloud', prompt: 'Un mot ?' }));
    okData(await request(mod, ClientEvent.PollOpen, { pollId: cloud.id }));
    for (const words of [['salaud', 'Rabat'], ['Rabat'], ['Tunis']]) {
      const { socket } = await attendee(server);
      okData(await request(socket, ClientEvent.PollVote, { pollId: cloud.id, ballot: { words }, clientId: randomUUID() }));
    }
    const words = (tally: Tally) => ('words' in tally ? (tally.words ?? []).map((word) => word.word) : []);
    const first = await server.app.ctx.tallies.current(cloud.id);
    expect(first && words(first)).toEqual(['Rabat', 'Tunis']);

    const { socket: phone } = await attendee(server);
    okData(await request(phone, ClientEvent.SessionJoin, { sessionId }));
    const hiddenTally = waitForEvent(phone, ServerEvent.PollTally, (tally) => tally.pollId === cloud.id && !words(tally).includes('Tunis'));
    const hidden = okData(await request(mod, ClientEvent.PollHideWord, { pollId: cloud.id, word: 'TUNIS' }));
    expect(hidden.settings.hiddenWords).toEqual(['tunis']);
    expect(words(await hiddenTally)).toEqual(['Rabat']);
    okData(await request(mod, ClientEvent.PollHideWord, { pollId: cloud.id, word: 'tunis', hidden: false }));
    const back = await server.app.ctx.tallies.current(cloud.id);
    expect(back && words(back)).toEqual(['Rabat', 'Tunis']);
    // Only word clouds have words; attendees may not hide anything.
    const single = okData(await request(mod, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt: 'p', options: ['a', 'b'] }));
    expect(await rawRequest(mod, ClientEvent.PollHideWord, { pollId: single.id, word: 'a' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'pollId' } });
    expect(await rawRequest(phone, ClientEvent.PollHideWord, { pollId: cloud.id, word: 'Rabat' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('hides a flagged open-text answer from the stage choices at once; others stay shown', async () => {
    const server = testServer();
    const sessionId = server.sessions.open.id;
    const mod = await connect(server, await staffToken(server, 'moderator', sessionId));
    const poll = okData(await request(mod, ClientEvent.PollCreate, { sessionId, kind: 'text', prompt: 'Une idée ?' }));
    okData(await request(mod, ClientEvent.PollOpen, { pollId: poll.id }));
    for (const text of ['Plus de pauses', 'quel connard ce wifi']) {
      const { socket } = await attendee(server);
      okData(await request(socket, ClientEvent.PollVote, { pollId: poll.id, ballot: { text }, clientId: randomUUID() }));
    }
    const answers = okData(await request(mod, ClientEvent.PollAnswers, { pollId: poll.id }));
    expect(answers.map((answer) => [answer.text, answer.hidden]).sort()).toEqual([
      ['Plus de pauses', false],
      ['quel connard ce wifi', true],
    ]);
  });
});
