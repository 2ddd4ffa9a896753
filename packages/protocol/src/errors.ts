/** The closed set of error codes an ack or an HTTP error body may carry. */
export const ERROR_CODES = [
  'invalid_input',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'closed',
  'internal',
  /** The shared store (Redis) is unreachable for now: try again shortly (a retry with the same clientId is safe). */
  'unavailable',
  /**
   * A moderator muted the sender for now: their asks, open-text answers, comments and
   * reactions are refused. Said neutrally to them; nothing else is told.
   */
  'muted',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * An error as clients see it. `field` names the offending payload field for `invalid_input`.
 * @example { code: 'invalid_input', message: 'text: must be at most 500 characters', field: 'text' }
 */
export interface ApiError {
  code: ErrorCode;
  message: string;
  field?: string;
  /** Machine-readable specifics, when the code alone is not enough to act on. */
  details?: ApiErrorDetails;
}

/**
 * A session the change would collide with (same room, overlapping times).
 * @example { sessionId: 'se_1', title: { fr: 'Ouverture' }, roomId: 'rm_1', startsAt: '…', endsAt: '…' }
 */
export interface SessionConflict {
  sessionId: string;
  title: Partial<Record<string, string>>;
  roomId: string;
  /** Its effective times (planned plus delay), ISO UTC. */
  startsAt: string;
  endsAt: string;
}

/** One problem of an uploaded agenda CSV. `line` counts from 1, the header being line 1. */
export interface CsvProblem {
  line: number;
  /** The column at fault, when one is. */
  column?: string;
  /** What is wrong, for the reader's language: the web words it from this and `params`. */
  code: CsvProblemCode;
  params?: CsvProblemParams;
  /** The same in English, for API clients without a dictionary. */
  message: string;
}

/**
 * What can be wrong in an imported agenda CSV, a closed set so each has a sentence in every
 * dictionary (issue 25.5: the import's English reached French organizers).
 */
export const CSV_PROBLEM_CODES = [
  /** Broken quoting or similar; `value` is the parser's own English words. */
  'not_csv',
  /** `count` cells where the header has `expected`. */
  'cell_count',
  /** A header cell that is no column; `value` is it. */
  'unknown_column',
  'missing_column',
  'no_title_column',
  /** More than `max` rows. */
  'too_many_rows',
  /** A cell longer than `max` characters. */
  'too_long',
  /** `value`: an id that no session of the event has. */
  'unknown_session',
  /** `value`: an id already on line `line`. */
  'repeated_session',
  /** `value` is not YYYY-MM-DD. */
  'bad_day',
  /** `value` is not HH:MM (up to 23:59 for a start, 24:00 for an end). */
  'bad_time',
  'no_room',
  /** `value` is no session kind in any language. */
  'bad_kind',
  'no_title',
  'end_before_start',
  /** Before the event's first day (`day`) or after its last (`day`), in its zone. */
  'before_event',
  'after_event',
  /** Overlaps `sessions` in room `room`. */
  'overlap',
] as const;
export type CsvProblemCode = (typeof CSV_PROBLEM_CODES)[number];

/**
 * The specifics a problem's sentence names.
 * @example { value: '25:00' } or { room: 'Salle A', sessions: [{ title: 'Ouverture', line: 2 }] }
 */
export interface CsvProblemParams {
  value?: string;
  count?: number;
  expected?: number;
  max?: number;
  line?: number;
  day?: string;
  room?: string;
  /** The sessions overlapped: on a line of the file, or already planned (`id`). */
  sessions?: { title: string; line?: number; id?: string }[];
}

/** "Did you mean Grande salle?": a name in an imported CSV, and the existing one it is close to. */
export interface NameSuggestion {
  kind: 'room' | 'speaker';
  /** As written in the CSV: `{ kind: 'room', name: 'Grand salle', existing: 'Grande salle' }`. */
  name: string;
  existing: string;
}

/** The agenda's time rules a session may break, worded as the agenda import words them. */
export type SessionTimesCode = Extract<CsvProblemCode, 'end_before_start' | 'before_event' | 'after_event'>;

/**
 * Why a session's times were refused, so a form can say it in the reader's language.
 * @example { code: 'after_event', day: '2026-12-06' }
 */
export interface SessionTimesReason {
  code: SessionTimesCode;
  /** The event's first day (`before_event`) or last day (`after_event`), YYYY-MM-DD in its zone. */
  day?: string;
}

export interface ApiErrorDetails {
  /** `invalid_input` on a session's start or end: the rule the times break. */
  times?: SessionTimesReason;
  /** `conflict` on an agenda change: the sessions it would overlap. */
  conflicts?: SessionConflict[];
  /** `invalid_input` on an agenda import: every problem, by line. */
  problems?: CsvProblem[];
  /** `invalid_input` on an agenda import with names awaiting "use the existing one" or "create". */
  suggestions?: NameSuggestion[];
  /**
   * `conflict` on deleting a room or speaker still in use: the sessions using it;
   * `forbidden` on a cascade beyond a session-scoped moderator's session: the sessions it would move.
   */
  sessionIds?: string[];
  /** `rate_limited`: seconds until a new try may succeed (also sent as the HTTP `Retry-After` header). */
  retryAfterSeconds?: number;
}

/** The one ack envelope of every client -> server event. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };
export type AckCallback<T> = (response: Ack<T>) => void;

/** HTTP status for each error code, so routes and sockets speak the same language. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  closed: 409,
  internal: 500,
  unavailable: 503,
  muted: 403,
};
