import { randomUUID } from 'node:crypto';
import { ClientEvent } from '@jisr/protocol/events';
import type { Poll } from '@jisr/protocol/poll';
import type { Store } from '@jisr/store/store';
import { describe, expect, it } from 'vitest';
import { createReadCache, type CachedReads } from '../src/realtime/read-cache.js';
import { attendee, connect, okData, request, staffToken, useTestServer, type ClientSocket } from './harness.js';

const testServer = useTestServer();

/** The real store, counting the reads that reach it. */
function counted(store: Store): { reads: CachedReads; calls: { poll: number; session: number; event: number; mutes: number } } {
  const calls = { poll: 0, session: 0, event: 0, mutes: 0 };
  return {
    calls,
    reads: {
      getPoll: (id) => (calls.poll++, store.getPoll(id)),
      getSession: (id) => (calls.session++, store.getSession(id)),
      getEvent: (id) => (calls.event++, store.getEvent(id)),
      listMutes: (eventId) => (calls.mutes++, store.listMutes(eventId)),
    },
  };
}

async function moderator(): Promise<ClientSocket> {
  return connect(testServer(), await staffToken(testServer(), 'moderator'));
}

async function draftPoll(mod: ClientSocket): Promise<Poll> {
  return okData(await request(mod, ClientEvent.PollCreate, { sessionId: testServer().sessions.open.id, kind: 'single', prompt: 'Où ?', options: ['Rabat', 'Madrid'] }));
}

describe('the read cache of ballots', () => {
  it('reads an open poll, its session and event once per time-to-live, and again after a change or once it expires', async () => {
    const mod = await moderator();
    const poll = okData(await request(mod, ClientEvent.PollOpen, { pollId: (await draftPoll(mod)).id }));
    const { reads, calls } = counted(testServer().store);
    let clock = 0;
    const cache = createReadCache(reads, 1000, () => clock);
    const session = testServer().sessions.open;
    await Promise.all(Array.from({ length: 50 }, () => cache.getPoll(poll.id)));
    for (let i = 0; i < 50; i++) {
      expect((await cache.getSession(session.id))?.id).toBe(session.id);
      expect((await cache.getEvent(session.eventId))?.id).toBe(session.eventId);
    }
    // Fifty concurrent misses shared one read.
    expect(calls).toEqual({ poll: 1, session: 1, event: 1, mutes: 0 });

    cache.forget({ type: 'poll.changed', poll: { ...poll, state: 'closed' }, seq: 9 });
    cache.forget({ type: 'session.changed', session, seq: 9 });
    await cache.getPoll(poll.id);
    await cache.getSession(session.id);
    expect(calls).toEqual({ poll: 2, session: 2, event: 1, mutes: 0 });

    clock = 1000;
    await cache.getEvent(session.eventId);
    await cache.getPoll(poll.id);
    expect(calls).toEqual({ poll: 3, session: 2, event: 2, mutes: 0 });
  });

  it('never keeps a poll that is not open, nor a row that does not exist', async () => {
    const mod = await moderator();
    const draft = await draftPoll(mod);
    const { reads, calls } = counted(testServer().store);
    const cache = createReadCache(reads);
    expect((await cache.getPoll(draft.id))?.state).toBe('draft');
    // Opened elsewhere (no event reached this cache): the next read sees it open.
    okData(await request(mod, ClientEvent.PollOpen, { pollId: draft.id }));
    expect((await cache.getPoll(draft.id))?.state).toBe('open');
    expect(await cache.getPoll('po_missing')).toBeNull();
    expect(await cache.getPoll('po_missing')).toBeNull();
    expect(calls.poll).toBe(4);
  });

  it('a poll closed on another node: a new ballot is refused closed, a counted one sent again gets its ballot back', async () => {
    const server = testServer();
    const mod = await moderator();
    const poll = okData(await request(mod, ClientEvent.PollOpen, { pollId: (await draftPoll(mod)).id }));
    const { socket } = await attendee(server);
    const { socket: late } = await attendee(server);
    const clientId = randomUUID();
    const vote = { pollId: poll.id, ballot: { optionId: 'o1' }, clientId };
    okData(await request(socket, ClientEvent.PollVote, vote));
    // The node's copy of the poll says open; the store (as another node would) closes it.
    await server.store.updatePoll(poll.id, { state: 'closed' });
    expect(await request(socket, ClientEvent.PollVote, vote)).toEqual({ ok: true, data: { pollId: poll.id, ballot: { optionId: 'o1' } } });
    const refused = await request(late, ClientEvent.PollVote, { ...vote, clientId: randomUUID() });
    expect(refused).toMatchObject({ ok: false, error: { code: 'closed' } });
    expect((await server.store.getTallyCounts(poll.id)).total).toBe(1);
  });
});
