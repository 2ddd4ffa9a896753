import { randomUUID } from 'node:crypto';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { EngineRefusal } from '../src/translate/engine.js';
import { libreTranslateEngine } from '../src/translate/libretranslate.js';
import { createTranslateMetrics } from '../src/translate/translate-metrics.js';
import { createTranslationBudget } from '../src/translate/translation-budget.js';
import { createTranslator, DEFAULT_TRANSLATOR_SETTINGS, type TranslatorSettings } from '../src/translate/translator.js';
import { detectTextLang } from '../src/translate/detect-language.js';
import fixtureQuestions from '../../../tests/fixtures/questions.json' with { type: 'json' };
import duplicatePairs from '../../../tests/fixtures/duplicate-pairs.json' with { type: 'json' };
import {
  attendee,
  connect,
  disconnectAll,
  okData,
  request,
  staffToken,
  startServer,
  waitForEvent,
  type TestServer,
} from './harness.js';
import { startLibreTranslateApi, type LibreTranslateApi } from './libretranslate-api.js';

/**
 * Issue 20, the language bridge, against a local server speaking LibreTranslate's
 * documented API (LibreTranslate itself can't be installed here). The same pipeline runs
 * against a real Apertium in tests/bridge and tests/e2e.
 */
let api: LibreTranslateApi;

beforeAll(async () => {
  api = await startLibreTranslateApi('k3y-for-tests');
});
afterAll(async () => {
  await api.close();
});
afterEach(() => {
  api.mode = 'ok';
});

function translatorWith(settings: Partial<TranslatorSettings> = {}, budget = 1000) {
  const registry = new Registry();
  const translator = createTranslator(
    libreTranslateEngine(api.url, 'k3y-for-tests'),
    createTranslationBudget(budget),
    createTranslateMetrics(registry),
    createLogger('silent'),
    { ...DEFAULT_TRANSLATOR_SETTINGS, ...settings },
  );
  const metric = async (name: string): Promise<number> => {
    const text = await registry.metrics();
    return text
      .split('\n')
      .filter((line) => line.startsWith(name))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  };
  return { translator, metric };
}

describe('the LibreTranslate adapter', () => {
  it('reads the pairs from /languages (targets), keeping Jisr’s languages only', async () => {
    const pairs = await libreTranslateEngine(api.url).pairs(AbortSignal.timeout(2000));
    expect(pairs).toContainEqual({ from: 'en', to: 'es' });
    expect(pairs).toContainEqual({ from: 'fr', to: 'en' });
    expect(pairs).not.toContainEqual({ from: 'fr', to: 'es' });
    expect(pairs.some((pair) => pair.from === pair.to)).toBe(false);
  });

  it('POSTs { q, source, target, format, api_key } and reads translatedText; an error answer is a refusal', async () => {
    const engine = libreTranslateEngine(api.url, 'k3y-for-tests');
    const text = await engine.translate('When does phase two start?', { from: 'en', to: 'es' }, AbortSignal.timeout(2000));
    expect(text).toBe('cuándo fase dos empieza');
    expect(api.requests.at(-1)).toEqual({ q: 'When does phase two start?', source: 'en', target: 'es', format: 'text', api_key: 'k3y-for-tests' });
    const wrongKey = libreTranslateEngine(api.url, 'wrong');
    const refusal = await wrongKey.translate('When?', { from: 'en', to: 'es' }, AbortSignal.timeout(2000)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(EngineRefusal);
    expect((refusal as EngineRefusal).status).toBe(403);
    expect((refusal as EngineRefusal).message).toContain('Invalid API key');
  });
});

describe('the translator', () => {
  it('goes through a pivot when there is no direct pair, and says so', async () => {
    const { translator } = translatorWith();
    const outcome = await translator.translate('ev_1', 'Quand commence la deuxième phase ?', 'fr', 'es');
    // fr -> en -> es: the engine has no fr -> es.
    expect(outcome).toEqual({ ok: true, value: { text: expect.any(String), engine: 'libretranslate', pivot: 'en' } });
    expect(api.requests.slice(-2).map((body) => `${body.source}>${body.target}`)).toEqual(['fr>en', 'en>es']);
    expect(await translator.translate('ev_1', 'Quand ?', 'fr', 'de')).toEqual({ ok: false, reason: 'no_pair' });
  });

  it('caches by text and pair: the same question twice costs one request', async () => {
    const { translator, metric } = translatorWith();
    const before = api.requests.length;
    const first = await translator.translate('ev_1', 'The budget?', 'en', 'es');
    const second = await translator.translate('ev_2', 'The budget?', 'en', 'es');
    expect(second).toEqual(first);
    expect(api.requests.length - before).toBe(1);
    expect(await metric('jisr_translation_cache_hits_total')).toBe(1);
    await translator.translate('ev_1', 'The budget?', 'en', 'ar');
    expect(api.requests.length - before).toBe(2);
  });

  it('gives up on a slow engine at the timeout, counting it', async () => {
    const { translator, metric } = translatorWith({ timeoutMs: 300 });
    api.mode = 'slow';
    api.slowMs = 1500;
    const started = Date.now();
    expect(await translator.translate('ev_1', 'When does phase two start?', 'en', 'es')).toEqual({ ok: false, reason: 'failed' });
    expect(Date.now() - started).toBeLessThan(1200);
    expect(await metric('jisr_translation_failures_total{engine="libretranslate",reason="timeout"}')).toBe(1);
  });

  it('opens the circuit after failures in a row, stops calling, and closes it when the engine answers again', async () => {
    const { translator, metric } = translatorWith({ failuresToOpen: 3, halfOpenAfterMs: 400 });
    let recovered = 0;
    translator.onRecovered(() => (recovered += 1));
    expect((await translator.translate('ev_1', 'When?', 'en', 'es')).ok).toBe(true);
    api.mode = 'error';
    for (const text of ['one', 'two', 'three']) expect(await translator.translate('ev_1', text, 'en', 'es')).toEqual({ ok: false, reason: 'failed' });
    const sent = api.requests.length;
    expect(await translator.translate('ev_1', 'four', 'en', 'es')).toEqual({ ok: false, reason: 'circuit_open' });
    expect(api.requests.length).toBe(sent);
    expect(translator.isOpen()).toBe(true);
    expect(await metric('jisr_translation_circuit_open')).toBe(1);
    expect(await metric('jisr_translation_failures_total{engine="libretranslate",reason="refused"}')).toBe(3);
    api.mode = 'ok';
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await translator.translate('ev_1', 'The budget?', 'en', 'es')).ok).toBe(true);
    expect(translator.isOpen()).toBe(false);
    expect(recovered).toBe(1);
    expect(await metric('jisr_translation_circuit_open')).toBe(0);
  });

  it('a refused pair (400) does not open the circuit', async () => {
    const { translator } = translatorWith({ failuresToOpen: 2 });
    // The local API lists en -> fr but has no words for it: 400, as for a text an engine won't take.
    for (let i = 0; i < 4; i += 1) expect((await translator.translate('ev_1', `When ${i}?`, 'en', 'fr')).ok).toBe(false);
    expect(translator.isOpen()).toBe(false);
    expect((await translator.translate('ev_1', 'When?', 'en', 'es')).ok).toBe(true);
  });

  it('stops at the event’s budget (a pivot costs two requests), other events unaffected', async () => {
    const { translator, metric } = translatorWith({}, 3);
    expect((await translator.translate('ev_flood', 'one', 'en', 'es')).ok).toBe(true);
    expect((await translator.translate('ev_flood', 'deux', 'fr', 'es')).ok).toBe(true);
    expect(await translator.translate('ev_flood', 'three', 'en', 'es')).toEqual({ ok: false, reason: 'over_budget' });
    expect((await translator.translate('ev_other', 'three', 'en', 'es')).ok).toBe(true);
    expect(await metric('jisr_translation_skipped_total{reason="over_budget"}')).toBe(1);
  });
});

describe('the detected language', () => {
  it('reads the text, not the phone: Arabic on a French phone is Arabic; Arabizi is undetermined', () => {
    expect(detectTextLang('When does the second phase of the project start?', 'es')).toBe('en');
    expect(detectTextLang('متى تبدأ المرحلة الثانية؟', 'fr')).toBe('ar');
    expect(detectTextLang('واش كاين شي حل لهاد المشكل؟', 'fr')).toBe('ar');
    expect(detectTextLang('wach kayn chi 7al l had lmochkil?', 'fr')).toBe('und');
    expect(detectTextLang('Wanneer begint de tweede fase van het project?', 'de')).toBe('nl');
    expect(detectTextLang('ok', 'es')).toBe('es');
  });

  it('reads the language of every fixture question, in six languages, whatever the phone says (the database size is chosen on it)', () => {
    const written = [...fixtureQuestions, ...duplicatePairs.questions];
    const misread = written.flatMap(({ lang, text }) => {
      // The phone's hint is always another language: only the text can give the answer.
      const hint = lang === 'en' ? 'fr' : 'en';
      // Arabic in Latin letters (Arabizi) is undetermined on purpose.
      const expected = lang === 'ar' && !/\p{Script=Arabic}/u.test(text) ? 'und' : lang;
      const read = detectTextLang(text, hint);
      return read === expected ? [] : [`${expected} read as ${read}: ${text}`];
    });
    expect(written.length).toBeGreaterThanOrEqual(60);
    expect(misread).toStrictEqual([]);
  });
});

describe('questions through the bridge (a whole server)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({
      env: { TRANSLATE_URL: api.url, TRANSLATE_API: 'libretranslate', TRANSLATE_API_KEY: 'k3y-for-tests', TRANSLATE_TIMEOUT_MS: '400' },
    });
  });
  afterEach(() => disconnectAll());
  afterAll(async () => {
    await server.stop();
  });

  async function ask(text: string, lang: 'fr' | 'en' | 'ar' = 'en') {
    const author = await attendee(server);
    const { socket: watcher } = await attendee(server);
    okData(await request(watcher, ClientEvent.SessionJoin, { sessionId: server.sessions.open.id }));
    return { author, watcher, lang, text };
  }

  it('acks the ask untranslated, then each translation arrives as question:upsert, labelled machine', async () => {
    const { author, watcher } = await ask('When does phase two start?');
    // The event offers fr, ar and en: the English question goes to French (no words: 400) and Arabic.
    const translated = waitForEvent(watcher, ServerEvent.QuestionUpsert, (message) => message.question.translations?.ar !== undefined);
    const acked = okData(
      await request(author.socket, ClientEvent.QuestionAsk, { sessionId: server.sessions.open.id, text: 'When does phase two start?', anonymous: false, clientId: randomUUID(), lang: 'en' }),
    );
    expect(acked.translations).toBeUndefined();
    expect(acked.detectedLang).toBe('en');
    const { question } = await translated;
    expect(question.translations?.ar).toEqual({ text: 'متى المرحلة الثانية تبدأ', by: 'machine', engine: 'libretranslate' });
    expect((await server.store.getQuestion(question.id))?.translations?.ar?.by).toBe('machine');
  });

  it('a moderator’s correction replaces the machine translation, and the machine never takes it back', async () => {
    const { author, watcher } = await ask('The budget?');
    const machine = waitForEvent(watcher, ServerEvent.QuestionUpsert, (message) => message.question.translations?.ar?.by === 'machine');
    const asked = okData(
      await request(author.socket, ClientEvent.QuestionAsk, { sessionId: server.sessions.open.id, text: 'The budget?', anonymous: false, clientId: randomUUID(), lang: 'en' }),
    );
    await machine;
    const mod = await connect(server, await staffToken(server, 'moderator', server.sessions.open.id));
    const corrected = waitForEvent(watcher, ServerEvent.QuestionUpsert, (message) => message.question.translations?.ar?.by === 'human');
    okData(await request(mod, ClientEvent.QuestionTranslate, { questionId: asked.id, lang: 'ar', text: 'وماذا عن الميزانية؟' }));
    expect((await corrected).question.translations?.ar).toEqual({ text: 'وماذا عن الميزانية؟', by: 'human' });
    // The pipeline tries again (a retry, another node): the correction stays.
    const bridge = server.app.ctx.bridge;
    const stored = await server.store.getQuestion(asked.id);
    if (!bridge || !stored) throw new Error('no bridge or no question');
    await bridge.questions.afterText(stored, server.event.id, server.event.languages);
    expect((await server.store.getQuestion(asked.id))?.translations?.ar).toEqual({ text: 'وماذا عن الميزانية؟', by: 'human' });
  });

  it('an engine that fails changes nothing else: asks acked fast, votes counted, /readyz ready, translations later', async () => {
    api.mode = 'slow';
    api.slowMs = 3000;
    const { author, watcher } = await ask('When?');
    const started = Date.now();
    const asked = okData(
      await request(author.socket, ClientEvent.QuestionAsk, { sessionId: server.sessions.open.id, text: 'When does the second phase start?', anonymous: false, clientId: randomUUID(), lang: 'en' }),
    );
    expect(Date.now() - started).toBeLessThan(300);
    const voted = okData(await request(watcher, ClientEvent.QuestionVote, { questionId: asked.id, vote: true }));
    expect(voted.votes).toBe(1);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    // The slow answer is given up at the 400 ms timeout and counted as such, before the
    // engine starts refusing (on a fast runner the refusals alone opened the circuit first).
    const timedOut = /jisr_translation_failures_total\{engine="libretranslate",reason="timeout"\} [1-9]/;
    let metrics = '';
    await waitFor(async () => timedOut.test((metrics = await (await fetch(`${server.url}/metrics`)).text())));
    api.mode = 'error';
    for (let i = 0; i < 4; i += 1) {
      okData(await request(author.socket, ClientEvent.QuestionAsk, { sessionId: server.sessions.open.id, text: `When does phase ${i} start?`, anonymous: false, clientId: randomUUID(), lang: 'en' }));
    }
    await waitUntil(() => server.app.ctx.bridge?.translator.isOpen() === true);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(timedOut);
    expect(metrics).toMatch(/jisr_translation_circuit_open 1/);
    // Back: what was asked meanwhile is translated without anyone asking again.
    api.mode = 'ok';
    const late = waitForEvent(watcher, ServerEvent.QuestionUpsert, (message) => message.question.id === asked.id && message.question.translations?.ar !== undefined, 15_000);
    const { question } = await late;
    expect(question.translations?.ar?.by).toBe('machine');
  }, 30_000);

  it('leaves undetermined text (Arabizi) untranslated', async () => {
    const { author } = await ask('wach kayn chi 7al');
    const asked = okData(
      await request(author.socket, ClientEvent.QuestionAsk, { sessionId: server.sessions.open.id, text: 'wach kayn chi 7al', anonymous: false, clientId: randomUUID() }),
    );
    expect(asked.detectedLang).toBe('und');
    const sent = api.requests.length;
    const stored = await server.store.getQuestion(asked.id);
    if (!stored) throw new Error('question not stored');
    await server.app.ctx.bridge?.questions.afterText(stored, server.event.id, server.event.languages);
    expect((await server.store.getQuestion(asked.id))?.translations).toBeUndefined();
    expect(api.requests.length).toBe(sent);
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  await waitFor(async () => check(), timeoutMs);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
