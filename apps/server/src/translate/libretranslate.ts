import { LANGS, type Lang } from '@jisr/protocol/common';
import { z } from 'zod';
import { EngineRefusal, endpoint, requestJson, type LangPair, type TranslationEngine } from './engine.js';

/**
 * `GET /languages`: `[{ code, name, targets? }]`; servers before `targets` existed translate
 * between every two languages they list.
 */
const Languages = z.array(z.object({ code: z.string(), name: z.string().optional(), targets: z.array(z.string()).optional() }));
const Translated = z.object({ translatedText: z.string() });

function jisrLang(code: string): Lang | undefined {
  const base = code.toLowerCase().split(/[_-]/)[0];
  return LANGS.find((lang) => lang === base);
}

/**
 * LibreTranslate's documented HTTP API: `GET /languages`, and `POST /translate` with JSON
 * `{ q, source, target, format: 'text', api_key }` answering `{ translatedText }` (or
 * `{ error }` with 400, 403, 429 or 500). It uses ISO 639-1 codes, as Jisr does.
 */
export function libreTranslateEngine(baseUrl: string, apiKey?: string): TranslationEngine {
  return {
    name: 'libretranslate',
    async pairs(signal) {
      const url = endpoint(baseUrl, '/languages');
      const languages = Languages.parse(await requestJson(url, { signal }));
      const listed = languages.map((language) => language.code);
      const pairs = new Map<string, LangPair>();
      for (const language of languages) {
        const from = jisrLang(language.code);
        if (!from) continue;
        for (const target of language.targets ?? listed) {
          const to = jisrLang(target);
          if (to && to !== from) pairs.set(`${from}>${to}`, { from, to });
        }
      }
      return [...pairs.values()];
    },
    async translate(text, pair, signal) {
      const body: unknown = await requestJson(endpoint(baseUrl, '/translate'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ q: text, source: pair.from, target: pair.to, format: 'text', ...(apiKey ? { api_key: apiKey } : {}) }),
        signal,
      });
      const parsed = Translated.safeParse(body);
      if (!parsed.success) throw new EngineRefusal('/translate answered without a translation', 200);
      return parsed.data.translatedText.trim();
    },
  };
}
