import type { Contribution, TallyCounts } from '@jisr/core/poll-ballots';
import type { Ballot, Poll } from '@jisr/protocol/poll';
import type { TextAnswer } from '@jisr/protocol/poll-answers';
import { newId } from '../ids.js';
import { canonicalJson, pollTextsKey } from '../poll-texts.js';
import { answerId, answerPlace } from '../stage-record.js';
import { StoreNotFound, type CastOutcome, type CastResult, type CountedLimit, type NewBallot, type NewPoll, type PollChange, type PollGuard, type Sequenced } from '../store.js';
import { listEventIds } from './agenda.js';
import { isRefusal } from './connection.js';
import { homeOf, inEvent, listArg, listIndexed, type RedisContext } from './context.js';
import { ballotJson, fieldList, flag, ordOf, pollHash, toBallot, toPoll, toTextAnswer, type Hash } from './records.js';
import { asArray, asInteger, asPairs, asSequenced, asString } from './replies.js';

/**
 * Polls, their ballots and running counts: each write is one script (poll-scripts.ts).
 * Changes to a poll bump the session's seq; ballots don't (DESIGN.md section 6).
 */

/**
 * Two steps: the poll's home and its place in the creation order of all polls (one
 * transaction on the directory's slot: listOpenPolls orders polls across events), then one
 * script on the event's slot that checks the session and stores the poll.
 */
export async function createPoll(ctx: RedisContext, poll: NewPoll): Promise<Sequenced<Poll>> {
  const { sessionId } = poll;
  const eventId = await homeOf(ctx, sessionId, 'session');
  const id = newId('poll');
  const [, ord] = await ctx.client
    .multi()
    .hSet(ctx.keys.inDirectory('homes'), id, eventId)
    .incr(ctx.keys.inDirectory('pollOrd'))
    .exec();
  ctx.homes.remember(id, eventId);
  const fields = listArg(fieldList(pollHash({ id, ...poll })));
  try {
    const reply = await inEvent(ctx, eventId, 'createPoll', [id, sessionId, String(asInteger(ord, 'poll ord')), ...fields]);
    return asSequenced(reply, `new poll ${id}`, toPoll);
  } catch (error) {
    if (isRefusal(error)) await ctx.homes.forget(id);
    throw error;
  }
}

export async function getPoll(ctx: RedisContext, id: string): Promise<Poll | null> {
  const eventId = await ctx.homes.eventOf(id);
  if (eventId === null) return null;
  const hash = await ctx.client.hGetAll(ctx.keys.inEvent(eventId, 'poll', id));
  return Object.keys(hash).length > 0 ? toPoll(hash) : null;
}

/** In creation order. */
export async function listPolls(ctx: RedisContext, sessionId: string): Promise<Poll[]> {
  const eventId = await ctx.homes.eventOf(sessionId);
  if (eventId === null) return [];
  return (await listIndexed(ctx, eventId, 'polls', sessionId, 'poll')).map(toPoll);
}

/** Every open poll of every event, in creation order: each event's, merged by their place in it. */
export async function listOpenPolls(ctx: RedisContext): Promise<Poll[]> {
  const perEvent = await Promise.all((await listEventIds(ctx)).map((eventId) => listIndexed(ctx, eventId, 'openPolls', '', 'poll')));
  const hashes: Hash[] = perEvent.flat();
  const ords = new Map(hashes.map((hash) => [hash, ordOf(hash, 'poll')]));
  return hashes.sort((a, b) => (ords.get(a) ?? 0) - (ords.get(b) ?? 0)).map(toPoll);
}

/** The guard's states as the script reads them: a list, or none. */
function guardArgs(guard: PollGuard | undefined): string[] {
  return [...listArg(guard?.states), ...listArg(guard?.texts && pollTextsKey(guard.texts))];
}

/** Fields to set and fields to delete: undefined leaves a field as it is, null clears a time. */
function changeFields(change: PollChange): { sets: Hash; deletes: string[] } {
  const sets: Hash = {};
  const deletes: string[] = [];
  const clearable = (field: 'openedAt' | 'closesAt', value: string | null | undefined): void => {
    if (value === null) deletes.push(field);
    else if (value !== undefined) sets[field] = value;
  };
  if (change.state !== undefined) sets.state = change.state;
  if (change.prompt !== undefined) sets.prompt = change.prompt;
  if (change.options !== undefined) sets.options = canonicalJson(change.options);
  if (change.settings !== undefined) sets.settings = JSON.stringify(change.settings);
  if (change.revealed !== undefined) sets.revealed = flag(change.revealed);
  clearable('openedAt', change.openedAt);
  clearable('closesAt', change.closesAt);
  if (change.lang !== undefined) sets.lang = change.lang;
  if (change.translations === null) deletes.push('translations');
  else if (change.translations !== undefined) sets.translations = canonicalJson(change.translations);
  return { sets, deletes };
}

export async function updatePoll(ctx: RedisContext, id: string, change: PollChange, guard?: PollGuard): Promise<Sequenced<Poll>> {
  const eventId = await homeOf(ctx, id, 'poll');
  const { sets, deletes } = changeFields(change);
  const reply = await inEvent(ctx, eventId, 'updatePoll', [id, ...guardArgs(guard), ...listArg(fieldList(sets)), ...listArg(deletes)]);
  return asSequenced(reply, `poll ${id}`, toPoll);
}

export async function deletePoll(ctx: RedisContext, id: string): Promise<Sequenced<Poll>> {
  const eventId = await homeOf(ctx, id, 'poll');
  const deleted = asSequenced(await inEvent(ctx, eventId, 'deletePoll', [id]), `deleted poll ${id}`, toPoll);
  await ctx.homes.forget(id);
  return deleted;
}

export async function resetPoll(ctx: RedisContext, id: string): Promise<Sequenced<Poll>> {
  const eventId = await homeOf(ctx, id, 'poll');
  return asSequenced(await inEvent(ctx, eventId, 'resetPoll', [id]), `reset poll ${id}`, toPoll);
}

/** The contributions as stored (key, weight, label), or a TypeError. */
function checkedContributions(contributions: readonly Contribution[]): Contribution[] {
  return contributions.map(({ key, weight, label }) => {
    // Counts are integers (Borda points and ones): a fraction would drift when taken back.
    if (!Number.isSafeInteger(weight)) throw new TypeError(`contribution weight ${weight} is not an integer`);
    return label === undefined ? { key, weight } : { key, weight, label };
  });
}

const OUTCOMES: readonly string[] = ['cast', 'changed', 'repeat', 'locked', 'closed', 'limited'] satisfies CastOutcome[];

/**
 * A ballot's limit as the cast script reads it. Its key must hash to the event's slot (a
 * Redis Cluster hash tag `{eventId}` in it), so that one script may touch it and the poll.
 */
function limitArgs(limit: CountedLimit | undefined, eventId: string): string[] {
  if (!limit) return ['', '0', '0'];
  if (!limit.key.includes(`{${eventId}}`)) throw new TypeError(`limit key ${limit.key} is not in the slot of event ${eventId}`);
  if (!Number.isSafeInteger(limit.points) || !Number.isSafeInteger(limit.seconds) || limit.seconds <= 0) {
    throw new TypeError(`limit ${limit.points} points a ${limit.seconds} s is not a pair of integers`);
  }
  return [limit.key, String(limit.points), String(limit.seconds)];
}

function isOutcome(value: string): value is CastOutcome {
  return OUTCOMES.includes(value);
}

/** One script call (the home of a poll is remembered after the first ballot on it). */
export async function castBallot(ctx: RedisContext, input: NewBallot): Promise<CastResult> {
  const contributions = checkedContributions(input.contributions);
  const score = input.score ?? 0;
  if (!Number.isSafeInteger(score)) throw new TypeError(`quiz score ${score} is not an integer`);
  const { pollId, voterKey } = input;
  const eventId = await homeOf(ctx, pollId, 'poll');
  const args = [
    pollId,
    voterKey,
    input.clientId,
    ballotJson(input, contributions),
    flag(input.allowChange),
    flag(input.voterName !== undefined),
    input.voterName ?? '',
    String(score),
    ...listArg(contributions.flatMap(({ key, weight, label }) => [key, String(weight), label === undefined ? '' : `=${label}`])),
    ...limitArgs(input.limit, eventId),
  ];
  const [outcome, stored, replaced, hidden] = asArray(await inEvent(ctx, eventId, 'castBallot', args), `ballot on poll ${pollId}`);
  const name = asString(outcome, `outcome of a ballot on poll ${pollId}`);
  if (!isOutcome(name)) throw new TypeError(`castBallot answered an unknown outcome: ${name}`);
  if (name === 'closed') return { outcome: name };
  if (name === 'limited') return { outcome: name, retryAfterMs: asInteger(stored, `limit window on ${pollId}`) };
  if (name === 'repeat' || name === 'locked') return { outcome: name, ballot: toBallot(asString(stored, `stored ballot on ${pollId}`)) };
  if (!('text' in input.ballot)) return { outcome: name, ballot: input.ballot };
  // For a cast: `stored` is the new ballot's place, `replaced` the earlier one's ('' for none).
  const before = asString(replaced, `replaced place on ${pollId}`);
  const answer = {
    id: answerId(asInteger(stored, `place on ${pollId}`)),
    hidden: hidden === '1',
    ...(before === '' ? {} : { replaces: answerId(asInteger(before, `replaced place on ${pollId}`)) }),
  };
  return { outcome: name, ballot: input.ballot, answer };
}

/** total, the counts of keys not at 0, and the first labels of those keys (absent when none). */
export async function getTallyCounts(ctx: RedisContext, pollId: string): Promise<TallyCounts> {
  const eventId = await ctx.homes.eventOf(pollId);
  if (eventId === null) return { total: 0, counts: {} };
  const [total, counts, labels] = asArray(await inEvent(ctx, eventId, 'tally', [pollId]), `tally of ${pollId}`);
  const nonZero = asPairs(counts, `counts of ${pollId}`)
    .map(([key, count]): [string, number] => [key, asInteger(count, `count of ${key}`)])
    .filter(([, count]) => count !== 0);
  const counted = new Set(nonZero.map(([key]) => key));
  const shown = asPairs(labels, `labels of ${pollId}`).filter(([key]) => counted.has(key));
  // fromEntries makes own properties even of keys such as "__proto__".
  const tally: TallyCounts = { total: asInteger(total, `total of ${pollId}`), counts: Object.fromEntries(nonZero) };
  return shown.length > 0 ? { ...tally, labels: Object.fromEntries(shown) } : tally;
}

export async function listBallots(ctx: RedisContext, sessionId: string, voterKey: string): Promise<Record<string, Ballot>> {
  const eventId = await ctx.homes.eventOf(sessionId);
  if (eventId === null) return {};
  const pairs = asPairs(await inEvent(ctx, eventId, 'listBallots', [sessionId, voterKey]), `ballots in ${sessionId}`);
  return Object.fromEntries(pairs.map(([pollId, stored]) => [pollId, toBallot(stored)]));
}

/** A (ballot JSON, place, hidden flag) triple of the scripts as an answer, or undefined when the ballot has no text. */
function textAnswerOf(json: unknown, place: unknown, hidden: unknown, what: string): TextAnswer | undefined {
  const answer = toTextAnswer(asString(json, what));
  return answer && { id: answerId(asInteger(place, `${what} place`)), ...answer, hidden: hidden === '1' };
}

/** Oldest first, in the order stored: a changed answer counts as a new one. */
export async function listTextAnswers(ctx: RedisContext, pollId: string): Promise<TextAnswer[]> {
  const eventId = await ctx.homes.eventOf(pollId);
  if (eventId === null) return [];
  const flat = asArray(await inEvent(ctx, eventId, 'answers', [pollId]), `answers of ${pollId}`);
  const answers: TextAnswer[] = [];
  for (let index = 0; index < flat.length; index += 3) {
    const answer = textAnswerOf(flat[index], flat[index + 1], flat[index + 2], `an answer of ${pollId}`);
    if (answer) answers.push(answer);
  }
  return answers;
}

export async function setTextAnswerHidden(ctx: RedisContext, pollId: string, id: string, hidden: boolean): Promise<TextAnswer> {
  const place = answerPlace(id);
  const eventId = await ctx.homes.eventOf(pollId);
  if (place === undefined || eventId === null) throw new StoreNotFound(`no answer ${id} in poll ${pollId}`);
  const [json, at, flag] = asArray(await inEvent(ctx, eventId, 'hideAnswer', [pollId, String(place), hidden ? '1' : '0']), `answer ${id}`);
  const answer = textAnswerOf(json, at, flag, `answer ${id} of ${pollId}`);
  if (!answer) throw new StoreNotFound(`no answer ${id} in poll ${pollId}`);
  return answer;
}

/** Best first, ties by name (code point order) then voter key: the order of the board's zset. */
export async function quizLeaderboard(ctx: RedisContext, sessionId: string, limit: number): Promise<{ name: string; score: number }[]> {
  if (!(limit > 0)) return [];
  const count = Number.isFinite(limit) ? Math.floor(limit) : Infinity;
  if (count === 0) return [];
  const eventId = await ctx.homes.eventOf(sessionId);
  if (eventId === null) return [];
  const stop = count === Infinity ? '-1' : String(count - 1);
  const lines = asPairs(await inEvent(ctx, eventId, 'quizLeaderboard', [sessionId, stop]), `leaderboard of ${sessionId}`);
  return lines.map(([name, score]) => ({ name, score: asInteger(score, `points of ${name}`) }));
}
