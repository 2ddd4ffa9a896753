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
  message: string;
}

export interface ApiErrorDetails {
  /** `conflict` on an agenda change: the sessions it would overlap. */
  conflicts?: SessionConflict[];
  /** `invalid_input` on an agenda import: every problem, by line. */
  problems?: CsvProblem[];
  /** `conflict` on deleting a room or speaker still in use: the sessions using it. */
  sessionIds?: string[];
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
};
