import type { Question } from '@jisr/protocol/question';
import { randomUUID } from 'node:crypto';
import { ClientEvent } from '@jisr/protocol/events';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { connectSocket, joinDemo, liveOpenSessionId, okData, request, type ClientSocket } from '../support/cluster-clients.js';
import { acceptInvite, markNoReload, wasNotReloaded } from '../support/invited-staff.js';
import { ADMIN, demoAgenda, inviteLink } from '../support/staff.js';

/**
 * Issue 20, "Done when": a merged pair shows once on the room screen with the summed votes.
 * Also the two faces of duplicates in the browser: the moderator's "possibly the same as"
 * with its one-tap merge, and the attendee's "similar questions already asked" while typing.
 */
let app: AppProcess;
let browser: Browser;
let sessionId: string;
let moderator: Page;
let screen: Page;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  sessionId = await liveOpenSessionId(app.url);
  const eventId = (await demoAgenda(app.url)).event.id;
  moderator = await acceptInvite(browser, await inviteLink(app.url, eventId, 'moderator', sessionId), 'Karima', {
    viewport: { width: 1366, height: 900 },
    landsOn: /\/moderate$/,
  });
  screen = await acceptInvite(browser, await inviteLink(app.url, eventId, 'screen', sessionId), 'Projecteur', {
    viewport: { width: 1280, height: 720 },
    landsOn: /\/screen/,
  });
  for (const page of [moderator, screen]) await markNoReload(page);
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await browser?.close();
  await app?.stop();
});

async function attendee(name: string): Promise<ClientSocket> {
  const socket = await connectSocket(app.url, await joinDemo(app.url, name));
  sockets.push(socket);
  return socket;
}

async function ask(socket: ClientSocket, text: string): Promise<Question> {
  return okData(await request(socket, ClientEvent.QuestionAsk, { sessionId, text, anonymous: false, clientId: randomUUID() }));
}

async function votesFrom(count: number, questionIds: readonly string[]): Promise<void> {
  for (let index = 0; index < count; index++) {
    const voter = await attendee(`Voter ${index}`);
    for (const questionId of questionIds) okData(await request(voter, ClientEvent.QuestionVote, { questionId, vote: true }));
  }
}

/** The vote count the room screen shows for a question, or null while it is not listed there. */
function screenVotes(questionId: string): Promise<string | null> {
  return screen.evaluate((id) => {
    const item = document.querySelector(`[data-testid="screen-question"][data-question-id="${id}"]`);
    return item ? (item.textContent ?? '').replace(/\s+/g, ' ') : null;
  }, questionId);
}

describe('duplicate questions in the browser', () => {
  it('the moderator merges in one tap; the room screen shows one question with the summed votes', async () => {
    const tag = randomUUID().slice(0, 6);
    const kept = await ask(await attendee('Amina'), `Will the slides of the opening keynote be shared after the session? ${tag}`);
    const duplicate = await ask(await attendee('Lucas'), `Are the opening keynote slides shared after the session? ${tag}`);
    // 6 voted for the first only, 5 for the second only, 2 for both: 13 people once merged.
    await votesFrom(6, [kept.id]);
    await votesFrom(5, [duplicate.id]);
    await votesFrom(2, [kept.id, duplicate.id]);
    await expect.poll(() => screenVotes(kept.id), { timeout: 10_000 }).toContain('8');
    await expect.poll(() => screenVotes(duplicate.id), { timeout: 10_000 }).toContain('7');

    // The moderator sees "possibly the same as" on the later one and merges it in one tap.
    await moderator.getByTestId('mod-tab-live').click();
    const card = moderator.locator(`[data-testid="mod-question"][data-question-id="${duplicate.id}"]`);
    await card.getByTestId('mod-similar').waitFor({ timeout: 10_000 });
    expect(await card.getByTestId('mod-similar').textContent()).toContain(kept.text);
    await card.getByTestId('mod-merge').click();

    await expect.poll(() => screenVotes(duplicate.id), { timeout: 10_000 }).toBeNull();
    await expect.poll(() => screenVotes(kept.id), { timeout: 10_000 }).toContain('13');
    expect(await screen.locator('[data-testid="screen-question-text"]', { hasText: tag }).count()).toBe(1);
    const keptCard = moderator.locator(`[data-testid="mod-question"][data-question-id="${kept.id}"]`);
    await expect.poll(() => keptCard.getByTestId('mod-variant').textContent(), { timeout: 10_000 }).toContain(duplicate.text);
    expect(await wasNotReloaded(screen)).toBe(true);
    expect(await wasNotReloaded(moderator)).toBe(true);
  });

  it('an attendee typing a question like a published one is offered to upvote it instead', async () => {
    const tag = randomUUID().slice(0, 6);
    const noor = await attendee('Noor');
    const published = await ask(noor, `Is there a scholarship programme for students abroad ${tag}?`);
    const phone = await browser.newPage({ viewport: PHONE, locale: 'en-GB' });
    await phone.goto(`${app.url}/e/DEMO/s/${sessionId}`);
    await hydrated(phone);
    await phone.getByTestId('question-input').fill(`Is there a scholarship programme for students ${tag}?`);
    const offered = phone.locator(`[data-testid="similar-question"][data-question-id="${published.id}"]`);
    await offered.waitFor({ timeout: 10_000 });
    expect(await phone.getByTestId('similar-questions').textContent()).toContain('Similar questions already asked');
    await offered.getByTestId('similar-upvote').click();
    await expect.poll(() => offered.getByTestId('similar-upvote').getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    // The upvote counted: the question has the phone's vote (read as another attendee sees it).
    const votesSeen = async () => okData(await request(noor, ClientEvent.SessionJoin, { sessionId })).questions.find((q) => q.id === published.id)?.votes;
    await expect.poll(votesSeen, { timeout: 10_000 }).toBe(1);
    await phone.close();
  });
});
