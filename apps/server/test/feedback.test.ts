import { randomUUID } from 'node:crypto';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import type { InsightsResponse, ReportResponse } from '@jisr/protocol/insights';
import type { Session } from '@jisr/protocol/event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTED_MESSAGE } from '../src/audience/mute-check.js';
import { connect, disconnectAll, joinEvent, okData, organizerToken, rawRequest, request, staffToken, waitForEvent, type ClientSocket, type TestServer } from './harness.js';
import { startNodes, STORES } from './redis-nodes.js';
import { unzip } from './unzip.js';

/**
 * Issue 22.1: session feedback over real sockets, on SQLite and on real Redis with two nodes
 * (given on one, read on the other). Once per person (a resend counts once), changeable, only
 * once the session ended, a muted person's comment refused neutrally, a caught comment kept
 * from the speaker; speakers read their session's after it ends, organizers every session's.
 */
describe.each(STORES)('session feedback (%s)', (kind) => {
  let nodes: TestServer[] = [];
  const node = (i: number): TestServer => {
    const found = nodes[i % nodes.length];
    if (!found) throw new Error('no node');
    return found;
  };
  let organizer: ClientSocket;

  beforeAll(async () => {
    nodes = await startNodes(kind, 2);
    organizer = await connect(node(0), await organizerToken(node(0)));
  }, 60_000);
  afterAll(async () => {
    disconnectAll();
    await nodes[0]?.stop();
  });

  /** A live session of its own per test, so the tests don't end each other's. */
  async function liveSession(title: string): Promise<Session> {
    const { id: _id, ...open } = node(0).sessions.open;
    return node(0).store.createSession({ ...open, title: { fr: title } });
  }
  const end = async (sessionId: string) => okData(await request(organizer, ClientEvent.AgendaUpdate, { sessionId, status: 'ended' }));

  async function person(i: number): Promise<ClientSocket> {
    return connect(node(i), (await joinEvent(node(i))).token);
  }
  const give = (socket: ClientSocket, sessionId: string, rating: unknown, clientId: string = randomUUID(), comment?: string) =>
    rawRequest(socket, ClientEvent.FeedbackGive, { sessionId, rating, clientId, ...(comment === undefined ? {} : { comment }) });

  it('counts a person once however often a give is resent, and a change replaces their rating', async () => {
    const session = await liveSession('once');
    await end(session.id);
    const amal = await person(0);
    const karim = await person(1);
    const clientId = randomUUID();
    // The outbox resends (a lost ack): the same give three times, two of them at once, on both nodes.
    const acks = await Promise.all([give(amal, session.id, 3, clientId, 'Clair'), give(amal, session.id, 3, clientId, 'Clair')]);
    const again = await give(amal, session.id, 3, clientId, 'Clair');
    const given = [...acks, again].map((ack) => okData(ack));
    expect(new Set(given.map((feedback) => JSON.stringify(feedback))).size).toBe(1);
    expect(given[0]).toMatchObject({ sessionId: session.id, rating: 3, comment: 'Clair' });
    okData(await give(karim, session.id, 5));
    let summary = okData(await request(organizer, ClientEvent.SessionJoin, { sessionId: session.id })).feedback;
    expect(summary).toMatchObject({ count: 2, average: 4, distribution: [0, 0, 1, 0, 1] });

    // Changing one's mind: a new give replaces the first, comment included.
    const changed = okData(await give(amal, session.id, 4, randomUUID()));
    expect(changed).toMatchObject({ rating: 4 });
    expect(changed).not.toHaveProperty('comment');
    summary = okData(await request(organizer, ClientEvent.SessionJoin, { sessionId: session.id })).feedback;
    expect(summary).toMatchObject({ count: 2, average: 4.5, distribution: [0, 0, 0, 1, 1], comments: [] });
    // The giver finds their own on rejoin (another node), to show the card as they left it.
    const rejoined = await connect(node(1), (amal.auth as { token: string }).token);
    expect(okData(await request(rejoined, ClientEvent.SessionJoin, { sessionId: session.id })).myFeedback).toMatchObject({ rating: 4 });
  });

  it('refuses a rating outside 1 to 5 as invalid_input naming `rating`, and changes nothing', async () => {
    const session = await liveSession('invalid');
    await end(session.id);
    const amal = await person(0);
    for (const rating of [0, 6, 2.5, '4', null]) {
      const ack = await give(amal, session.id, rating);
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'rating' } });
    }
    const long = await give(amal, session.id, 4, randomUUID(), 'x'.repeat(501));
    expect(long).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'comment' } });
    expect(okData(await request(organizer, ClientEvent.SessionJoin, { sessionId: session.id })).feedback?.count).toBe(0);
  });

  it('opens when the session ends: before, a give is refused as closed; a cancelled session takes none', async () => {
    const session = await liveSession('not yet');
    const amal = await person(1);
    expect(await give(amal, session.id, 5)).toMatchObject({ ok: false, error: { code: 'closed' } });
    await end(session.id);
    expect(okData(await give(amal, session.id, 5))).toMatchObject({ rating: 5 });
    const cancelled = await liveSession('cancelled');
    okData(await request(organizer, ClientEvent.AgendaUpdate, { sessionId: cancelled.id, status: 'cancelled' }));
    expect(await give(amal, cancelled.id, 5)).toMatchObject({ ok: false, error: { code: 'closed' } });
  });

  it('opens on a live session when its moderator opens feedback (on another node): refused before, taken after, and the phone sees it open', async () => {
    const session = await liveSession('open early');
    const moderator = await connect(node(0), await staffToken(node(0), 'moderator', session.id));
    const amal = await person(1);
    okData(await request(amal, ClientEvent.SessionJoin, { sessionId: session.id }));
    expect(await give(amal, session.id, 4)).toMatchObject({ ok: false, error: { code: 'closed' } });
    // Only moderators open it: an attendee's settings change is refused, nothing changed.
    expect(await rawRequest(amal, ClientEvent.SessionSettings, { sessionId: session.id, qa: { feedbackOpen: true } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await give(amal, session.id, 4)).toMatchObject({ ok: false, error: { code: 'closed' } });

    const changed = waitForEvent(amal, ServerEvent.AgendaUpdate, (message) => message.session.id === session.id);
    const opened = okData(await request(moderator, ClientEvent.SessionSettings, { sessionId: session.id, qa: { feedbackOpen: true } }));
    expect(opened).toMatchObject({ status: 'live', qa: { feedbackOpen: true } });
    // The phone hears it at once (the card shows), on the other node.
    expect((await changed).session.qa.feedbackOpen).toBe(true);
    expect(okData(await give(amal, session.id, 4, randomUUID(), 'Avant la fin'))).toMatchObject({ rating: 4, comment: 'Avant la fin' });
    // Their own feedback comes back on rejoin while the session still runs.
    expect(okData(await request(amal, ClientEvent.SessionJoin, { sessionId: session.id })).myFeedback).toMatchObject({ rating: 4 });
    // Closed again before the end: refused again; the end opens it for good.
    okData(await request(moderator, ClientEvent.SessionSettings, { sessionId: session.id, qa: { feedbackOpen: false } }));
    expect(await give(amal, session.id, 5)).toMatchObject({ ok: false, error: { code: 'closed' } });
    await end(session.id);
    expect(okData(await give(amal, session.id, 5))).toMatchObject({ rating: 5 });
    // A cancelled session takes none, opened or not.
    const cancelled = await liveSession('opened then cancelled');
    okData(await request(organizer, ClientEvent.SessionSettings, { sessionId: cancelled.id, qa: { feedbackOpen: true } }));
    okData(await request(organizer, ClientEvent.AgendaUpdate, { sessionId: cancelled.id, status: 'cancelled' }));
    expect(await give(amal, cancelled.id, 5)).toMatchObject({ ok: false, error: { code: 'closed' } });
  });

  it('only attendees of the event give; speakers read their own session once it ended, without caught comments', async () => {
    const session = await liveSession('speakers');
    const speaker = await connect(node(1), await staffToken(node(1), 'speaker', session.id));
    expect(await give(speaker, session.id, 5)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // While it runs, the speaker reads nothing (a tally mid-talk could put them off).
    expect(okData(await request(speaker, ClientEvent.SessionJoin, { sessionId: session.id }))).not.toHaveProperty('feedback');
    await end(session.id);
    okData(await give(await person(0), session.id, 5, randomUUID(), 'Très clair, merci'));
    okData(await give(await person(1), session.id, 1, randomUUID(), 'quel connard ce wifi'));
    const read = okData(await request(speaker, ClientEvent.SessionJoin, { sessionId: session.id })).feedback;
    expect(read).toMatchObject({ count: 2, distribution: [1, 0, 0, 0, 1] });
    expect(read?.comments.map((comment) => comment.comment)).toEqual(['Très clair, merci']);
    const organizers = okData(await request(organizer, ClientEvent.SessionJoin, { sessionId: session.id })).feedback;
    expect(organizers?.comments.find((comment) => comment.held)).toMatchObject({ comment: 'quel connard ce wifi', held: true });
    // Nothing names the giver to staff.
    expect(JSON.stringify([read, organizers])).not.toMatch(/"p:|participant|authorKey|clientId/);
    // A speaker of another session reads nothing of this one.
    const elsewhere = await connect(node(0), await staffToken(node(0), 'speaker', node(0).sessions.closed.id));
    expect(await rawRequest(elsewhere, ClientEvent.SessionJoin, { sessionId: session.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a muted person’s comment with the neutral message; their bare rating counts', async () => {
    const session = await liveSession('muted');
    const join = await joinEvent(node(0));
    const troll = await connect(node(0), join.token);
    const asked = okData(await request(troll, ClientEvent.QuestionAsk, { sessionId: session.id, text: 'Question pénible ?', anonymous: true, clientId: randomUUID() }));
    okData(await request(organizer, ClientEvent.ParticipantMute, { questionId: asked.id, scope: 'session' }));
    await end(session.id);
    const trollOnOtherNode = await connect(node(1), join.token);
    expect(await give(trollOnOtherNode, session.id, 1, randomUUID(), 'Nul')).toMatchObject({ ok: false, error: { code: 'muted', message: MUTED_MESSAGE } });
    expect(okData(await give(trollOnOtherNode, session.id, 1))).toMatchObject({ rating: 1 });
    const summary = okData(await request(organizer, ClientEvent.SessionJoin, { sessionId: session.id })).feedback;
    expect(summary).toMatchObject({ count: 1, comments: [] });
  });

  it('shows organizers every session’s feedback in insights, the report (the distribution too), feedback.csv and the export zip, in the event’s time', async () => {
    const session = await liveSession('Le mot de la fin');
    await end(session.id);
    okData(await give(await person(0), session.id, 4, randomUUID(), '=Clair et utile'));
    okData(await give(await person(1), session.id, 2));
    const token = await organizerToken(node(1));
    const get = (path: string) => fetch(`${node(1).url}/api/events/${node(1).event.id}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const insights = (await (await get('/insights')).json()) as InsightsResponse;
    const mine = insights.feedback?.find((summary) => summary.sessionId === session.id);
    expect(mine).toMatchObject({ count: 2, average: 3, distribution: [0, 1, 0, 1, 0], comments: [{ rating: 4, comment: '=Clair et utile' }] });
    const report = (await (await get('/report')).json()) as ReportResponse;
    expect(report.insights.feedback?.find((summary) => summary.sessionId === session.id)?.distribution).toEqual([0, 1, 0, 1, 0]);
    const bytes = Buffer.from(await (await get('/feedback.csv')).arrayBuffer());
    // With the byte-order mark Excel needs to read Arabic right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('session_id,session,given_at,rating,comment,held');
    const rows = lines.filter((line) => line.startsWith(session.id));
    expect(rows).toHaveLength(2);
    // On the event's clock (Brussels, +01:00 in December), formula-safe, and nobody named.
    expect(rows.find((row) => row.includes(',4,'))).toMatch(/^[^,]+,Le mot de la fin,2\d{3}-\d\d-\d\dT\d\d:\d\d:\d\d\+01:00,4,'=Clair et utile,$/);
    expect(csv).not.toMatch(/p:pa_|participant/);
    const files = unzip(Buffer.from(await (await get('/export.zip')).arrayBuffer()));
    expect(files.get('feedback.csv')).toContain("'=Clair et utile");
  });
});
