import { describe, expect, it } from 'vitest';
import { dictionaries } from '$lib/i18n/dictionaries.js';
import { translate } from '$lib/i18n/translate.js';
import { fieldLabelKey } from './field-labels.js';

describe('refused fields named as the form labels them (issue 25.5)', () => {
  it('maps the server\'s field, nested or not, to the form label in every language', () => {
    expect(fieldLabelKey('timeZone')).toBe('manage.settings.timeZone');
    expect(fieldLabelKey('endsAt')).toBe('manage.sessions.end');
    expect(fieldLabelKey('title.fr')).toBe('manage.settings.title');
    expect(fieldLabelKey('somethingElse')).toBeNull();
    expect(fieldLabelKey(undefined)).toBeNull();
    for (const field of ['timeZone', 'endsAt', 'startDate', 'code', 'name', 'expiresInHours']) {
      const key = fieldLabelKey(field);
      if (!key) throw new Error(`no label for ${field}`);
      for (const [lang, messages] of Object.entries(dictionaries)) {
        const label = translate(messages, key);
        // A real label: not the key itself echoed back, and in French not the English one.
        expect(label, `${lang} ${field}`).not.toBe(key);
        expect(label.length).toBeGreaterThan(1);
      }
    }
    expect(translate(dictionaries.fr, fieldLabelKey('timeZone') ?? 'manage.settings.timeZone')).toBe('Fuseau horaire');
  });
});
