import { failLoad } from '$lib/api/load-error.js';
import { currentLang } from '$lib/i18n/current-lang.js';
import { ensureJoin } from '$lib/join/ensure-join.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { code, lang } = await parent();
  // Attendees have no account: opening the survey's link is enough to answer it.
  const join = await ensureJoin(fetch, { code, lang: currentLang(lang) });
  if (!join.ok) failLoad(join.error);
  return { surveyId: params.surveyId, join: join.data };
};
