import type { Page } from 'playwright-core';

/**
 * What a view says it shows (issue 18's attribute contract): the room screen's, the speaker
 * view's and the overlay's root element carries `data-stage-kind`, and where they apply
 * `data-stage-question-id`, `data-stage-poll-id`, `data-stage-show`.
 */
export interface StageMark {
  kind: string;
  questionId?: string;
  pollId?: string;
  show?: string;
}

/**
 * Waits until the page's stage element says `expected` (attributes it leaves out are not
 * compared) and returns when it did (Date.now() of the test process).
 */
export async function waitForStage(page: Page, expected: StageMark, timeoutMs = 5000): Promise<number> {
  await page.waitForFunction(
    (want: StageMark) => {
      const root = document.querySelector('[data-stage-kind]');
      if (!root) return false;
      const read = (name: string) => root.getAttribute(name) ?? undefined;
      return (
        read('data-stage-kind') === want.kind &&
        (want.questionId === undefined || read('data-stage-question-id') === want.questionId) &&
        (want.pollId === undefined || read('data-stage-poll-id') === want.pollId) &&
        (want.show === undefined || read('data-stage-show') === want.show)
      );
    },
    expected,
    { timeout: timeoutMs },
  );
  return Date.now();
}

/**
 * Every Socket.IO frame the page receives from now on, as text: what reached the phone,
 * whatever its views render of it.
 */
export function recordFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => frames.push(typeof payload === 'string' ? payload : payload.toString('utf8')));
  });
  return frames;
}

/** A frame's parts a live change turns on, wherever they sit in it: ` … "qa":{…} "seq":12`. */
function keyParts(text: string): string {
  const parts = [/"qa":\{[^}]*\}/, /"status":"[a-z]+"/, /"seq":\d+/].map((pattern) => pattern.exec(text)?.[0]).filter(Boolean);
  return parts.length > 0 ? ` … ${parts.join(' ')}` : '';
}

/** One Socket.IO frame, either way, with when it passed (ms since the recording began). */
export interface TrafficFrame {
  at: number;
  way: 'sent' | 'received';
  text: string;
}

/**
 * Every Socket.IO packet the page sends or receives from now on, over a websocket or
 * long-polling: for a test that fails on a live change to say what went over the wire, not
 * only what the page showed.
 */
export function recordTraffic(page: Page): { frames: TrafficFrame[]; about: (...words: string[]) => string } {
  const frames: TrafficFrame[] = [];
  const started = Date.now();
  const push = (way: TrafficFrame['way'], payload: string | Buffer): void => {
    frames.push({ at: Date.now() - started, way, text: typeof payload === 'string' ? payload : payload.toString('utf8') });
  };
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => push('sent', payload));
    socket.on('framereceived', ({ payload }) => push('received', payload));
  });
  // Before its upgrade to a websocket (and after a reload), Socket.IO speaks over HTTP
  // long-polling: those packets count too (several per body, split on Engine.IO's separator).
  page.on('requestfinished', (request) => {
    if (!request.url().includes('/socket.io/')) return;
    const body = request.postData();
    if (body) for (const packet of body.split('\x1e')) push('sent', packet);
    void request
      .response()
      .then((response) => response?.text())
      .then((text) => {
        for (const packet of (text ?? '').split('\x1e')) if (packet) push('received', packet);
      })
      .catch(() => undefined);
  });
  /**
   * The frames naming any of `words`, and every ack (Socket.IO's `43…` frames name no
   * event), one a line, each cut to 160 characters and followed by its `qa`, `status` and
   * `seq` wherever they are; the last 80 at most.
   */
  const about = (...words: string[]): string =>
    frames
      .filter((frame) => frame.text.startsWith('43') || words.some((word) => frame.text.includes(word)))
      .slice(-80)
      .map((frame) => `${frame.at} ms ${frame.way}: ${frame.text.slice(0, 160)}${keyParts(frame.text)}`)
      .join('\n');
  return { frames, about };
}
