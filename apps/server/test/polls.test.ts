import { randomUUID } from 'node:crypto';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import type { Poll, PollCreateInput } from '@jisr/protocol/poll';
import { describe, expect, it } from 'vitest';
import {
  attendee,
  collect,
  connect,
  okData,
  organizerToken,
  rawRequest,
  request,
  sleep,
  staffToken,
  useTestServer,
  waitForEvent,
  type ClientSocket,
} from './harness.js';

const testServer = useTestServer();

async function moderator(): Promise<ClientSocket> {
  return connect(testServer(), await staffToken(testServer(), 'moderator'));
}

async function openPoll(mod: ClientSocket, input: Omit<PollCreateInput, 'sessionId'>, sessionId = testServer().sessions.open.id): Promise<Poll> {
  const poll = okData(await request(mod, ClientEvent.PollCreate, { sessionId, ...input }));
  return okData(await request(mod, ClientEvent.PollOpen, { pollId: poll.id }));
}

describe('a vote storm', () => {
  it('500 attendees voting at once: every ack ok, tally exactly 500, tallies coalesced per 100 ms', async () => {
    const sessionId = testServer().sessions.open.id;
    const mod = await moderator();
    okData(await request(mod, ClientEvent.SessionJoin, { sessionId }));
    const poll = await openPoll(mod, { kind: 'single', prompt: 'Où la prochaine rencontre ?', options: ['Madrid', 'Rabat', 'Francfort'] });
    const voters = await Promise.all(Array.from({ length: 500 }, () => attendee(testServer())));
    const watcher = voters[0]?.socket as ClientSocket;
    okData(await request(watcher, ClientEvent.SessionJoin, { sessionId }));
    const tallies = collect(watcher, ServerEvent.PollTally);
    const started = Date.now();
    const acks = await Promise.all(
      voters.map(({ socket }, index) =>
        request(socket, ClientEvent.PollVote, { pollId: poll.id, ballot: { optionId: `o${(index % 3) + 1}` }, clientId: randomUUID() }),
      ),
    );
    const stormMs = Date.now() - started;
    expect(acks.filter((ack) => ack.ok)).toHaveLength(500);
    const final = await waitForEvent(watcher, ServerEvent.PollTally, (tally) => tally.total === 500, 3000).catch(() => tallies.at(-1));
    expect(final?.total).toBe(500);
    expect(final?.counts).toEqual({ o1: 167, o2: 167, o3: 166 });
    // At most one tally per 100 ms while the storm lasts, plus the one that closes it.
    expect(tallies.length).toBeLessThanOrEqual(Math.ceil((stormMs + 300) / 100) + 1);
    expect(tallies.length).toBeLessThan(500 / 10);
  }, 60_000);
});

describe('tallies to the stage and to the audience', () => {
  it('staff and room screens get a tally every 100 ms while votes come in, phones at most every 500 ms, all the last one', async () => {
    const sessionId = testServer().sessions.open.id;
    const mod = await moderator();
    okData(await request(mod, ClientEvent.SessionJoin, { sessionId }));
    const screen = await connect(testServer(), await staffToken(testServer(), 'screen', sessionId));
    okData(await request(screen, ClientEvent.SessionJoin, { sessionId }));
    const toScreen = collect(screen, ServerEvent.PollTally);
    const poll = await openPoll(mod, { kind: 'single', prompt: 'Café ou thé ?', options: ['Café', 'Thé'] });
    const voters = await Promise.all(Array.from({ length: 40 }, () => attendee(testServer())));
    const phone = voters[0]?.socket as ClientSocket;
    okData(await request(phone, ClientEvent.SessionJoin, { sessionId }));
    const toStaff = collect(mod, ServerEvent.PollTally);
    const toPhone = collect(phone, ServerEvent.PollTally);
    const started = Date.now();
    for (const [index, { socket }] of voters.entries()) {
      okData(await request(socket, ClientEvent.PollVote, { pollId: poll.id, ballot: { optionId: `o${(index % 2) + 1}` }, clientId: randomUUID() }));
      await sleep(40);
    }
    const stormMs = Date.now() - started;
    // The phone's last tally may already have come (collected above) or come at its next turn.
    for (let waited = 0; toPhone.at(-1)?.total !== 40 && waited < 2000; waited += 50) await sleep(50);
    expect(toPhone.at(-1)?.total).toBe(40);
    expect(toStaff.at(-1)?.total).toBe(40);
    expect(toScreen.at(-1)?.total).toBe(40);
    expect(toStaff.length).toBeGreaterThanOrEqual(Math.floor(stormMs / 100 / 2));
    expect(toScreen.length).toBeGreaterThanOrEqual(Math.floor(stormMs / 100 / 2));
    // One copy per push: a screen is in the audience too, and is left out of the phones' push.
    expect(new Set(toScreen.map((tally) => tally.total)).size).toBe(toScreen.length);
    expect(toPhone.length).toBeLessThanOrEqual(Math.ceil(stormMs / 500) + 2);
    expect(toPhone.length).toBeLessThan(toStaff.length);
  }, 30_000);
});

describe('ballots', () => {
  it('counts a retried vote once and refuses a second one when changes are not allowed', async () => {
    const mod = await moderator();
    const poll = await openPoll(mod, { kind: 'single', prompt: 'Oui ou non ?', options: ['Oui', 'Non'] });
    const { socket } = await attendee(testServer());
    const clientId = randomUUID();
    const payload = { pollId: poll.id, ballot: { optionId: 'o1' }, clientId };
    const acks = await Promise.all([1, 2, 3].map(() => request(socket, ClientEvent.PollVote, payload)));
    expect(acks.every((ack) => ack.ok)).toBe(true);
    const other = await request(socket, ClientEvent.PollVote, { pollId: poll.id, ballot: { optionId: 'o2' }, clientId: randomUUID() });
    expect(other).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const counts = await testServer().store.getTallyCounts(poll.id);
    expect(counts).toMatchObject({ total: 1, counts: { o1: 1 } });
    const snapshot = okData(await request(socket, ClientEvent.SessionJoin, { sessionId: poll.sessionId }));
    expect(snapshot.myBallots[poll.id]).toEqual({ optionId: 'o1' });
  });

  it('moves a changed ballot when the poll allows it', async () => {
    const mod = await moderator();
    const poll = await openPoll(mod, {
      kind: 'multiple',
      prompt: 'Quels thèmes ?',
      options: ['Éducation', 'Investissement', 'Culture'],
      settings: { results: 'live', allowChange: true, anonymous: true, maxChoices: 2 },
    });
    const { socket } = await attendee(testServer());
    okData(await request(socket, ClientEvent.PollVote, { pollId: poll.id, ballot: { optionIds: ['o1', 'o2'] }, clientId: randomUUID() }));
    okData(await request(socket, ClientEvent.PollVote, { pollId: poll.id, ballot: { optionIds: ['o3'] }, clientId: randomUUID() }));
    expect(await testServer().store.getTallyCounts(poll.id)).toMatchObject({ total: 1, counts: { o3: 1 } });
  });

  it('refuses bad ballots with invalid_input naming the ballot, and counts nothing', async () => {
    const mod = await moderator();
    const single = await openPoll(mod, { kind: 'single', prompt: 'Un ?', options: ['a', 'b'] });
    const multiple = await openPoll(mod, {
      kind: 'multiple',
      prompt: 'Deux ?',
      options: ['a', 'b', 'c'],
      settings: { results: 'live', allowChange: false, anonymous: true, maxChoices: 2 },
    });
    const rating = await openPoll(mod, { kind: 'rating', prompt: 'Note ?', settings: { results: 'live', allowChange: false, anonymous: true, scaleMax: 5 } });
    const cloud = await openPoll(mod, { kind: 'wordcloud', prompt: 'Un mot ?' });
    const { socket } = await attendee(testServer());
    const cases: [string, unknown][] = [
      [single.id, { optionId: 'o9' }],
      [single.id, { value: 3 }],
      [multiple.id, { optionIds: ['o1', 'o2', 'o3'] }],
      [rating.id, { value: 9 }],
      [cloud.id, { words: ['x'.repeat(1024)] }],
      [cloud.id, { words: ['a', 'b', 'c', 'd'] }],
    ];
    let open = cloud.id;
    for (const [pollId, ballot] of cases) {
      // One poll is open at a time in a session: open the one this case votes on.
      if (pollId !== open) okData(await request(mod, ClientEvent.PollOpen, { pollId }));
      open = pollId;
      const ack = await rawRequest(socket, ClientEvent.PollVote, { pollId, ballot, clientId: randomUUID() });
      expect(ack, JSON.stringify(ballot).slice(0, 60)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!ack.ok) expect(ack.error.field).toMatch(/^ballot/);
    }
    for (const poll of [single, multiple, rating, cloud]) expect((await testServer().store.getTallyCounts(poll.id)).total).toBe(0);
  });

  it('refuses votes on a closed poll with closed', async () => {
    const mod = await moderator();
    const poll = await openPoll(mod, { kind: 'single', prompt: 'Fini ?', options: ['a', 'b'] });
    okData(await request(mod, ClientEvent.PollClose, { pollId: poll.id }));
    const { socket } = await attendee(testServer());
    const ack = await request(socket, ClientEvent.PollVote, { pollId: poll.id, ballot: { optionId: 'o1' }, clientId: randomUUID() });
    expect(ack).toMatchObject({ ok: false, error: { code: 'closed' } });
    expect((await testServer().store.getTallyCounts(poll.id)).total).toBe(0);
  });
});

describe('what attendees may see', () => {
  it('keeps drafts from attendees; hidden results never reach them until revealed', async () => {
    const sessionId = testServer().sessions.open.id;
    const mod = await moderator();
    okData(await request(mod, ClientEvent.SessionJoin, { sessionId }));
    const viewer = await attendee(testServer());
    okData(await request(viewer.socket, ClientEvent.SessionJoin, { sessionId }));
    const audienceTallies = collect(viewer.socket, ServerEvent.PollTally);
    const draftNotice = waitForEvent(viewer.socket, ServerEvent.PollRemove);
    const draft = okData(
      await request(mod, ClientEvent.PollCreate, {
        sessionId,
        kind: 'single',
        prompt: 'Secret ballot',
        options: ['a', 'b'],
        settings: { results: 'hidden', allowChange: false, anonymous: true },
      }),
    );
    expect((await draftNotice).pollId).toBe(draft.id);
    expect(JSON.stringify(okData(await request(viewer.socket, ClientEvent.SessionJoin, { sessionId })))).not.toContain('Secret ballot');

    const staffTally = waitForEvent(mod, ServerEvent.PollTally, (tally) => tally.pollId === draft.id && tally.total === 1);
    okData(await request(mod, ClientEvent.PollOpen, { pollId: draft.id }));
    okData(await request(viewer.socket, ClientEvent.PollVote, { pollId: draft.id, ballot: { optionId: 'o2' }, clientId: randomUUID() }));
    expect((await staffTally).counts).toEqual({ o1: 0, o2: 1 });
    await sleep(300);
    expect(audienceTallies.filter((tally) => tally.pollId === draft.id)).toHaveLength(0);
    const snapshot = okData(await request(viewer.socket, ClientEvent.SessionJoin, { sessionId }));
    expect(snapshot.tallies[draft.id]).toBeUndefined();

    const revealed = waitForEvent(viewer.socket, ServerEvent.PollTally, (tally) => tally.pollId === draft.id);
    okData(await request(mod, ClientEvent.PollReveal, { pollId: draft.id }));
    expect((await revealed).counts).toEqual({ o1: 0, o2: 1 });
  });

  it("hides a quiz's answer until it closes, then ranks named players", async () => {
    const sessionId = testServer().sessions.open.id;
    const mod = await moderator();
    const quiz = await openPoll(mod, {
      kind: 'quiz',
      prompt: 'Capitale du Maroc ?',
      options: ['Casablanca', 'Rabat', 'Fès'],
      settings: { results: 'after_close', allowChange: false, anonymous: false, correctOption: 1 },
    });
    const amina = await attendee(testServer(), 'Amina');
    const omar = await attendee(testServer(), 'Omar');
    const seen = okData(await request(amina.socket, ClientEvent.SessionJoin, { sessionId }));
    expect(seen.polls.find((poll) => poll.id === quiz.id)?.settings.correctOption).toBeUndefined();
    okData(await request(amina.socket, ClientEvent.PollVote, { pollId: quiz.id, ballot: { optionId: 'o2' }, clientId: randomUUID() }));
    okData(await request(omar.socket, ClientEvent.PollVote, { pollId: quiz.id, ballot: { optionId: 'o1' }, clientId: randomUUID() }));
    okData(await request(mod, ClientEvent.PollClose, { pollId: quiz.id }));
    const after = okData(await request(amina.socket, ClientEvent.SessionJoin, { sessionId }));
    expect(after.polls.find((poll) => poll.id === quiz.id)?.settings.correctOption).toBe(1);
    const board = after.tallies[quiz.id]?.leaderboard ?? [];
    expect(board[0]?.name).toBe('Amina');
    expect(board[0]?.score).toBeGreaterThan(0);
    expect(board.find((row) => row.name === 'Omar')?.score ?? 0).toBe(0);
  });

  it('closes a poll by itself when its timer runs out, with nobody connected', async () => {
    const mod = await moderator();
    const poll = await openPoll(mod, {
      kind: 'single',
      prompt: 'Vite !',
      options: ['a', 'b'],
      settings: { results: 'live', allowChange: false, anonymous: true, timerSeconds: 5 },
    });
    expect(poll.closesAt).toBeDefined();
    mod.disconnect();
    await sleep(5400);
    expect((await testServer().store.getPoll(poll.id))?.state).toBe('closed');
  }, 15_000);

  it('lets only staff run polls and only attendees vote', async () => {
    const sessionId = testServer().sessions.open.id;
    const { socket } = await attendee(testServer());
    const create = await request(socket, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt: 'x', options: ['a', 'b'] });
    expect(create).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const organizer = await connect(testServer(), await organizerToken(testServer()));
    const poll = await openPoll(organizer, { kind: 'single', prompt: 'Staff vote?', options: ['a', 'b'] });
    const vote = await request(organizer, ClientEvent.PollVote, { pollId: poll.id, ballot: { optionId: 'o1' }, clientId: randomUUID() });
    expect(vote).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('editing a draft', () => {
  it('changes only what the edit names, clears a timer given as null, and refuses once the poll is open', async () => {
    const mod = await moderator();
    const sessionId = testServer().sessions.open.id;
    const draft = okData(
      await request(mod, ClientEvent.PollCreate, {
        sessionId,
        kind: 'multiple',
        prompt: 'Quelles villes ?',
        options: ['Rabat', 'Madrid', 'Bruxelles'],
        settings: { results: 'hidden', allowChange: true, anonymous: false, maxChoices: 2, timerSeconds: 60 },
      }),
    );

    const retimed = okData(await request(mod, ClientEvent.PollEdit, { pollId: draft.id, settings: { timerSeconds: 30 } }));
    expect(retimed.settings).toEqual({ results: 'hidden', allowChange: true, anonymous: false, maxChoices: 2, timerSeconds: 30 });

    const edited = okData(
      await request(mod, ClientEvent.PollEdit, {
        pollId: draft.id,
        prompt: 'Which cities?',
        options: ['Rabat', 'Madrid', 'Brussels', 'Frankfurt'],
        settings: { timerSeconds: null, maxChoices: 3 },
      }),
    );
    expect(edited.prompt).toBe('Which cities?');
    expect(edited.options.map((option) => option.label)).toEqual(['Rabat', 'Madrid', 'Brussels', 'Frankfurt']);
    expect(edited.settings).toEqual({ results: 'hidden', allowChange: true, anonymous: false, maxChoices: 3 });
    expect(await testServer().store.getPoll(draft.id)).toMatchObject({ prompt: 'Which cities?', settings: edited.settings });

    const overCap = await request(mod, ClientEvent.PollEdit, { pollId: draft.id, settings: { maxChoices: 9 } });
    expect(overCap).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    okData(await request(mod, ClientEvent.PollOpen, { pollId: draft.id }));
    const late = await request(mod, ClientEvent.PollEdit, { pollId: draft.id, prompt: 'Too late' });
    expect(late.ok).toBe(false);
    expect((await testServer().store.getPoll(draft.id))?.prompt).toBe('Which cities?');
  });
});

describe('results.csv', () => {
  it('exports a word cloud with merged Arabic spellings, for staff only', async () => {
    const mod = await moderator();
    const poll = await openPoll(mod, { kind: 'wordcloud', prompt: 'Un mot pour la diaspora ?' });
    for (const words of [['تضامن'], ['التضامن'], ['تَضَامُن', 'Solidarité'], ['solidarite']]) {
      const { socket } = await attendee(testServer());
      okData(await request(socket, ClientEvent.PollVote, { pollId: poll.id, ballot: { words }, clientId: randomUUID() }));
    }
    const token = await organizerToken(testServer());
    const response = await fetch(`${testServer().url}/api/polls/${poll.id}/results.csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('تضامن,3\r\n');
    expect(csv).toContain('Solidarité,2\r\n');
    expect(csv).toContain('total_ballots,4\r\n');
    const { join } = await attendee(testServer());
    const refused = await fetch(`${testServer().url}/api/polls/${poll.id}/results.csv`, { headers: { authorization: `Bearer ${join.token}` } });
    expect(refused.status).toBe(403);
  });
});
