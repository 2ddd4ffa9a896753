import type { Lang } from '@jisr/protocol/common';
import type { EventAgenda } from '@jisr/protocol/http';
import type { ClientErrorCode } from '$lib/api/client-error.js';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      /** A protocol error code or a client-side one, so +error.svelte can translate it. */
      code?: ClientErrorCode;
      /** What could not be found, for a precise message. */
      what?: 'event' | 'session';
      /** A staff member invited for another session: the address of their own page there. */
      ownPage?: string;
    }
    interface Locals {
      /** The interface language picked by hooks.server.ts for this request. */
      lang: Lang;
    }
    interface PageData {
      /** Set by the /e/[code] layout: the top bar shows the event's name from it. */
      agenda?: EventAgenda;
      /** Set by the projector's page: no top bar, no skip link, nothing but the page. */
      bare?: boolean;
    }
    // interface PageState {}
    // interface Platform {}
  }
}

export {};
