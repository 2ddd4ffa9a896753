/**
 * Every Redis key the store uses, in one place (STYLE.md convention 6).
 *
 * Two kinds of key, each under a base that carries a Redis Cluster hash tag, so that every
 * key one script touches hashes to one slot:
 * - an event's keys, `${prefix}ev:{eventId}:...`: the event itself and all it holds (rooms,
 *   sessions, questions, votes, polls, ballots, invites). A vote storm on one event stays on
 *   one slot; different events can spread over a cluster.
 * - the directory, `${prefix}{dir}:...`: what is found without knowing the event, or unique
 *   across events: users and their emails, join codes, the list of events, invite token
 *   hashes, and "homes" (which event an id lives in).
 *
 * A key is its base plus a template from the tables below, each `$` filled with one
 * parameter. The same tables give the Lua scripts their key functions (`luaKeyFunctions`),
 * so TypeScript and Lua cannot disagree on a name.
 */

/** Keys under an event's base. Parameters are ids, except a voter key where noted. */
export const EVENT_KEYS = {
  /** Hash: the event record. */
  event: 'event',
  /** Counter: creation order of the event's rooms, speakers, sessions, questions, invites. */
  ord: 'ord',
  /** Hash per room; zset of room ids by creation order. */
  room: 'room:$',
  rooms: 'rooms',
  speaker: 'speaker:$',
  speakers: 'speakers',
  /** String per speaker: their uploaded photo's bytes (WebP, binary); the version is on the speaker hash. */
  speakerPhoto: 'speaker-photo:$',
  /**
   * Hash per session (its `seq` is a field, so are `stage` and `stageAnswers`, JSON, absent
   * for a session never directed); zset of session ids by creation order.
   */
  session: 'session:$',
  sessions: 'sessions',
  participant: 'participant:$',
  /** Hash per question; zset of a session's question ids in asking order. */
  question: 'question:$',
  questions: 'questions:$',
  /** Hash per session: (author key, client id) of an ask -> question id (retry dedup). */
  asked: 'asked:$',
  /** Set per question: voter keys that voted for it (kept while it is merged into another). */
  votes: 'votes:$',
  /** Zset per kept question: ids of the questions merged into it, by merge order (see question-merge-scripts.ts). */
  variants: 'variants:$',
  /** Set per (session, voter key): ids of the session's questions the voter voted for. */
  voted: 'voted:$:$',
  /** Set per session: its pinned question (at most one). */
  pinned: 'pinned:$',
  /** Hash per poll (`total`, `casts` and `ord` are fields); zset of a session's polls by ord. */
  poll: 'poll:$',
  polls: 'polls:$',
  /** Zset of the event's open polls by ord (listOpenPolls). */
  openPolls: 'open-polls',
  /** Hash per poll: voter key -> the voter's ballot (JSON, see records.ts). */
  ballots: 'ballots:$',
  /** Zset per poll: voter key by the place its ballot was stored (text answers' order). */
  answerOrder: 'answer-order:$',
  /** Set per poll: voter keys whose open-text answer a moderator hid (kept when they change it). */
  answerHidden: 'answer-hidden:$',
  /** Hash per poll: tally key -> summed weight; and tally key -> first label seen. */
  counts: 'counts:$',
  labels: 'labels:$',
  /** Per session, per voter key: quiz points, named quiz ballots, latest name. */
  quizPoints: 'quiz-points:$',
  quizBallots: 'quiz-ballots:$',
  quizNames: 'quiz-names:$',
  /** Zset per session: the quiz leaderboard, best first (see quiz-board-lua.ts). */
  quizBoard: 'quiz-board:$',
  /** Hash per invite; zset of invite ids by creation order. */
  invite: 'invite:$',
  invites: 'invites',
  /** Hash per invite to co-organize; zset of their ids by creation order (see organizers.ts). */
  organizerInvite: 'organizer-invite:$',
  organizerInvites: 'organizer-invites',
  /** Hash per announcement; zset of the newest few by creation order. */
  announcement: 'announcement:$',
  announcements: 'announcements',
  /** Hash: insights counters and gauges by name; set per insights set (see insights.ts). */
  insights: 'insights',
  insightMembers: 'insight-members:$',
  /** Zset: the audit log, entries by number; counter of those numbers (see audit.ts). */
  audit: 'audit',
  auditSeq: 'audit-seq',
  /** Hash per mute; zset of the event's mutes by creation order (see mutes.ts). */
  mute: 'mute:$',
  mutes: 'mutes',
  /** Hash per session: giver's actor key -> their feedback on it, JSON (see feedback.ts). */
  feedback: 'feedback:$',
  /** String per event survey: the survey, JSON; zset of the event's survey ids by creation order (see surveys.ts). */
  survey: 'survey:$',
  surveys: 'surveys',
  /** Hash per survey: answerer's actor key -> their answer, JSON. */
  surveyAnswers: 'survey-answers:$',
  /** Hash: the event's retention setting and first purge (see retention.ts). */
  retention: 'retention',
} as const;

/** Keys under the directory's base. */
export const DIRECTORY_KEYS = {
  /** Hash per user. */
  user: 'user:$',
  /** Hash: lower-cased email -> user id (the uniqueness rule). */
  userEmails: 'user-emails',
  /** Hash: upper-cased join code -> event id (the uniqueness rule). */
  eventCodes: 'event-codes',
  /** List: event ids in creation order. */
  events: 'events',
  /** Hash: id of a session, participant, question, poll or invite -> its event id. */
  homes: 'homes',
  /** Hash: invite token hash -> invite id, staff and co-organizer invites alike (the uniqueness rule). */
  inviteTokens: 'invite-tokens',
  /** Counter: creation order of polls across events (listOpenPolls). */
  pollOrd: 'poll-ord',
  /** Counter bumped before each WAIT for a replica: a write of the WAIT's own connection (replication.ts). */
  replicationBarrier: 'replication-barrier',
} as const;

export type EventKey = keyof typeof EVENT_KEYS;
export type DirectoryKey = keyof typeof DIRECTORY_KEYS;

/** One string parameter per `$` in a key template. */
type Params<T extends string> = T extends `${string}$${infer Rest}` ? [string, ...Params<Rest>] : [];

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}

/** The hash tag of the directory's keys. */
const DIRECTORY_TAG = 'dir';

/** `template` with each `$` replaced by the next parameter. */
function fill(template: string, params: readonly string[]): string {
  const parts = template.split('$');
  if (parts.length !== params.length + 1) {
    throw new Error(`key template ${template} takes ${parts.length - 1} parameters, got ${params.length}`);
  }
  return parts.map((part, index) => (index === 0 ? part : `${params[index - 1] ?? ''}${part}`)).join('');
}

export class Keys {
  constructor(readonly prefix: string) {
    // A brace in the prefix would become the hash tag of every key: one slot for everything.
    if (/[{}]/.test(prefix)) throw new Error(`the Redis key prefix may not contain { or }: ${prefix}`);
  }

  /** The base of an event's keys: it names no key itself, but carries the event's hash tag. */
  eventBase(eventId: string): string {
    return `${this.prefix}ev:{${eventId}}:`;
  }

  directoryBase(): string {
    return `${this.prefix}{${DIRECTORY_TAG}}:`;
  }

  inEvent<K extends EventKey>(eventId: string, key: K, ...params: Params<(typeof EVENT_KEYS)[K]>): string {
    return this.eventBase(eventId) + fill(EVENT_KEYS[key], params);
  }

  inDirectory<K extends DirectoryKey>(key: K, ...params: Params<(typeof DIRECTORY_KEYS)[K]>): string {
    return this.directoryBase() + fill(DIRECTORY_KEYS[key], params);
  }

  /** A SCAN MATCH pattern for every key of one event (glob characters escaped). */
  eventPattern(eventId: string): string {
    return `${escapeGlob(this.eventBase(eventId))}*`;
  }

  /** A SCAN MATCH pattern for every key of this store (glob characters of the prefix escaped). */
  pattern(): string {
    return `${escapeGlob(this.prefix)}*`;
  }
}

/**
 * Lua that defines a table `name` of key functions, one per template, each prefixing the
 * key with KEYS[1] (the script's base): e.g. `E.voted(sessionId, voterKey)`.
 */
export function luaKeyFunctions(name: string, templates: Readonly<Record<string, string>>): string {
  const lines = [`local ${name} = {}`];
  for (const [key, template] of Object.entries(templates)) {
    const parts = template.split('$');
    const params = parts.slice(1).map((_, index) => `p${index + 1}`);
    // JSON string syntax is valid Lua for these ASCII templates.
    const body = parts.map((part, index) => [index === 0 ? '' : (params[index - 1] ?? ''), JSON.stringify(part)]);
    const expression = ['KEYS[1]', ...body.flat().filter((piece) => piece !== '' && piece !== '""')].join(' .. ');
    lines.push(`${name}[${JSON.stringify(key)}] = function(${params.join(', ')}) return ${expression} end`);
  }
  return lines.join('\n');
}
