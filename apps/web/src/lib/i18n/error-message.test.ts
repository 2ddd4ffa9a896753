import { describe, expect, it } from 'vitest';
import { dictionaries } from './dictionaries.js';
import { askErrorMessage } from './error-message.js';
import { translate } from './translate.js';

/** What the phone shows for a refused ask, in `lang`. */
function shown(lang: keyof typeof dictionaries, error: Parameters<typeof askErrorMessage>[0]): string {
  const { key, params } = askErrorMessage(error, 280);
  return translate(dictionaries[lang], key, params);
}

describe('a refused ask says when to try again (issue 25.9)', () => {
  it('gives the wait the server sent, in seconds under a minute', () => {
    expect(askErrorMessage({ code: 'rate_limited', details: { retryAfterSeconds: 42 } }, 280)).toEqual({ key: 'errors.ask.waitSeconds', params: { count: 42 } });
    expect(shown('fr', { code: 'rate_limited', details: { retryAfterSeconds: 42 } })).toContain('dans 42 secondes.');
    expect(shown('fr', { code: 'rate_limited', details: { retryAfterSeconds: 1 } })).toContain('dans 1 seconde.');
  });

  it('says a minute or more in whole minutes, rounded up', () => {
    expect(askErrorMessage({ code: 'rate_limited', details: { retryAfterSeconds: 60 } }, 280)).toEqual({ key: 'errors.ask.waitMinutes', params: { count: 1 } });
    expect(askErrorMessage({ code: 'rate_limited', details: { retryAfterSeconds: 61 } }, 280)).toEqual({ key: 'errors.ask.waitMinutes', params: { count: 2 } });
    expect(shown('fr', { code: 'rate_limited', details: { retryAfterSeconds: 60 } })).toContain('dans 1 minute.');
  });

  it('falls back to the general wording without a wait, and leaves other refusals as they were', () => {
    expect(askErrorMessage({ code: 'rate_limited' }, 280).key).toBe('errors.code.rate_limited');
    expect(askErrorMessage({ code: 'closed' }, 280).key).toBe('errors.ask.closed');
    expect(askErrorMessage({ code: 'invalid_input' }, 280)).toEqual({ key: 'errors.ask.invalid_input', params: { max: 280 } });
  });
});
