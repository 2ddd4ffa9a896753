import { ERROR_CODES, type ApiError, type ApiErrorDetails, type ErrorCode } from '@jisr/protocol/errors';

/**
 * An error as the web app handles it: the protocol's codes, plus two that only a client can
 * observe (no answer in time, no network at all).
 */
export type ClientErrorCode = ErrorCode | 'timeout' | 'network';

export interface ClientError {
  code: ClientErrorCode;
  /** The server's English message, for logs only: the UI shows a translation of `code`. */
  message: string;
  field?: string;
  /** What the server adds when the code alone is not enough (the sessions an overlap hits, the CSV's bad lines). */
  details?: ApiErrorDetails;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ClientError };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** An HTTP error body `{ error: { code, message, field? } }`, or `internal` when it is anything else. */
export function toClientError(body: unknown): ClientError {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error === 'object' && error !== null) {
    const { code, message, field, details } = error as Partial<ApiError>;
    if (isErrorCode(code)) {
      return {
        code,
        message: typeof message === 'string' ? message : code,
        ...(typeof field === 'string' ? { field } : {}),
        ...(typeof details === 'object' && details !== null ? { details } : {}),
      };
    }
  }
  return { code: 'internal', message: 'unexpected error body' };
}
