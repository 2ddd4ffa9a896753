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
