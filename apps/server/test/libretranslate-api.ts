import http from 'node:http';

/** How the local LibreTranslate API behaves for the next requests. */
export type LibreMode = 'ok' | 'slow' | 'error';

export interface LibreTranslateApi {
  url: string;
  /** Every POST /translate body received, in order. */
  readonly requests: { q: string; source: string; target: string; format?: string; api_key?: string }[];
  mode: LibreMode;
  /** How long `slow` waits before answering. */
  slowMs: number;
  close(): Promise<void>;
}

/**
 * A word list per pair: enough to answer like an engine does (a different text in the
 * target language), not a stand-in for one. Unknown words are left as they are, as
 * LibreTranslate does with names.
 */
const WORDS: Record<string, Record<string, string>> = {
  'en>es': { when: 'cuándo', does: '', phase: 'fase', two: 'dos', start: 'empieza', the: 'el', budget: 'presupuesto', lunch: 'almuerzo', is: 'está', served: 'servido' },
  'en>ar': { when: 'متى', does: '', phase: 'المرحلة', two: 'الثانية', start: 'تبدأ', the: '', budget: 'الميزانية', lunch: 'الغداء', is: '', served: 'جاهز' },
  'fr>en': { quand: 'when', commence: 'starts', la: 'the', deuxième: 'second', phase: 'phase', budget: 'budget', le: 'the' },
  'es>en': { cuándo: 'when', empieza: 'starts', la: 'the', segunda: 'second', fase: 'phase', el: 'the', presupuesto: 'budget' },
  'ar>en': { متى: 'when', تبدأ: 'starts', المرحلة: 'phase', الثانية: 'two' },
};

function translate(q: string, source: string, target: string): string {
  const words = WORDS[`${source}>${target}`] ?? {};
  return q
    .split(/\s+/)
    .map((word) => {
      const bare = word.toLowerCase().replace(/[?¿!.,؟]/g, '');
      const found = words[bare];
      return found === undefined ? word : found;
    })
    .filter((word) => word.length > 0)
    .join(' ');
}

/**
 * A small HTTP server speaking LibreTranslate's documented API (GET /languages, POST
 * /translate with JSON `{ q, source, target, format, api_key }` answering
 * `{ translatedText }`, errors as `{ error }`), with English as the only way between
 * French or Spanish and Arabic: what a pivot needs. LibreTranslate itself can't be
 * installed on this machine; the adapter is tested against this instead.
 */
export async function startLibreTranslateApi(apiKey?: string): Promise<LibreTranslateApi> {
  const state = { mode: 'ok' as LibreMode, slowMs: 2000 };
  const requests: LibreTranslateApi['requests'] = [];
  const server = http.createServer((req, res) => {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/languages') {
      reply(200, [
        { code: 'en', name: 'English', targets: ['ar', 'es', 'fr', 'en'] },
        { code: 'fr', name: 'French', targets: ['en'] },
        { code: 'es', name: 'Spanish', targets: ['en'] },
        { code: 'ar', name: 'Arabic', targets: ['en'] },
        { code: 'zh', name: 'Chinese', targets: ['en'] },
      ]);
      return;
    }
    if (req.method !== 'POST' || req.url !== '/translate') {
      reply(404, { error: 'Not found' });
      return;
    }
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as LibreTranslateApi['requests'][number];
      requests.push(body);
      if (apiKey !== undefined && body.api_key !== apiKey) return reply(403, { error: 'Invalid API key' });
      if (state.mode === 'error') return reply(500, { error: 'Cannot translate text: engine failure' });
      if (!WORDS[`${body.source}>${body.target}`]) return reply(400, { error: `${body.target} is not supported` });
      const answer = (): void => reply(200, { translatedText: translate(body.q, body.source, body.target) });
      if (state.mode === 'slow') setTimeout(answer, state.slowMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get mode() {
      return state.mode;
    },
    set mode(mode) {
      state.mode = mode;
    },
    get slowMs() {
      return state.slowMs;
    },
    set slowMs(ms) {
      state.slowMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
