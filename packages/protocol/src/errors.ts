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
};
