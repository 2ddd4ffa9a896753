import type { PageLoad } from './$types';

/** `/?code=DEMO` (the QR code on the room's screen) arrives with the code filled in. */
export const load: PageLoad = ({ url }) => ({ code: (url.searchParams.get('code') ?? '').trim().toUpperCase() });
