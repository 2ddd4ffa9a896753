import { randomUUID } from 'node:crypto';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { connectSocket, joinDemo, liveOpenSessionId, okData, request, type ClientSocket } from '../support/cluster-clients.js';
import { acceptInvite, markNoReload, wasNotReloaded } from '../support/invited-staff.js';
import { ADMIN, demoAgenda, inviteLink, organizerToken } from '../support/staff.js';
import { recordFrames, waitForStage, type StageMark } from '../support/stage-views.js';
import { dictionaries } from '../../apps/web/src/lib/i18n/dictionaries.js';

/**
 * Issue 18, "Done when": the moderator directs the room screen, the stream overlay and the
 * speaker view without
 * any of them reloading; the stage survives a reload of the screen; a quiz's split and the
 * open-text answers reach a phone only when the room may see them.
 */
let app: AppProcess;
let browser: Browser;
let sessionId: string;
let base: string;
let moderator: Page;
let screen: Page;
let speaker: Page;
let overlay: Page;
let organizer: ClientSocket;
/** How long each stage change took to show on the screen, the overlay and the speaker view (ms, from the click). */
const delays: number[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  sessionId = await liveOpenSessionId(app.url);
  base = `${app.url}/e/DEMO/s/${sessionId}`;
  const eventId = (await demoAgenda(app.url)).event.id;
  const invite = (role: 'moderator' | 'speaker' | 'screen') => inviteLink(app.url, eventId, role, sessionId);
  moderator = await acceptInvite(browser, await invite('moderator'), 'Karima', { viewport: { width: 1366, height: 900 }, landsOn: /\/moderate$/ });
  screen = await acceptInvite(browser, await invite('screen'), 'Projecteur', { viewport: { width: 1280, height: 720 }, landsOn: /\/screen/ });
  speaker = await acceptInvite(browser, await invite('speaker'), 'Samira', { viewport: { width: 1024, height: 768 }, landsOn: /\/speaker/ });
  // The stream overlay, opened with the screen's staff token (its own tab of that browser).
  overlay = await screen.context().newPage();
  await overlay.goto(`${base}/overlay`);
  await hydrated(overlay);
  for (const page of [moderator, screen, speaker, overlay]) await markNoReload(page);
  organizer = await connectSocket(app.url, await organizerToken(app.url));
}, 120_000);

afterAll(async () => {
  organizer?.close();
  await browser?.close();
  await app?.stop();
});

/**
 * Does `act` (a moderator's click), and waits for the screen, the overlay and the speaker view to show
 * `expected`; keeps how long after the click each did (0 when already there as it returned).
 */
async function expectStage(expected: StageMark, act: () => Promise<unknown>): Promise<void> {
  const shown = Promise.all([waitForStage(screen, expected), waitForStage(overlay, expected), waitForStage(speaker, expected)]);
  await act();
  const clicked = Date.now();
  delays.push(...(await shown).map((at) => Math.max(0, at - clicked)));
}

async function attendeeSocket(name: string): Promise<ClientSocket> {
  return connectSocket(app.url, await joinDemo(app.url, name));
}

describe('the stage', () => {
  it('open, close, pin: the screen, the overlay and the speaker view follow the moderator\'s last action within a second', async () => {
    const asker = await attendeeSocket('Samir');
    const question = okData(
      await request(asker, ClientEvent.QuestionAsk, { sessionId, text: 'Quelle place pour la jeunesse dans le programme ?', anonymous: false, clientId: randomUUID() }),
    );
    asker.close();

    await moderator.getByTestId('mod-tab-polls').click();
    await moderator.getByTestId('poll-create-kind').selectOption('single');
    await moderator.getByTestId('poll-create-prompt').fill('Quelle ville pour 2027 ?');
    const options = moderator.getByTestId('poll-create-option');
    await options.nth(0).fill('Rabat');
    await options.nth(1).fill('Bruxelles');
    await moderator.getByTestId('poll-create-submit').click();
    const drafted = moderator.getByTestId('poll-item').filter({ hasText: 'Quelle ville pour 2027 ?' });
    const pollId = (await drafted.getAttribute('data-poll-id')) ?? '';
    const item = moderator.locator(`[data-testid="poll-item"][data-poll-id="${pollId}"]`);

    await expectStage({ kind: 'poll', pollId, show: 'voting' }, () => item.getByTestId('poll-open').click());
    await expectStage({ kind: 'poll', pollId, show: 'results' }, () => item.getByTestId('poll-close').click());

    await moderator.getByTestId('mod-tab-questions').click();
    await moderator.getByTestId('mod-tab-live').click();
    const card = moderator.locator(`[data-testid="mod-question"][data-question-id="${question.id}"]`);
    await expectStage({ kind: 'question', questionId: question.id }, () => card.getByTestId('mod-pin').click());
    await screen.getByText('Quelle place pour la jeunesse dans le programme ?').first().waitFor();
    await speaker.getByText('Quelle place pour la jeunesse dans le programme ?').first().waitFor();
    await overlay.getByText('Quelle place pour la jeunesse dans le programme ?').first().waitFor();
    // The moderator's miniature is the real screen, and the panel says what is up.
    await expect.poll(() => moderator.getByTestId('stage-choice-question').getAttribute('aria-pressed')).toBe('true');

    await expectStage({ kind: 'questions' }, () => card.getByTestId('mod-unpin').click());
    expect(Math.max(...delays), `stage delays ${delays.join(', ')} ms`).toBeLessThan(1000);
  }, 60_000);

  it('each explicit choice reaches the screen, the overlay and the speaker view, and a reloaded screen comes back to it', async () => {
    const choices: [string, StageMark][] = [
      ['join', { kind: 'join' }],
      ['blank', { kind: 'blank' }],
      ['poll-results', { kind: 'poll', show: 'results' }],
      ['poll-voting', { kind: 'poll', show: 'voting' }],
      ['questions', { kind: 'questions' }],
    ];
    for (const [choice, mark] of choices) {
      const button = moderator.getByTestId(`stage-choice-${choice}`);
      await expectStage(mark, () => button.click());
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    }
    await expectStage({ kind: 'join' }, () => moderator.getByTestId('stage-choice-join').click());

    await screen.reload();
    await hydrated(screen);
    await waitForStage(screen, { kind: 'join' });
    expect(await wasNotReloaded(moderator)).toBe(true);
    expect(await wasNotReloaded(speaker)).toBe(true);
    expect(await wasNotReloaded(overlay)).toBe(true);
    expect(Math.max(...delays), `stage delays ${delays.join(', ')} ms`).toBeLessThan(1000);
  }, 60_000);
});

describe('what reaches a phone', () => {
  it('a quiz\'s split never reaches a phone before it closes', async () => {
    const quiz = okData(
      await request(organizer, ClientEvent.PollCreate, {
        sessionId,
        kind: 'quiz',
        prompt: 'Capitale du Maroc ?',
        options: ['Rabat', 'Casablanca', 'Fès'],
        settings: { correctOption: 0 },
      }),
    );
    expect(quiz.settings.results).toBe('after_close');
    const phone = await (await browser.newContext({ viewport: PHONE, locale: 'fr-BE' })).newPage();
    const frames = recordFrames(phone);
    await phone.goto(base);
    await hydrated(phone);
    okData(await request(organizer, ClientEvent.SessionJoin, { sessionId }));
    okData(await request(organizer, ClientEvent.PollOpen, { pollId: quiz.id }));

    const card = phone.getByTestId('poll-card');
    await card.getByText('Capitale du Maroc ?').waitFor();
    await card.getByTestId('poll-option').nth(1).click();
    // Staff get the tally of both ballots at the tick a phone would have had it too.
    const voter = await attendeeSocket('Imane');
    const tallied = new Promise<void>((resolve) => organizer.on(ServerEvent.PollTally, (tally) => tally.pollId === quiz.id && tally.total === 2 && resolve()));
    okData(await request(voter, ClientEvent.PollVote, { pollId: quiz.id, ballot: { optionId: quiz.options[0]?.id ?? '' }, clientId: randomUUID() }));
    voter.close();
    await tallied;
    const tallyFrame = (frame: string) => frame.includes('"poll:tally"') && frame.includes(quiz.id);
    expect(frames.filter(tallyFrame)).toEqual([]);

    okData(await request(organizer, ClientEvent.PollClose, { pollId: quiz.id }));
    await expect.poll(() => frames.filter(tallyFrame).length, { timeout: 5000 }).toBeGreaterThan(0);
    const closedAt = frames.findIndex((frame) => frame.includes('"poll:upsert"') && frame.includes(quiz.id) && frame.includes('"closed"'));
    expect(closedAt).toBeGreaterThanOrEqual(0);
    expect(frames.findIndex(tallyFrame)).toBeGreaterThan(closedAt);
    // Once closed, the phone's leaderboard (in the closed polls' fold) draws each place, not only the list's hidden numbering.
    await phone.getByTestId('closed-polls-toggle').click();
    const leader = phone.getByTestId('poll-leaderboard').locator('li').first();
    await leader.waitFor();
    expect(await leader.getAttribute('data-place')).toBe('1');
    expect(await leader.textContent()).toContain('Imane');
    const place = leader.locator('.rank-number');
    expect([await place.textContent(), await place.isVisible()]).toEqual(['1', true]);
    await phone.context().close();
  }, 60_000);

  it('an open-text answer reaches the moderator at once, and other attendees only once on stage', async () => {
    const poll = okData(await request(organizer, ClientEvent.PollCreate, { sessionId, kind: 'text', prompt: 'Une idée pour la prochaine édition ?', options: [] }));
    okData(await request(organizer, ClientEvent.PollOpen, { pollId: poll.id }));
    const neighbour = await (await browser.newContext({ viewport: PHONE, locale: 'ar-MA' })).newPage();
    const frames = recordFrames(neighbour);
    await neighbour.goto(base);
    await hydrated(neighbour);

    await moderator.getByTestId('mod-tab-polls').click();
    const wall = moderator.getByTestId('answers-wall');
    await wall.waitFor();
    const text = 'Des navettes depuis la gare du Midi';
    const author = await attendeeSocket('Nadia');
    const sent = Date.now();
    okData(await request(author, ClientEvent.PollVote, { pollId: poll.id, ballot: { text }, clientId: randomUUID() }));
    const row = wall.getByTestId('answer').filter({ hasText: text });
    await row.waitFor({ timeout: 5000 });
    const toModerator = Date.now() - sent;
    author.close();
    expect(frames.some((frame) => frame.includes(text))).toBe(false);
    expect(await neighbour.getByText(text).count()).toBe(0);

    const answerId = (await row.getAttribute('data-answer-id')) ?? '';
    await row.getByTestId('answer-choose').check();
    await expectStage({ kind: 'answers', pollId: poll.id }, () => wall.getByTestId('answers-show').click());
    await screen.getByText(text).first().waitFor();
    await expect.poll(() => frames.some((frame) => frame.includes('"stage:update"') && frame.includes(text))).toBe(true);
    // ...and the neighbour's phone shows it, under the room screen's label, without a reload.
    const staged = neighbour.getByTestId('staged-answers');
    await staged.getByTestId('staged-answer').filter({ hasText: text }).waitFor({ timeout: 5000 });
    expect(await staged.getByRole('heading').textContent()).toContain(dictionaries.ar.session.onScreen);
    // The moderator's list marks it as the one up.
    await wall.locator(`[data-testid="answer"][data-answer-id="${answerId}"] .badge`).first().waitFor();
    expect(toModerator, `answer to the moderator in ${toModerator} ms`).toBeLessThan(1000);
    await neighbour.context().close();
  }, 60_000);
});
