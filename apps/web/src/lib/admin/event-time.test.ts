import { describe, expect, it } from 'vitest';
import { dictionaries } from '$lib/i18n/dictionaries.js';
import { formatTime, formatZoneName } from '$lib/i18n/format.js';
import type { Locale } from '$lib/i18n/locale.svelte.js';
import { translate } from '$lib/i18n/translate.js';
import { inEventZone } from './event-time.js';

/** The Locale's wording over one whole dictionary, without a component around it. */
function wording(lang: keyof typeof dictionaries): Locale {
  const messages = dictionaries[lang];
  const intl = messages.meta.intl;
  const used: Pick<Locale, 't' | 'zoneName'> = {
    t: (key, params) => translate(messages, key, params),
    zoneName: (zone) => formatZoneName(zone, intl),
  };
  return used as Locale;
}

// The forum opens at 09:00 in Brussels; the organizer's laptop is in Toronto (03:00 there).
const opening = new Date('2027-01-15T08:00:00Z');
const nineInBrussels = formatTime(opening, 'Europe/Brussels', 'fr-FR');

describe('admin times named by the event\'s zone (issue 25.6)', () => {
  it('names the event\'s zone when the laptop\'s clock reads otherwise', () => {
    const shown = inEventZone(wording('fr'), nineInBrussels, 'Europe/Brussels', opening, 'America/Toronto');
    expect(shown).toBe(`${nineInBrussels} (${formatZoneName('Europe/Brussels', 'fr-FR', opening)})`);
    expect(shown).not.toBe(nineInBrussels);
    expect(shown).toContain('Europe centrale');
  });

  it('leaves the time as it is when both clocks agree, whatever the zone is called', () => {
    expect(inEventZone(wording('fr'), nineInBrussels, 'Europe/Brussels', opening, 'Europe/Brussels')).toBe(nineInBrussels);
    expect(inEventZone(wording('fr'), nineInBrussels, 'Europe/Brussels', opening, 'Europe/Paris')).toBe(nineInBrussels);
  });
});
