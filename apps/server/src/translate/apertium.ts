import { LANGS, type Lang } from '@jisr/protocol/common';
import { z } from 'zod';
import { EngineRefusal, endpoint, requestJson, type LangPair, type TranslationEngine } from './engine.js';

/** Apertium names languages with ISO 639-3 codes. */
const ISO_639_3: Record<Lang, string> = { ar: 'ara', fr: 'fra', en: 'eng', es: 'spa', de: 'deu', nl: 'nld' };

const PairList = z.object({
  responseData: z.array(z.object({ sourceLanguage: z.string(), targetLanguage: z.string() })),
});
const Translated = z.object({ responseData: z.object({ translatedText: z.string() }) });

/** Jisr's language for an Apertium code; a variant (`eng_US`, `spa-ES`) counts as its language. */
function jisrLang(code: string): Lang | undefined {
  const base = code.split(/[_-]/)[0];
  return LANGS.find((lang) => ISO_639_3[lang] === base);
}

/**
 * Apertium's HTTP service, APy: `GET /listPairs` and `GET /translate?langpair=eng|spa&q=`.
 * Unknown words are left as they are (`markUnknown=no`) rather than starred.
 */
export function apertiumEngine(baseUrl: string): TranslationEngine {
  return {
    name: 'apertium',
    async pairs(signal) {
      const body = PairList.parse(await requestJson(endpoint(baseUrl, '/listPairs'), { signal }));
      const pairs = new Map<string, LangPair>();
      for (const { sourceLanguage, targetLanguage } of body.responseData) {
        const from = jisrLang(sourceLanguage);
        const to = jisrLang(targetLanguage);
        if (from && to && from !== to) pairs.set(`${from}>${to}`, { from, to });
      }
      return [...pairs.values()];
    },
    async translate(text, pair, signal) {
      const url = endpoint(baseUrl, '/translate');
      url.searchParams.set('langpair', `${ISO_639_3[pair.from]}|${ISO_639_3[pair.to]}`);
      url.searchParams.set('q', text);
      url.searchParams.set('markUnknown', 'no');
      const body: unknown = await requestJson(url, { signal });
      const parsed = Translated.safeParse(body);
      // APy answers some errors with 200 and a status field of its own.
      if (!parsed.success) throw new EngineRefusal('/translate answered without a translation', 200);
      return parsed.data.responseData.translatedText.trim();
    },
  };
}
