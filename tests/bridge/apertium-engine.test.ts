import { createLogger } from '@jisr/server/logger';
import { apertiumEngine } from '@jisr/server/translate/apertium';
import { createTranslateMetrics } from '@jisr/server/translate/translate-metrics';
import { createTranslationBudget } from '@jisr/server/translate/translation-budget';
import { createTranslator } from '@jisr/server/translate/translator';
import { DEFAULT_TRANSLATOR_SETTINGS } from '@jisr/server/translate/translator';
import { createMetrics } from '@jisr/server/metrics/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApertium, type ApertiumProcess } from '../support/apertium.js';

/** Issue 20: the Apertium adapter against a real apertium-apy (Debian's eng-spa and fr-es pairs). */
let apy: ApertiumProcess;

beforeAll(async () => {
  apy = await startApertium();
});
afterAll(async () => {
  await apy?.stop();
});

describe('the Apertium adapter', () => {
  it('reads the pairs APy has, in Jisr’s codes (ISO 639-3 and variants mapped)', async () => {
    const pairs = await apertiumEngine(apy.url).pairs(AbortSignal.timeout(5000));
    for (const pair of [{ from: 'en', to: 'es' }, { from: 'es', to: 'en' }, { from: 'fr', to: 'es' }, { from: 'es', to: 'fr' }]) {
      expect(pairs).toContainEqual(pair);
    }
    // eng_US is English: listed once.
    expect(pairs.filter((pair) => pair.from === 'es' && pair.to === 'en')).toHaveLength(1);
    expect(pairs).not.toContainEqual({ from: 'en', to: 'fr' });
  });

  it('translates English into Spanish, and French into English through Spanish (a pivot, said on the result)', async () => {
    const translator = createTranslator(
      apertiumEngine(apy.url),
      createTranslationBudget(100),
      createTranslateMetrics(createMetrics().registry),
      createLogger('silent'),
      DEFAULT_TRANSLATOR_SETTINGS,
    );
    const spanish = await translator.translate('ev_1', 'When does the second phase of the project start?', 'en', 'es');
    expect(spanish.ok).toBe(true);
    if (!spanish.ok) return;
    expect(spanish.value.engine).toBe('apertium');
    expect(spanish.value.pivot).toBeUndefined();
    expect(spanish.value.text.toLowerCase()).toContain('proyecto');
    const english = await translator.translate('ev_1', 'Quand commence la deuxième phase du projet ?', 'fr', 'en');
    expect(english.ok).toBe(true);
    if (!english.ok) return;
    expect(english.value.pivot).toBe('es');
    expect(english.value.text.toLowerCase()).toContain('project');
    expect(await translator.translate('ev_1', 'Wann beginnt die zweite Phase?', 'de', 'en')).toEqual({ ok: false, reason: 'no_pair' });
  });
});
