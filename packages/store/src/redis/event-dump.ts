import { dumpPhoto, photoOfDump } from '../speaker-photos.js';
import { getSpeakerPhoto } from './speaker-photos.js';
import { Ballot } from '@jisr/protocol/poll';
import type { DumpBallot, DumpPoll, DumpQuestion, DumpQuizScore, EventDump } from '@jisr/protocol/event-dump';
import { byText, checkDump, dumpIds, EVENT_DUMP_FORMAT, EVENT_DUMP_VERSION, ownerPasswordHash, rankMerges, sortedRecord, type ImportOptions, type ImportResult } from '../event-dump.js';
import { dumpedAuthorKey } from '../anonymous-authors.js';
import { newId } from '../ids.js';
import { emailKey } from '../normalize.js';
import { StoreConflict, StoreNotFound } from '../store.js';
import { getUser, getUserByEmail } from './people.js';
import * as surveys from './surveys.js';
import { answersOfDump, dumpSurvey, surveyOfDump } from '../surveys.js';
import { scanKeys, storeError } from './connection.js';
import { inDirectory, listArg, listIndexed, type RedisContext } from './context.js';
import type { EventKey } from './keys.js';
import { DIRECTORY_PRELUDE } from './lua-prelude.js';
import {
  announcementHash,
  ballotJson,
  CorruptRecord,
  eventHash,
  fieldList,
  inviteHash,
  ordOf,
  participantHash,
  pollHash,
  questionHash,
  roomHash,
  sessionHash,
  speakerHash,
  toAnnouncement,
  toEvent,
  toInvite,
  toParticipant,
  toPoll,
  toQuestion,
  toRoom,
  toSession,
  toSpeaker,
  userHash,
  type Hash,
} from './records.js';

/**
 * exportEvent / importEvent for the Redis store. An export reads key by key: it is exact for
 * an event nobody writes to meanwhile (a backup of a live event may catch a vote half-way
 * between two reads). An import writes the event's keys first, under its own slot and out of
 * reach (no join code leads to them), then the homes of its ids, then one directory script
 * claims the join code and the invite tokens: only then can anyone find the event.
 */

/** Commands sent together (node-redis pipelines what is sent in one tick): small enough for any event. */
const BATCH = 1000;

export async function exportEvent(ctx: RedisContext, id: string, now: string): Promise<EventDump> {
  const eventHashValue = await ctx.client.hGetAll(ctx.keys.inEvent(id, 'event'));
  if (Object.keys(eventHashValue).length === 0) throw new StoreNotFound(`no event ${id}`);
  const { ownerId, organizerIds, ...event } = toEvent(eventHashValue);
  const owner = await getUser(ctx, ownerId);
  if (!owner) throw new StoreNotFound(`no user ${ownerId} (the owner of event ${id})`);
  const sessionHashes = await listIndexed(ctx, id, 'sessions', '', 'session');
  const speakers = (await listIndexed(ctx, id, 'speakers', '', 'speaker')).map(toSpeaker);
  const sessionIds = sessionHashes.map((hash) => toSession(hash).id);
  return {
    format: EVENT_DUMP_FORMAT,
    version: EVENT_DUMP_VERSION,
    exportedAt: now,
    owner: { id: owner.id, email: owner.email, name: owner.name, createdAt: owner.createdAt },
    coOrganizers: (await Promise.all(organizerIds.map((userId) => getUser(ctx, userId)))).flatMap((user) =>
      user ? [{ id: user.id, email: user.email, name: user.name, createdAt: user.createdAt }] : [],
    ),
    event,
    rooms: (await listIndexed(ctx, id, 'rooms', '', 'room')).map(toRoom),
    speakers,
    speakerPhotos: (await Promise.all(speakers.map(async (speaker) => ({ speakerId: speaker.id, photo: await getSpeakerPhoto(ctx, id, speaker.id) })))).flatMap(({ speakerId, photo }) =>
      photo ? [dumpPhoto(speakerId, photo)] : [],
    ),
    sessions: sessionHashes.map((hash) => ({ ...toSession(hash), seq: intField(hash, 'seq', 'session') })),
    participants: await exportParticipants(ctx, id),
    questions: await exportQuestions(ctx, id, sessionIds),
    polls: await exportPolls(ctx, id, sessionIds),
    quizScores: await exportQuizScores(ctx, id, sessionIds),
    invites: (await listIndexed(ctx, id, 'invites', '', 'invite')).map(toInvite),
    announcements: (await listIndexed(ctx, id, 'announcements', '', 'announcement')).map(toAnnouncement),
    surveys: await Promise.all((await surveys.listSurveys(ctx, id)).map(async (survey) => dumpSurvey(survey, await surveys.listSurveyAnswers(ctx, id, survey.id)))),
  };
}

function intField(hash: Hash, field: string, what: string): number {
  const value = Number(hash[field] ?? '0');
  if (!Number.isSafeInteger(value)) throw new CorruptRecord(`${what} ${hash.id ?? '?'}: ${field} is not an integer`);
  return value;
}

/** Participants have no index (nothing lists them): found by their keys' names. */
async function exportParticipants(ctx: RedisContext, eventId: string): Promise<EventDump['participants']> {
  const base = ctx.keys.eventBase(eventId);
  // eventPattern is the base, glob-escaped, then '*'.
  const match = `${ctx.keys.eventPattern(eventId).slice(0, -1)}participant:*`;
  const keys: string[] = [];
  for await (const batch of scanKeys(ctx.client, match)) keys.push(...batch);
  const found: EventDump['participants'] = [];
  for (let index = 0; index < keys.length; index += BATCH) {
    const hashes = await Promise.all(keys.slice(index, index + BATCH).map((key) => ctx.client.hGetAll(key)));
    for (const [offset, hash] of hashes.entries()) {
      if (Object.keys(hash).length === 0) continue;
      const key = keys[index + offset] ?? '';
      if (key.slice(base.length) !== `participant:${hash.id ?? ''}`) continue;
      found.push(toParticipant(hash));
    }
  }
  return found.sort((a, b) => byText(a.id, b.id));
}

/** Every session's records of one kind, merged into creation order by their `ord`. */
async function inCreationOrder(ctx: RedisContext, eventId: string, sessionIds: string[], kind: 'question' | 'poll'): Promise<Hash[]> {
  const index = kind === 'question' ? 'questions' : 'polls';
  const perSession = await Promise.all(sessionIds.map((sessionId) => listIndexed(ctx, eventId, index, sessionId, kind)));
  const hashes = perSession.flat();
  const ords = new Map(hashes.map((hash) => [hash, ordOf(hash, kind)]));
  return hashes.sort((a, b) => (ords.get(a) ?? 0) - (ords.get(b) ?? 0));
}

async function exportQuestions(ctx: RedisContext, eventId: string, sessionIds: string[]): Promise<DumpQuestion[]> {
  const questions = (await inCreationOrder(ctx, eventId, sessionIds, 'question')).map(toQuestion);
  const voters: string[][] = [];
  for (let index = 0; index < questions.length; index += BATCH) {
    const slice = questions.slice(index, index + BATCH);
    voters.push(...(await Promise.all(slice.map((question) => ctx.client.sMembers(ctx.keys.inEvent(eventId, 'votes', question.id))))));
  }
  // A merged question's place in its group: its score in the kept question's variants zset.
  const orders = await Promise.all(
    questions.map((question) =>
      question.mergedInto === undefined ? Promise.resolve(null) : ctx.client.zScore(ctx.keys.inEvent(eventId, 'variants', question.mergedInto), question.id),
    ),
  );
  return rankMerges(questions.map(({ mergedInto, ...question }, index) => {
    const order = orders[index];
    return {
      ...question,
      authorKey: dumpedAuthorKey(question),
      voters: (voters[index] ?? []).sort(byText),
      ...(mergedInto === undefined ? {} : { mergedInto, mergeOrder: order ?? 0 }),
    };
  }));
}

async function exportPolls(ctx: RedisContext, eventId: string, sessionIds: string[]): Promise<DumpPoll[]> {
  const polls: DumpPoll[] = [];
  for (const hash of await inCreationOrder(ctx, eventId, sessionIds, 'poll')) {
    const poll = toPoll(hash);
    const [stored, order, counts, labels, hidden] = await Promise.all([
      ctx.client.hGetAll(ctx.keys.inEvent(eventId, 'ballots', poll.id)),
      ctx.client.zRangeWithScores(ctx.keys.inEvent(eventId, 'answerOrder', poll.id), 0, -1),
      ctx.client.hGetAll(ctx.keys.inEvent(eventId, 'counts', poll.id)),
      ctx.client.hGetAll(ctx.keys.inEvent(eventId, 'labels', poll.id)),
      ctx.client.sMembers(ctx.keys.inEvent(eventId, 'answerHidden', poll.id)),
    ]);
    const hiddenVoters = new Set(hidden);
    const places = new Map(order.map(({ value, score }) => [String(value), score]));
    const ballots = Object.entries(stored)
      .map(([voterKey, json]) => ({
        ...storedBallot(voterKey, json, places.get(voterKey), poll.id),
        ...(hiddenVoters.has(voterKey) ? { hidden: true } : {}),
      }))
      .sort((a, b) => a.place - b.place);
    polls.push({
      ...poll,
      casts: intField(hash, 'casts', 'poll'),
      counts: sortedRecord(Object.entries(counts).map(([key, count]): [string, number] => [key, Number(count)])),
      labels: sortedRecord(Object.entries(labels)),
      ballots,
    });
  }
  return polls;
}

/** A ballot as records.ts stores it (ballotJson), with its place in the answer order. */
function storedBallot(voterKey: string, json: string, place: number | undefined, pollId: string): DumpBallot {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null) throw new CorruptRecord(`a ballot of poll ${pollId} is not an object`);
  const { ballot, clientId, castAt, voterName, score, contributions } = value as Record<string, unknown>;
  if (typeof clientId !== 'string' || typeof castAt !== 'string' || typeof score !== 'number' || !Array.isArray(contributions)) {
    throw new CorruptRecord(`a ballot of poll ${pollId} lacks clientId, castAt, score or contributions`);
  }
  if (voterName !== undefined && typeof voterName !== 'string') throw new CorruptRecord(`a ballot of poll ${pollId} has a bad voterName`);
  if (place === undefined) throw new CorruptRecord(`a ballot of poll ${pollId} has no place in the answer order`);
  return {
    voterKey,
    ...(voterName === undefined ? {} : { voterName }),
    ballot: Ballot.parse(ballot),
    contributions: contributions.map((pair: unknown) => {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'number') {
        throw new CorruptRecord(`a ballot of poll ${pollId} has a bad contribution`);
      }
      return { key: pair[0], weight: pair[1] };
    }),
    score,
    clientId,
    castAt,
    place,
  };
}

async function exportQuizScores(ctx: RedisContext, eventId: string, sessionIds: string[]): Promise<DumpQuizScore[]> {
  const lines: DumpQuizScore[] = [];
  for (const sessionId of sessionIds) {
    const [points, ballots, names] = await Promise.all([
      ctx.client.hGetAll(ctx.keys.inEvent(eventId, 'quizPoints', sessionId)),
      ctx.client.hGetAll(ctx.keys.inEvent(eventId, 'quizBallots', sessionId)),
      ctx.client.hGetAll(ctx.keys.inEvent(eventId, 'quizNames', sessionId)),
    ]);
    for (const [voterKey, count] of Object.entries(ballots)) {
      const name = names[voterKey];
      if (Number(count) <= 0 || name === undefined) continue;
      lines.push({ sessionId, voterKey, name, score: Number(points[voterKey] ?? '0'), ballots: Number(count) });
    }
  }
  return lines.sort((a, b) => byText(a.sessionId, b.sessionId) || byText(a.voterKey, b.voterKey));
}

/** Claims the join code, the event's place in the list and its invites' tokens, once the owner exists. */
const CLAIM_IMPORTED_EVENT = String.raw`${DIRECTORY_PRELUDE}
local id, code, ownerId = arg(), arg(), arg()
local tokens = list()
if redis.call('HEXISTS', D.eventCodes(), code) == 1 then return conflict('join code ' .. code .. ' is taken: give another one') end
if redis.call('EXISTS', D.user(ownerId)) == 0 then return notFound('no user ' .. ownerId) end
for i = 1, #tokens, 2 do
  if redis.call('HEXISTS', D.inviteTokens(), tokens[i]) == 1 then return conflict('the token of invite ' .. tokens[i + 1] .. ' is another invite\'s here') end
end
for i = 1, #tokens, 2 do redis.call('HSET', D.inviteTokens(), tokens[i], tokens[i + 1]) end
redis.call('HSET', D.eventCodes(), code, id)
redis.call('RPUSH', D.events(), id)
return 1
`;

export async function importEvent(ctx: RedisContext, input: EventDump, options: ImportOptions = {}): Promise<ImportResult> {
  const { dump, code } = checkDump(input, options);
  const eventId = dump.event.id;
  await refuseTaken(ctx, dump, code);
  const { ownerId, ownerCreated } = await importOwner(ctx, dump, options);
  // The event's id claimed in one step: of two imports of one dump at once, one goes on, the
  // other stops here having written nothing (so its undo below can never remove the first's keys).
  if (Number(await ctx.client.hSetNX(ctx.keys.inEvent(eventId, 'event'), 'id', eventId)) !== 1) {
    throw new StoreConflict(`event ${eventId} exists here already`);
  }
  // Co-organizers with an account here (by email), never the owner, each once.
  const found = await Promise.all(dump.coOrganizers.map((person) => getUserByEmail(ctx, person.email)));
  const organizerIds = [...new Set(found.flatMap((user) => (user ? [user.id] : [])))].filter((id) => id !== ownerId);
  const record = { ...dump.event, code, ownerId, organizerIds };
  await runAll(eventWrites(ctx, dump, eventHash(record)));
  const homed = [...dump.sessions, ...dump.participants, ...dump.questions, ...dump.polls, ...dump.invites].map((item) => item.id);
  for (let index = 0; index < homed.length; index += BATCH) {
    const entries = homed.slice(index, index + BATCH).flatMap((id) => [id, eventId]);
    await ctx.client.hSet(ctx.keys.inDirectory('homes'), entries);
  }
  const tokens = dump.invites.flatMap((invite) => [invite.tokenHash, invite.id]);
  try {
    await ctx.client.eval(CLAIM_IMPORTED_EVENT, {
      keys: [ctx.keys.directoryBase()],
      arguments: [eventId, code, ownerId, ...listArg(tokens)],
    });
  } catch (error) {
    const refusal = storeError(error);
    if (refusal instanceof StoreConflict || refusal instanceof StoreNotFound) await undoWrites(ctx, eventId, homed);
    throw refusal;
  }
  for (const id of homed) ctx.homes.remember(id, eventId);
  return { event: toEvent(eventHash(record)), ownerCreated };
}

/** StoreConflict, before anything is written, when the event, its join code, an id or a token is taken here. */
async function refuseTaken(ctx: RedisContext, dump: EventDump, code: string): Promise<void> {
  const eventId = dump.event.id;
  for await (const keys of scanKeys(ctx.client, ctx.keys.eventPattern(eventId))) {
    if (keys.length > 0) throw new StoreConflict(`event ${eventId} exists here already`);
  }
  if ((await ctx.client.hExists(ctx.keys.inDirectory('eventCodes'), code)) === 1) {
    throw new StoreConflict(`join code ${code} is taken: give another one`);
  }
  const ids = dumpIds(dump);
  for (let index = 0; index < ids.length; index += BATCH) {
    const homes = await ctx.client.hmGet(ctx.keys.inDirectory('homes'), ids.slice(index, index + BATCH));
    if (homes.some((home) => home !== null)) throw new StoreConflict('an id in the dump is taken here already');
  }
  const tokens = dump.invites.map((invite) => invite.tokenHash);
  for (let index = 0; index < tokens.length; index += BATCH) {
    const taken = await ctx.client.hmGet(ctx.keys.inDirectory('inviteTokens'), tokens.slice(index, index + BATCH));
    if (taken.some((id) => id !== null)) throw new StoreConflict("an invite's token in the dump is another invite's here");
  }
}

async function importOwner(ctx: RedisContext, dump: EventDump, options: ImportOptions): Promise<{ ownerId: string; ownerCreated: boolean }> {
  const existing = await getUserByEmail(ctx, dump.owner.email);
  if (existing) return { ownerId: existing.id, ownerCreated: false };
  const id = (await getUser(ctx, dump.owner.id)) ? newId('user') : dump.owner.id;
  const { email, name, createdAt } = dump.owner;
  const hash = userHash({ id, email, name, createdAt, passwordHash: ownerPasswordHash(dump, options) });
  await inDirectory(ctx, 'createUser', [id, emailKey(email), ...listArg(fieldList(hash))]);
  return { ownerId: id, ownerCreated: true };
}

type Write = () => Promise<unknown>;

async function runAll(writes: Write[]): Promise<void> {
  for (let index = 0; index < writes.length; index += BATCH) {
    await Promise.all(writes.slice(index, index + BATCH).map((write) => write()));
  }
}

/** The field of E.asked for one ask, as lua-prelude.ts's askedField makes it (Lua's # counts bytes). */
function askedField(authorKey: string, clientId: string): string {
  return `${Buffer.byteLength(authorKey)}:${authorKey}${clientId}`;
}

/** A quiz leaderboard member as quiz-board-lua.ts's boardMember makes it: the name (NULs escaped), NUL 0x01, the voter key. */
function boardMember(name: string, voterKey: string): Buffer {
  const escaped: number[] = [];
  for (const byte of Buffer.from(name)) escaped.push(...(byte === 0 ? [0, 255] : [byte]));
  return Buffer.concat([Buffer.from(escaped), Buffer.from([0, 1]), Buffer.from(voterKey)]);
}

/** Every key of the event, ords given in the dump's (creation) order. */
function eventWrites(ctx: RedisContext, dump: EventDump, event: Hash): Write[] {
  const { client, keys } = ctx;
  const eventId = dump.event.id;
  const at = (kind: EventKey, ...params: string[]): string =>
    // The key tables type their parameters; here they come from the dump's own records.
    (keys.inEvent as (eventId: string, kind: string, ...params: string[]) => string)(eventId, kind, ...params);
  let ord = 0;
  const writes: Write[] = [() => client.hSet(at('event'), event)];
  const indexed = (kind: 'room' | 'speaker' | 'session' | 'invite' | 'announcement', index: EventKey, id: string, hash: Hash): void => {
    const place = ++ord;
    writes.push(() => client.hSet(at(kind, id), { ...hash, ord: String(place) }));
    writes.push(() => client.zAdd(at(index), { score: place, value: id }));
  };
  for (const room of dump.rooms) indexed('room', 'rooms', room.id, roomHash(room));
  // A speaker's photo version comes with its bytes, written here too; none without them.
  const photos = new Map(dump.speakerPhotos.map((photo) => [photo.speakerId, photoOfDump(photo)]));
  for (const { photoVersion: _version, ...speaker } of dump.speakers) {
    const photo = photos.get(speaker.id);
    indexed('speaker', 'speakers', speaker.id, speakerHash(photo ? { ...speaker, photoVersion: photo.version } : speaker));
    if (photo) writes.push(() => client.set(at('speakerPhoto', speaker.id), Buffer.from(photo.bytes)));
  }
  for (const { seq, ...session } of dump.sessions) indexed('session', 'sessions', session.id, { ...sessionHash(session), seq: String(seq) });
  for (const participant of dump.participants) {
    const place = ++ord;
    writes.push(() => client.hSet(at('participant', participant.id), { ...participantHash(participant), ord: String(place) }));
  }
  for (const { voters, ...question } of dump.questions) {
    const place = ++ord;
    const { id, sessionId } = question;
    writes.push(() => client.hSet(at('question', id), { ...questionHash(question), ord: String(place) }));
    writes.push(() => client.zAdd(at('questions', sessionId), { score: place, value: id }));
    writes.push(() => client.hSet(at('asked', sessionId), askedField(question.authorKey, question.clientId), id));
    if (question.pinned) writes.push(() => client.sAdd(at('pinned', sessionId), id));
    if (voters.length > 0) writes.push(() => client.sAdd(at('votes', id), voters));
    for (const voter of voters) writes.push(() => client.sAdd(at('voted', sessionId, voter), id));
  }
  // Merge groups: each kept question's zset of what was merged into it, in the dump's merge order.
  const merged = dump.questions.filter((question) => question.mergedInto !== undefined);
  merged.sort((a, b) => (a.mergeOrder ?? 0) - (b.mergeOrder ?? 0));
  for (const question of merged) {
    const place = ++ord;
    const keptId = question.mergedInto ?? '';
    writes.push(() => client.zAdd(at('variants', keptId), { score: place, value: question.id }));
  }
  for (const invite of dump.invites) indexed('invite', 'invites', invite.id, inviteHash(invite));
  for (const announcement of dump.announcements) indexed('announcement', 'announcements', announcement.id, announcementHash(announcement));
  // Surveys as survey-scripts.ts writes them: the JSON, its place in the order, its answers.
  for (const dumped of dump.surveys) {
    const place = ++ord;
    const survey = surveyOfDump(dumped);
    writes.push(() => client.set(at('survey', survey.id), JSON.stringify(survey)));
    writes.push(() => client.zAdd(at('surveys'), { score: place, value: survey.id }));
    for (const answer of answersOfDump(dumped)) writes.push(() => client.hSet(at('surveyAnswers', survey.id), answer.authorKey, JSON.stringify(answer)));
  }
  const lastOrd = ord;
  writes.push(() => client.set(at('ord'), String(lastOrd)));
  writes.push(...pollWrites(ctx, dump, at));
  return writes;
}

function pollWrites(ctx: RedisContext, dump: EventDump, at: (kind: EventKey, ...params: string[]) => string): Write[] {
  const { client, keys } = ctx;
  const writes: Write[] = [];
  if (dump.polls.length === 0) return writes;
  // A block of the directory's poll counter, taken when the writes run: listOpenPolls orders polls across events by it.
  let first: Promise<number> | undefined;
  const ordOfPoll = async (index: number): Promise<number> => {
    first ??= client.incrBy(keys.inDirectory('pollOrd'), dump.polls.length).then((last) => last - dump.polls.length + 1);
    return (await first) + index;
  };
  for (const [index, { casts, counts, labels, ballots, ...poll }] of dump.polls.entries()) {
    const { id, sessionId } = poll;
    writes.push(async () => {
      const ord = await ordOfPoll(index);
      const hash = { ...pollHash(poll), ord: String(ord), total: String(ballots.length), casts: String(casts) };
      await Promise.all([
        client.hSet(at('poll', id), hash),
        client.zAdd(at('polls', sessionId), { score: ord, value: id }),
        ...(poll.state === 'open' ? [client.zAdd(at('openPolls'), { score: ord, value: id })] : []),
      ]);
    });
    for (const ballot of ballots) {
      const { voterKey, place, contributions, hidden, ...stored } = ballot;
      writes.push(() => client.hSet(at('ballots', id), voterKey, ballotJson(stored, contributions)));
      if (hidden) writes.push(() => client.sAdd(at('answerHidden', id), voterKey));
      writes.push(() => client.zAdd(at('answerOrder', id), { score: place, value: voterKey }));
    }
    const countEntries = Object.entries(counts).map(([key, count]): [string, string] => [key, String(count)]);
    if (countEntries.length > 0) writes.push(() => client.hSet(at('counts', id), countEntries));
    const labelEntries = Object.entries(labels);
    if (labelEntries.length > 0) writes.push(() => client.hSet(at('labels', id), labelEntries));
  }
  for (const line of dump.quizScores) {
    const { sessionId, voterKey } = line;
    writes.push(() => client.hSet(at('quizPoints', sessionId), voterKey, String(line.score)));
    writes.push(() => client.hSet(at('quizBallots', sessionId), voterKey, String(line.ballots)));
    writes.push(() => client.hSet(at('quizNames', sessionId), voterKey, line.name));
    writes.push(() => client.zAdd(at('quizBoard', sessionId), { score: -line.score, value: boardMember(line.name, voterKey) }));
  }
  return writes;
}

/** Takes back what an import wrote before its claim was refused. */
async function undoWrites(ctx: RedisContext, eventId: string, homed: string[]): Promise<void> {
  for (let index = 0; index < homed.length; index += BATCH) {
    await ctx.client.hDel(ctx.keys.inDirectory('homes'), homed.slice(index, index + BATCH));
  }
  for await (const keys of scanKeys(ctx.client, ctx.keys.eventPattern(eventId))) {
    if (keys.length > 0) await ctx.client.unlink(keys);
  }
}
