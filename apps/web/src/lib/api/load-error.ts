import { HTTP_STATUS } from '@jisr/protocol/errors';
import { error } from '@sveltejs/kit';
import type { ClientError, ClientErrorCode } from './client-error.js';

const STATUS: Record<ClientErrorCode, number> = { ...HTTP_STATUS, timeout: 504, network: 503 };

/**
 * Ends a load with the error page, keeping the error code (and what was not found) so
 * +error.svelte can say it in the viewer's language.
 */
export function failLoad(cause: ClientError, what?: App.Error['what']): never {
  error(STATUS[cause.code], { message: cause.message, code: cause.code, ...(what ? { what } : {}) });
}
