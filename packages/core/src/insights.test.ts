import type { Room, Session } from '@jisr/protocol/event';
import { describe, expect, it } from 'vitest';
import {
  ballotCast,
  reactionsTaken,
  emptyBatch,
  liveSample,
  mergeBatch,
  participantJoined,
  questionAsked,
  questionModerated,
  questionVoted,
  rankByAttendance,
  rankByEngagement,
  sessionJoined,
  summarizeInsights,
  type InsightBatch,
} from './insights.js';

const room: Room = { id: 'r1', eventId: 'e1', name: { en: 'Hall' }, position: 0 };
const session = (id: string): Session => ({
  id,
  eventId: 'e1',
  roomId: 'r1',
  kind: 'talk',
  title: { en: id },
  description: {},
  startsAt: '2026-12-05T08:00:00.000Z',
  endsAt: '2026-12-05T09:00:00.000Z',
  status: 'live',
  delayMinutes: 0,
  speakerIds: [],
  qa: { open: true, moderated: false, anonymousAllowed: true },
});

/** Applies a batch the way both stores do: the reference the contract suite checks them against. */
function apply(map: Record<string, number>, sets: Map<string, Set<string>>, batch: InsightBatch): void {
  for (const [key, n] of Object.entries(batch.add)) map[key] = (map[key] ?? 0) + n;
  for (const [key, n] of Object.entries(batch.max)) map[key] = Math.max(map[key] ?? 0, n);
  for (const [key, n] of Object.entries(batch.set)) map[key] = n;
  for (const { set, member, counters } of batch.members) {
    const members = sets.get(set) ?? new Set<string>();
    sets.set(set, members);
    if (members.has(member)) continue;
    members.add(member);
    for (const counter of counters) map[counter] = (map[counter] ?? 0) + 1;
  }
}

describe('insights counters', () => {
  it('merge: counters add, maxima keep the highest, gauges are overwritten', () => {
    const batch = emptyBatch();
    mergeBatch(batch, { add: { a: 1 }, max: { m: 3 }, set: { g: 5 } });
    mergeBatch(batch, { add: { a: 2 }, max: { m: 2 }, set: { g: 1 } });
    expect(batch).toEqual({ add: { a: 3 }, max: { m: 3 }, set: { g: 1 }, members: [] });
  });

  it('a scripted session gives every figure, per session and per language', () => {
    const map: Record<string, number> = {};
    const sets = new Map<string, Set<string>>();
    const batch = emptyBatch();
    const t0 = new Date('2026-12-05T08:00:10.000Z');
    const t1 = new Date('2026-12-05T08:02:30.000Z');
    mergeBatch(batch, participantJoined({ id: 'p1', lang: 'ar' }, t0));
    mergeBatch(batch, participantJoined({ id: 'p2', lang: 'fr' }, t0));
    mergeBatch(batch, participantJoined({ id: 'p2', lang: 'fr' }, t1)); // the same person again: a join, not a participant
    mergeBatch(batch, sessionJoined('s1', 'p1'));
    mergeBatch(batch, sessionJoined('s1', 'p1'));
    mergeBatch(batch, sessionJoined('s1', 'p2'));
    mergeBatch(batch, sessionJoined('s2', 'p2'));
    mergeBatch(batch, questionAsked({ sessionId: 's1', lang: 'ar', status: 'approved' }));
    mergeBatch(batch, questionAsked({ sessionId: 's2', lang: 'fr', status: 'pending' }));
    mergeBatch(batch, questionAsked({ sessionId: 's2', lang: 'fr', status: 'pending' }));
    mergeBatch(batch, questionModerated('s2', 'pending', 'approved'));
    mergeBatch(batch, questionModerated('s2', 'rejected', 'approved'));
    mergeBatch(batch, questionModerated('s1', 'approved', 'answered'));
    mergeBatch(batch, questionVoted('s1', true));
    mergeBatch(batch, questionVoted('s1', true));
    mergeBatch(batch, questionVoted('s1', false));
    mergeBatch(batch, ballotCast('s2'));
    mergeBatch(batch, reactionsTaken('s1', { clap: 40, up: 2 }, t0));
    mergeBatch(batch, reactionsTaken('s1', { clap: 5 }, t1));
    mergeBatch(batch, reactionsTaken('s2', {}, t1)); // nothing taken: nothing counted
    mergeBatch(batch, liveSample('n1', t0, 2, new Map([['s1', 2]])));
    mergeBatch(batch, liveSample('n2', t0, 1, new Map([['s2', 1]])));
    mergeBatch(batch, liveSample('n1', t1, 1, new Map([['s1', 1]])));
    apply(map, sets, batch);
    const insights = summarizeInsights({
      eventId: 'e1',
      counts: map,
      sessions: [session('s1'), session('s2')],
      rooms: [room],
      waiting: { s2: 1 },
      now: new Date('2026-12-05T08:02:40.000Z'),
      staleAfterMs: 15_000,
    });
    expect(insights.totals).toEqual({
      joins: 3,
      participants: 2,
      liveNow: 1, // n2 last sampled 2.5 minutes ago: no longer "now"
      livePeak: 3,
      asked: 3,
      approved: 2,
      answered: 1,
      upvotes: 1,
      ballots: 1,
      waiting: 1,
      reactions: 47,
    });
    expect(insights.participantsByLang).toEqual({ ar: 1, fr: 1 });
    expect(insights.questionsByLang).toEqual({ ar: 1, fr: 2 });
    const [s1, s2] = insights.sessions;
    expect(s1).toMatchObject({ joins: 3, participants: 2, livePeak: 2, liveNow: 1, asked: 1, approved: 1, answered: 1, upvotes: 1, engagement: 2, reactions: 47, reactionsByKind: { clap: 45, up: 2 } });
    expect(s2).toMatchObject({ joins: 1, participants: 1, livePeak: 1, liveNow: 0, asked: 2, approved: 1, ballots: 1, waiting: 1, engagement: 3, reactions: 0, reactionsByKind: {} });
    expect(insights.timeline).toEqual([
      { minute: '2026-12-05T08:00:00.000Z', joins: 2, live: 3, reactions: 42 },
      { minute: '2026-12-05T08:01:00.000Z', joins: 0, live: 0, reactions: 0 },
      { minute: '2026-12-05T08:02:00.000Z', joins: 1, live: 1, reactions: 5 },
    ]);
    expect(insights.rooms).toEqual([{ roomId: 'r1', name: { en: 'Hall' }, liveNow: 1 }]);
    expect(rankByAttendance(insights.sessions)).toEqual(['s1', 's2']);
    expect(rankByEngagement(insights.sessions)).toEqual(['s2', 's1']);
  });

  it('an empty event has zeros and no timeline', () => {
    const insights = summarizeInsights({ eventId: 'e1', counts: {}, sessions: [], rooms: [], waiting: {}, now: new Date(), staleAfterMs: 1 });
    expect(insights.timeline).toEqual([]);
    expect(insights.totals.joins).toBe(0);
  });

  it('never shows a negative figure (more upvotes taken back than counted, e.g. before counting began)', () => {
    const insights = summarizeInsights({ eventId: 'e1', counts: { 's:s1:upvotes': -2 }, sessions: [session('s1')], rooms: [], waiting: {}, now: new Date(), staleAfterMs: 1 });
    expect(insights.sessions[0]?.upvotes).toBe(0);
  });
});
