import path from 'node:path';
import { ClientEvent } from '@jisr/protocol/events';
import type { Stage } from '@jisr/protocol/stage';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { launchBrowser } from '../support/browser.js';
import { connectSocket, liveOpenSessionId, okData, request, type ClientSocket } from '../support/cluster-clients.js';
import { crowd, seedLargestStages, setStage, textOf, type Crowd, type LargestStages } from '../support/stage-content.js';
import { ADMIN, demoAgenda, organizerToken } from '../support/staff.js';
import type { StageMark } from '../support/stage-views.js';
import { layoutFaults, openWall, settled, staffWallPage, waitForSettledStage, WALL_SIZES } from '../support/wall.js';
import { keepShot } from '../support/shots.js';

/**
 * Issue 18.2: every stage fits every screen. The room screen at 1920x1080, 1280x720,
 * 1024x768 and 1080x1920, in Arabic and in German, shows each stage at its largest, with
 * and without an announcement; every line of text stays inside the viewport, the stage's
 * text inside its box and off the join strip and the banner, and nothing is cut. The
 * screenshots (tests/artifacts/screen-fit, not committed) are for a person to look at:
 * written for a view at fault, or for every view with JISR_SHOTS=1 (support/shots.ts).
 */

const SHOTS = path.resolve(import.meta.dirname, '../artifacts/screen-fit');
/** How long the wall shows a quiz's answer before the leaderboard (QUIZ_ANSWER_MS in the web app). */
const QUIZ_ANSWER_MS = 6_000;

let app: AppProcess;
let browser: Browser;
let organizer: ClientSocket;
let people: Crowd | undefined;
let token: string;
let eventId: string;
let seeded: LargestStages;
let answerIds: string[];
/** How many distinct words the seeded cloud's tally holds (200 sent; spellings of one word merge). */
let cloudWords: number;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  token = await organizerToken(app.url);
  organizer = await connectSocket(app.url, token);
  eventId = (await demoAgenda(app.url)).event.id;
  const sessionId = await liveOpenSessionId(app.url);
  people = await crowd(app.url, 67);
  seeded = await seedLargestStages(app.url, organizer, sessionId, people);
  answerIds = okData(await request(organizer, ClientEvent.PollAnswers, { pollId: seeded.polls.text.id }))
    .slice(0, 12)
    .map((answer) => answer.id);
  const snapshot = okData(await request(organizer, ClientEvent.SessionJoin, { sessionId }));
  cloudWords = snapshot.tallies[seeded.polls.wordcloud.id]?.words?.length ?? 0;
}, 120_000);

afterAll(async () => {
  people?.close();
  organizer?.disconnect();
  await browser?.close();
  await app?.stop();
});

interface Scene {
  name: string;
  stage: () => Stage;
  /** What the wall's root says once it shows the scene. */
  shows: () => StageMark;
}

const poll = (name: keyof LargestStages['polls'], show: 'voting' | 'results'): Scene => ({
  name: `poll-${name}-${show}`,
  stage: () => ({ kind: 'poll', pollId: seeded.polls[name].id, show }),
  shows: () => ({ kind: 'poll', pollId: seeded.polls[name].id, show }),
});

const SCENES: Scene[] = [
  { name: 'questions', stage: () => ({ kind: 'questions' }), shows: () => ({ kind: 'questions' }) },
  {
    name: 'question',
    stage: () => ({ kind: 'question', questionId: seeded.pinnedId }),
    shows: () => ({ kind: 'question', questionId: seeded.pinnedId }),
  },
  poll('choice', 'voting'),
  poll('choice', 'results'),
  poll('rating', 'results'),
  poll('ranking', 'results'),
  poll('wordcloud', 'results'),
  poll('quiz', 'results'),
  {
    name: 'answers',
    stage: () => ({ kind: 'answers', pollId: seeded.polls.text.id, answerIds }),
    shows: () => ({ kind: 'answers', pollId: seeded.polls.text.id }),
  },
  { name: 'join', stage: () => ({ kind: 'join' }), shows: () => ({ kind: 'join' }) },
  { name: 'blank', stage: () => ({ kind: 'blank' }), shows: () => ({ kind: 'blank' }) },
];

/** Below this a cloud's smallest word no longer reads from the back (MIN_WORD_PX in the web app). */
const MIN_WORD_PX = 14;
/** The quiz's correct answer on a 1080p wall: large enough for the room to cheer (issue 18.5). */
const CORRECT_ANSWER_PX = 48;

/** The word cloud as the wall shows it: its words, how many more it says there are, its smallest word's size. */
function cloudShown(page: Page): Promise<{ sent: number; words: number; more: number; smallest: number }> {
  return page.evaluate(() => {
    const cloud = document.querySelector('[data-testid="poll-cloud"]');
    const sizes = [...(cloud?.children ?? [])].map((word) => Number.parseFloat(getComputedStyle(word).fontSize));
    const more = Number(document.querySelector('[data-testid="poll-cloud-more"]')?.getAttribute('data-more') ?? 0);
    return { sent: Number(cloud?.getAttribute('data-words') ?? 0), words: sizes.length, more, smallest: Math.min(...sizes) };
  });
}

/** Announces a long text to the event and waits for the wall's banner; returns how to withdraw it. */
async function announce(page: Page, lang: 'ar' | 'de'): Promise<() => Promise<void>> {
  const announcement = okData(await request(organizer, ClientEvent.Announce, { eventId, text: textOf(lang, 280, 5), expiresInMinutes: 30 }));
  await page.getByTestId('screen-announcement').waitFor();
  return async () => {
    const response = await fetch(`${app.url}/api/events/${eventId}/announcements/${announcement.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(204);
    await expect.poll(() => page.getByTestId('screen-announcement').count(), { timeout: 20_000 }).toBe(0);
  };
}

describe('the room screen at every size', () => {
  it('fits every stage at its largest, in Arabic and German, with and without an announcement', async () => {
    expect(answerIds).toHaveLength(12);
    // Far more words than a screen used to take (60): the wall must show them all or say how many it leaves out.
    expect(cloudWords).toBeGreaterThan(150);
    const page = await staffWallPage(browser, token, WALL_SIZES[0]);
    // The quiz's answer stays up for seconds before the leaderboard: the test moves the page's clock on instead.
    await page.clock.install();
    const faults: string[] = [];
    const clouds: string[] = [];
    let views = 0;
    for (const lang of ['de', 'ar'] as const) {
      await openWall(page, `${app.url}/e/DEMO/s/${seeded.sessionId}/screen?lang=${lang}&also=${lang === 'de' ? 'ar' : 'en'}`);
      for (const size of WALL_SIZES) {
        await page.setViewportSize(size);
        for (const banner of [false, true]) {
          const withdraw = banner ? await announce(page, lang) : null;
          for (const scene of SCENES) {
            await setStage(organizer, seeded.sessionId, scene.stage());
            await waitForSettledStage(page, scene.shows());
            const phases = scene.name === 'poll-quiz-results' ? ['answer', 'leaderboard'] : [''];
            for (const phase of phases) {
              if (phase === 'leaderboard') await page.clock.fastForward(QUIZ_ANSWER_MS + 500);
              if (phase) await page.locator(`[data-testid="screen-quiz"][data-phase="${phase}"]`).waitFor();
              await settled(page);
              const shot = `${lang}-${size.name}-${scene.name}${phase ? `-${phase}` : ''}${banner ? '-banner' : ''}`;
              if (scene.name === 'poll-wordcloud-results') {
                // Every word the room sent, shrunk to fit; past the readable size the most said, and how many more.
                await expect
                  .poll(async () => {
                    const cloud = await cloudShown(page);
                    return cloud.sent === cloudWords && cloud.words + cloud.more === cloudWords && cloud.smallest >= MIN_WORD_PX;
                  }, { timeout: 3_000 })
                  .toBe(true)
                  .catch(() => undefined);
                const cloud = await cloudShown(page);
                clouds.push(`${shot}: ${cloud.words} words at ${cloud.smallest.toFixed(1)} px and ${cloud.more} more`);
                if (cloud.sent !== cloudWords || cloud.words + cloud.more !== cloudWords) {
                  faults.push(`${shot}: the cloud accounts for ${cloud.words} + ${cloud.more} of ${cloud.sent} words (the tally has ${cloudWords})`);
                }
                if (cloud.smallest < MIN_WORD_PX) faults.push(`${shot}: the cloud's smallest word is ${cloud.smallest} px`);
                await settled(page);
              }
              if (phase === 'leaderboard') {
                // No timer: the six right answers have 1,000 points each and share the first place; the four others the seventh.
                const places = await page.locator('[data-testid="poll-leaderboard"] [data-place]').evaluateAll((items) => items.map((item) => item.getAttribute('data-place')));
                const expected = [...Array<string>(6).fill('1'), ...Array<string>(4).fill('7')];
                if (places.join(' ') !== expected.join(' ')) faults.push(`${shot}: the leaderboard's places are ${places.join(' ')}`);
              }
              if (phase === 'answer' && size.width === 1920) {
                const answerPx = await page.getByTestId('screen-correct-answer').evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
                if (answerPx < CORRECT_ANSWER_PX) faults.push(`${shot}: the correct answer is ${answerPx} px`);
              }
              let found = await layoutFaults(page);
              if (found.length > 0) {
                // A tally or a font may have landed just now: a fault must outlast the fitting it starts.
                await page.waitForTimeout(300);
                await settled(page);
                found = await layoutFaults(page);
              }
              for (const fault of found) faults.push(`${shot}: “${fault.text}” ${fault.fault}`);
              await keepShot(page, path.join(SHOTS, `${shot}.png`), { fault: found.length > 0 || faults.some((line) => line.startsWith(`${shot}:`)) });
              views += 1;
            }
          }
          await withdraw?.();
        }
        if (size.width === 1920) {
          // Readable from the back: the join strip's second language at 32 px or more on a 1080p wall.
          await setStage(organizer, seeded.sessionId, { kind: 'questions' });
          await waitForSettledStage(page, { kind: 'questions' });
          const second = await page.getByTestId('screen-second').evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
          expect(second, `${lang}: the second language's size`).toBeGreaterThanOrEqual(32);
        }
      }
    }
    console.info(`the word cloud of ${cloudWords} words:\n${clouds.join('\n')}`);
    expect(faults).toEqual([]);
    expect(views).toBe(2 * WALL_SIZES.length * 2 * (SCENES.length + 1));
  }, 300_000);
});

describe('the stream overlay', () => {
  it('lays each stage over the picture as a lower third that fits, on a transparent page, and nothing for a blank stage', async () => {
    const page = await staffWallPage(browser, token, WALL_SIZES[0]);
    await page.clock.install();
    const faults: string[] = [];
    for (const lang of ['de', 'ar'] as const) {
      await openWall(page, `${app.url}/e/DEMO/s/${seeded.sessionId}/overlay?lang=${lang}&also=${lang === 'de' ? 'ar' : 'en'}`);
      // OBS and vMix composite the page over the video: nothing of the page may hide it.
      const backgrounds = await page.evaluate(() => [document.documentElement, document.body].map((element) => getComputedStyle(element).backgroundColor));
      expect(backgrounds).toEqual(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']);
      for (const size of WALL_SIZES.slice(0, 2)) {
        await page.setViewportSize(size);
        for (const scene of SCENES) {
          await setStage(organizer, seeded.sessionId, scene.stage());
          await waitForSettledStage(page, scene.shows());
          if (scene.name === 'poll-quiz-results') {
            await page.clock.fastForward(QUIZ_ANSWER_MS + 500);
            await page.locator('[data-testid="screen-quiz"][data-phase="leaderboard"]').waitFor();
            await settled(page);
          }
          const card = await page.getByTestId('overlay-stage').count();
          expect(card, `${scene.name}: a card`).toBe(scene.name === 'blank' ? 0 : 1);
          if (card > 0) {
            // A lower third: the card keeps to the bottom of the picture.
            const box = await page.getByTestId('overlay-stage').boundingBox();
            expect(box?.y ?? 0).toBeGreaterThan(size.height * 0.55);
          }
          const found = await layoutFaults(page);
          for (const fault of found) faults.push(`overlay ${lang}-${size.name}-${scene.name}: “${fault.text}” ${fault.fault}`);
          await keepShot(page, path.join(SHOTS, `overlay-${lang}-${size.name}-${scene.name}.png`), { omitBackground: true, fault: found.length > 0 });
        }
      }
    }
    expect(faults).toEqual([]);
  }, 180_000);
});
