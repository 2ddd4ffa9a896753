import type { ClientError, ClientErrorCode } from '$lib/api/client-error.js';
import type { MessageKey, MessageParams } from './types.js';

/** Where an error happened, when that changes what the person should read. */
export type ErrorScope = 'join' | 'ask' | 'vote' | 'edit' | 'moderate' | 'login' | 'invite' | 'staff' | 'poll';

const SCOPED: Record<ErrorScope, Partial<Record<ClientErrorCode, MessageKey>>> = {
  join: { not_found: 'home.errors.not_found', invalid_input: 'home.errors.invalidCode' },
  ask: { invalid_input: 'errors.ask.invalid_input', closed: 'errors.ask.closed' },
  vote: { closed: 'errors.vote.closed', not_found: 'errors.vote.not_found' },
  edit: { invalid_input: 'errors.ask.invalid_input', closed: 'errors.edit.closed', not_found: 'errors.vote.not_found' },
  moderate: { conflict: 'errors.moderate.conflict', not_found: 'errors.vote.not_found', invalid_input: 'errors.moderate.invalid_input' },
  login: { unauthorized: 'errors.login.unauthorized', invalid_input: 'errors.login.invalid_input' },
  invite: { not_found: 'errors.invite.not_found', closed: 'errors.invite.closed', invalid_input: 'errors.invite.invalid_input' },
  poll: {
    closed: 'errors.poll.closed',
    conflict: 'errors.poll.conflict',
    invalid_input: 'errors.poll.invalid_input',
    not_found: 'errors.poll.not_found',
  },
  staff: { unauthorized: 'errors.staff.unauthorized', forbidden: 'errors.staff.forbidden' },
};

/** The message to show for an error code: the scope's wording if it has one, else the generic one. */
export function errorMessageKey(code: ClientErrorCode, scope?: ErrorScope): MessageKey {
  return (scope && SCOPED[scope][code]) ?? `errors.code.${code}`;
}

/**
 * An ask the server refused, as the attendee reads it: a rate limit says when they may ask
 * again (the server's `retryAfterSeconds`: seconds under a minute, else whole minutes).
 */
export function askErrorMessage(error: Pick<ClientError, 'code' | 'details'>, max: number): { key: MessageKey; params: MessageParams } {
  const wait = error.code === 'rate_limited' ? error.details?.retryAfterSeconds : undefined;
  if (wait === undefined) return { key: errorMessageKey(error.code, 'ask'), params: { max } };
  return wait < 60 ? { key: 'errors.ask.waitSeconds', params: { count: wait } } : { key: 'errors.ask.waitMinutes', params: { count: Math.ceil(wait / 60) } };
}
