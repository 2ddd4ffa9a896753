import type { Lang } from '@jisr/protocol/common';
import type { Room, Session } from '@jisr/protocol/event';
import type { InsightsResponse, LangCounts, SessionInsight, TimelinePoint } from '@jisr/protocol/insights';
import type { QuestionStatus } from '@jisr/protocol/question';
import { REACTION_KINDS, type ReactionCounts, type ReactionKind } from '@jisr/protocol/audience';

/**
 * Insights are counted as things happen, into one flat map of numbers per event (a SQLite
 * table, a Redis hash), so that reading them never scans questions or ballots. This file
 * owns the names in that map and turns the map into the figures organizers see.
 *
 * Three kinds of entry:
 * - counters, added to (`add`): joins, questions, upvotes, ballots;
 * - sets, whose members are kept apart and whose size is a counter: a member new to its set
 *   adds 1 to each counter named with it (distinct participants, per event and per session);
 * - gauges, written by each node's sampler (`set`: overwritten, `max`: the highest of a
 *   minute), one per node (`#node`), summed over nodes when read: sockets are counted where
 *   they are connected, and no node can see another's without a round trip.
 */
export interface InsightBatch {
  add: Record<string, number>;
  max: Record<string, number>;
  set: Record<string, number>;
  /** Each member new to `set` adds 1 to each of `counters`. */
  members: { set: string; member: string; counters: string[] }[];
}

export function emptyBatch(): InsightBatch {
  return { add: {}, max: {}, set: {}, members: [] };
}

export function isEmptyBatch(batch: InsightBatch): boolean {
  return (
    Object.keys(batch.add).length === 0 &&
    Object.keys(batch.max).length === 0 &&
    Object.keys(batch.set).length === 0 &&
    batch.members.length === 0
  );
}

/** Adds `delta` into `into` (counters summed, maxima kept, sets overwritten, members appended). */
export function mergeBatch(into: InsightBatch, delta: Partial<InsightBatch>): InsightBatch {
  for (const [key, n] of Object.entries(delta.add ?? {})) into.add[key] = (into.add[key] ?? 0) + n;
  for (const [key, n] of Object.entries(delta.max ?? {})) into.max[key] = Math.max(into.max[key] ?? 0, n);
  for (const [key, n] of Object.entries(delta.set ?? {})) into.set[key] = n;
  into.members.push(...(delta.members ?? []));
  return into;
}

/** The minute an instant falls in, as the map names it. @example '2026-12-05T08:31' */
export function minuteOf(at: Date): string {
  return at.toISOString().slice(0, 16);
}

/** Every name in the map, from one place. */
export const insightKeys = {
  joins: 'joins',
  joinsAt: (minute: string) => `joins@${minute}`,
  participants: 'participants',
  participantsIn: (lang: Lang) => `participants:${lang}`,
  participantSet: 'participants',
  session: (sessionId: string, figure: SessionFigure) => `s:${sessionId}:${figure}`,
  sessionAskedIn: (sessionId: string, lang: Lang) => `s:${sessionId}:asked:${lang}`,
  sessionSet: (sessionId: string) => `s:${sessionId}`,
  sessionReactions: (sessionId: string, kind: ReactionKind) => `s:${sessionId}:reactions:${kind}`,
  reactionsAt: (minute: string) => `reactions@${minute}`,
  /** Gauges of one node. */
  liveNow: (node: string) => `now#${node}`,
  liveAt: (minute: string, node: string) => `live@${minute}#${node}`,
  sessionNow: (sessionId: string, node: string) => `s:${sessionId}:now#${node}`,
  sessionLiveAt: (sessionId: string, minute: string, node: string) => `s:${sessionId}:live@${minute}#${node}`,
  /** When the node last sampled (epoch ms): a node gone quiet no longer counts as "now". */
  heartbeat: (node: string) => `node#${node}`,
};

export type SessionFigure = 'joins' | 'participants' | 'asked' | 'approved' | 'answered' | 'upvotes' | 'ballots' | 'reactions';

/** An attendee joined the event (POST /api/join): counted once per participant. */
export function participantJoined(participant: { id: string; lang: Lang }, at: Date): Partial<InsightBatch> {
  return {
    add: { [insightKeys.joins]: 1, [insightKeys.joinsAt(minuteOf(at))]: 1 },
    members: [
      {
        set: insightKeys.participantSet,
        member: participant.id,
        counters: [insightKeys.participants, insightKeys.participantsIn(participant.lang)],
      },
    ],
  };
}

/** An attendee opened a session (every `session:join`, and once per person). */
export function sessionJoined(sessionId: string, actorKey: string): Partial<InsightBatch> {
  return {
    add: { [insightKeys.session(sessionId, 'joins')]: 1 },
    members: [{ set: insightKeys.sessionSet(sessionId), member: actorKey, counters: [insightKeys.session(sessionId, 'participants')] }],
  };
}

/** A new question; one published at once (unmoderated session) is also approved. */
export function questionAsked(question: { sessionId: string; lang: Lang; status: QuestionStatus }): Partial<InsightBatch> {
  const { sessionId } = question;
  return {
    add: {
      [insightKeys.session(sessionId, 'asked')]: 1,
      [insightKeys.sessionAskedIn(sessionId, question.lang)]: 1,
      ...(question.status === 'approved' ? { [insightKeys.session(sessionId, 'approved')]: 1 } : {}),
    },
  };
}

/**
 * A moderator changed a question: approved counts a question leaving the queue for the hall
 * (approve, or pin straight from the queue), answered counts a question marked answered.
 * Restoring or re-approving a rejected question is not a new approval.
 */
export function questionModerated(
  sessionId: string,
  before: QuestionStatus,
  after: QuestionStatus,
): Partial<InsightBatch> {
  const add: Record<string, number> = {};
  if (before === 'pending' && after === 'approved') add[insightKeys.session(sessionId, 'approved')] = 1;
  if (before !== 'answered' && after === 'answered') add[insightKeys.session(sessionId, 'answered')] = 1;
  return { add };
}

/** An upvote given (+1) or taken back (-1). */
export function questionVoted(sessionId: string, vote: boolean): Partial<InsightBatch> {
  return { add: { [insightKeys.session(sessionId, 'upvotes')]: vote ? 1 : -1 } };
}

/** Reactions taken in a session (one node's taps of one burst interval), by kind, in the minute `at`. */
export function reactionsTaken(sessionId: string, counts: ReactionCounts, at: Date): Partial<InsightBatch> {
  const add: Record<string, number> = {};
  let total = 0;
  for (const kind of REACTION_KINDS) {
    const n = counts[kind] ?? 0;
    if (n <= 0) continue;
    add[insightKeys.sessionReactions(sessionId, kind)] = n;
    total += n;
  }
  if (total === 0) return {};
  add[insightKeys.session(sessionId, 'reactions')] = total;
  add[insightKeys.reactionsAt(minuteOf(at))] = total;
  return { add };
}

/** A session's reactions so far, by kind, from the counted map. */
export function sessionReactions(counts: Readonly<Record<string, number>>, sessionId: string): ReactionCounts {
  const result: ReactionCounts = {};
  for (const kind of REACTION_KINDS) {
    const n = counts[insightKeys.sessionReactions(sessionId, kind)] ?? 0;
    if (n > 0) result[kind] = n;
  }
  return result;
}

/** A first ballot in a poll of the session. */
export function ballotCast(sessionId: string): Partial<InsightBatch> {
  return { add: { [insightKeys.session(sessionId, 'ballots')]: 1 } };
}

/**
 * One node's sample: attendee sockets now, in the event and per session. Sessions this node
 * sampled before and that are empty now are given as 0, so their "now" goes down.
 */
export function liveSample(
  node: string,
  at: Date,
  inEvent: number,
  bySession: ReadonlyMap<string, number>,
): Partial<InsightBatch> {
  const minute = minuteOf(at);
  const set: Record<string, number> = { [insightKeys.heartbeat(node)]: at.getTime(), [insightKeys.liveNow(node)]: inEvent };
  const max: Record<string, number> = { [insightKeys.liveAt(minute, node)]: inEvent };
  for (const [sessionId, n] of bySession) {
    set[insightKeys.sessionNow(sessionId, node)] = n;
    if (n > 0) max[insightKeys.sessionLiveAt(sessionId, minute, node)] = n;
  }
  return { set, max };
}

/** Reads the map. */
class Counts {
  constructor(private readonly map: Readonly<Record<string, number>>) {}

  get(key: string): number {
    return Math.max(0, this.map[key] ?? 0);
  }

  /** The sum over nodes of the gauges `${prefix}#node`, for nodes that sampled recently. */
  now(prefix: string, freshNodes: ReadonlySet<string>): number {
    let total = 0;
    for (const node of freshNodes) total += this.get(`${prefix}#${node}`);
    return total;
  }

  /** `${prefix}@minute#node` summed over nodes, per minute. */
  perMinute(prefix: string): Map<string, number> {
    const minutes = new Map<string, number>();
    const start = `${prefix}@`;
    for (const [key, n] of Object.entries(this.map)) {
      if (!key.startsWith(start)) continue;
      const rest = key.slice(start.length);
      const hash = rest.indexOf('#');
      const minute = hash < 0 ? rest : rest.slice(0, hash);
      minutes.set(minute, (minutes.get(minute) ?? 0) + n);
    }
    return minutes;
  }

  langs(prefix: string, langs: readonly Lang[]): LangCounts {
    const result: LangCounts = {};
    for (const lang of langs) {
      const n = this.get(`${prefix}:${lang}`);
      if (n > 0) result[lang] = n;
    }
    return result;
  }
}

const ALL_LANGS: readonly Lang[] = ['ar', 'fr', 'en', 'es', 'de', 'nl'];

function peak(minutes: ReadonlyMap<string, number>): number {
  let best = 0;
  for (const n of minutes.values()) best = Math.max(best, n);
  return best;
}

/** The nodes whose last sample is younger than `staleAfterMs`. */
function freshNodes(counts: Readonly<Record<string, number>>, now: Date, staleAfterMs: number): Set<string> {
  const nodes = new Set<string>();
  for (const [key, at] of Object.entries(counts)) {
    if (key.startsWith('node#') && now.getTime() - at <= staleAfterMs) nodes.add(key.slice('node#'.length));
  }
  return nodes;
}

/** Every minute from the first to the last one seen, gaps filled with zeros. */
function timeline(joins: ReadonlyMap<string, number>, live: ReadonlyMap<string, number>, reactions: ReadonlyMap<string, number>): TimelinePoint[] {
  const minutes = [...new Set([...joins.keys(), ...live.keys(), ...reactions.keys()])].sort();
  const first = minutes[0];
  const last = minutes.at(-1);
  if (first === undefined || last === undefined) return [];
  const points: TimelinePoint[] = [];
  const end = Date.parse(`${last}:00.000Z`);
  // Two days of minutes at most: a longer span (a test event left open) keeps only the minutes seen.
  const fill = end - Date.parse(`${first}:00.000Z`) <= 2 * 24 * 60 * 60_000;
  const list = fill ? [] : minutes;
  if (fill) for (let t = Date.parse(`${first}:00.000Z`); t <= end; t += 60_000) list.push(minuteOf(new Date(t)));
  for (const minute of list) {
    points.push({ minute: `${minute}:00.000Z`, joins: joins.get(minute) ?? 0, live: live.get(minute) ?? 0, reactions: reactions.get(minute) ?? 0 });
  }
  return points;
}

export interface InsightsInput {
  eventId: string;
  counts: Readonly<Record<string, number>>;
  sessions: readonly Session[];
  rooms: readonly Room[];
  /** Questions waiting for a moderator now, by session id (absent: 0). */
  waiting: Readonly<Record<string, number>>;
  now: Date;
  /** A node's gauges count as "now" while its last sample is at most this old. */
  staleAfterMs: number;
}

/** The dashboard's figures from the counted map. */
export function summarizeInsights(input: InsightsInput): InsightsResponse {
  const counts = new Counts(input.counts);
  const nodes = freshNodes(input.counts, input.now, input.staleAfterMs);
  const sessions: SessionInsight[] = input.sessions.map((session) => {
    const key = (figure: SessionFigure) => counts.get(insightKeys.session(session.id, figure));
    const asked = key('asked');
    const upvotes = key('upvotes');
    const ballots = key('ballots');
    return {
      sessionId: session.id,
      roomId: session.roomId,
      title: session.title,
      status: session.status,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      joins: key('joins'),
      participants: key('participants'),
      liveNow: counts.now(`s:${session.id}:now`, nodes),
      livePeak: peak(counts.perMinute(`s:${session.id}:live`)),
      asked,
      approved: key('approved'),
      answered: key('answered'),
      upvotes,
      ballots,
      waiting: input.waiting[session.id] ?? 0,
      askedByLang: counts.langs(`s:${session.id}:asked`, ALL_LANGS),
      engagement: asked + upvotes + ballots,
      reactions: key('reactions'),
      reactionsByKind: sessionReactions(input.counts, session.id),
    };
  });
  const sum = (figure: keyof SessionInsight) => sessions.reduce((total, s) => total + (s[figure] as number), 0);
  const questionsByLang: LangCounts = {};
  for (const s of sessions) {
    for (const [lang, n] of Object.entries(s.askedByLang) as [Lang, number][]) questionsByLang[lang] = (questionsByLang[lang] ?? 0) + n;
  }
  const eventLive = counts.perMinute('live');
  return {
    eventId: input.eventId,
    generatedAt: input.now.toISOString(),
    totals: {
      joins: counts.get(insightKeys.joins),
      participants: counts.get(insightKeys.participants),
      liveNow: counts.now('now', nodes),
      livePeak: peak(eventLive),
      asked: sum('asked'),
      approved: sum('approved'),
      answered: sum('answered'),
      upvotes: sum('upvotes'),
      ballots: sum('ballots'),
      waiting: sum('waiting'),
      reactions: sum('reactions'),
    },
    participantsByLang: counts.langs('participants', ALL_LANGS),
    questionsByLang,
    timeline: timeline(counts.perMinute('joins'), eventLive, counts.perMinute('reactions')),
    sessions,
    rooms: input.rooms.map((room) => ({
      roomId: room.id,
      name: room.name,
      liveNow: sessions.filter((s) => s.roomId === room.id).reduce((total, s) => total + s.liveNow, 0),
    })),
  };
}

/** Most attended first: the peak, then distinct participants, then agenda order. */
export function rankByAttendance(sessions: readonly SessionInsight[]): string[] {
  return [...sessions]
    .map((session, index) => ({ session, index }))
    .sort((a, b) => b.session.livePeak - a.session.livePeak || b.session.participants - a.session.participants || a.index - b.index)
    .map(({ session }) => session.sessionId);
}

/** Most engaged first: questions, upvotes and ballots together, then agenda order. */
export function rankByEngagement(sessions: readonly SessionInsight[]): string[] {
  return [...sessions]
    .map((session, index) => ({ session, index }))
    .sort((a, b) => b.session.engagement - a.session.engagement || a.index - b.index)
    .map(({ session }) => session.sessionId);
}
