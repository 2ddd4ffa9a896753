import { randomUUID } from 'node:crypto';
import type { AnnouncementsResponse } from '@jisr/protocol/admin';
import { ClientEvent } from '@jisr/protocol/events';
import type { Poll, PollCreateInput } from '@jisr/protocol/poll';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dictionaries } from '../../apps/web/src/lib/i18n/dictionaries.js';
import type { Messages } from '../../apps/web/src/lib/i18n/types.js';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { connectSocket, joinDemo, liveOpenSessionId, okData, request, type ClientSocket } from '../support/cluster-clients.js';
import { expectFocusSettled, focusPlace, recordLiveRegions, said, spoken } from '../support/focus.js';
import { ADMIN, demoAgenda, organizerToken } from '../support/staff.js';
import { keepShot } from '../support/shots.js';
import { recordTraffic } from '../support/stage-views.js';

/**
 * Issue 26: what axe cannot see. The attendee, moderator and organizer tasks done with the
 * keyboard in English and Arabic, with the focus checked after every action: on a named,
 * visible element, never on <body>. Then the rules behind it, each once: one-letter
 * shortcuts only in the question list, by physical key, and off when asked; live regions
 * that exist before they speak and a countdown that speaks three times; every state still
 * told apart under forced colours; the texts on the event's colour readable.
 * One server, one browser.
 */

const LANGS = ['en', 'ar'] as const;
type Lang = (typeof LANGS)[number];
const MESSAGES: Record<Lang, Messages> = { en: dictionaries.en as Messages, ar: dictionaries.ar as Messages };
const DESKTOP = { width: 1280, height: 800 };
/** What a live change may take on a shared CI machine (an ack, a broadcast, a re-render). */
const eventually = { timeout: 8_000 };

let app: AppProcess;
let browser: Browser;
let token: string;
let liveSession: string;
let moderatedSession: string;
let eventId: string;
let organizer: ClientSocket;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  token = await organizerToken(app.url);
  liveSession = await liveOpenSessionId(app.url);
  const agenda = await demoAgenda(app.url);
  eventId = agenda.event.id;
  const moderated = agenda.sessions.find((session) => session.qa.open && session.qa.moderated && session.status !== 'ended');
  if (!moderated) throw new Error('the demo has no session with open, moderated Q&A');
  moderatedSession = moderated.id;
  organizer = await connectSocket(app.url, token);
  sockets.push(organizer);
  for (const sessionId of [liveSession, moderatedSession]) okData(await request(organizer, ClientEvent.SessionJoin, { sessionId }));
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await browser?.close();
  await app?.stop();
});

/** An attendee over a real socket, in a session: to ask and upvote beside the person under test. */
async function attendee(name: string, sessionId: string): Promise<ClientSocket> {
  const socket = await connectSocket(app.url, await joinDemo(app.url, name));
  sockets.push(socket);
  okData(await request(socket, ClientEvent.SessionJoin, { sessionId }));
  return socket;
}

async function ask(socket: ClientSocket, sessionId: string, text: string): Promise<string> {
  return okData(await request(socket, ClientEvent.QuestionAsk, { sessionId, text, clientId: randomUUID() })).id;
}

async function openPoll(input: Omit<PollCreateInput, 'sessionId'>): Promise<Poll> {
  const poll = okData(await request(organizer, ClientEvent.PollCreate, { ...input, sessionId: liveSession }));
  return okData(await request(organizer, ClientEvent.PollOpen, { pollId: poll.id }));
}

async function closePoll(poll: Poll): Promise<void> {
  okData(await request(organizer, ClientEvent.PollClose, { pollId: poll.id }));
}

/** Withdraws every current announcement over the API: a test that makes one leaves the event as it found it. */
async function withdrawAnnouncements(): Promise<void> {
  const headers = { authorization: `Bearer ${token}` };
  const response = await fetch(`${app.url}/api/events/${eventId}/announcements`, { headers });
  const { announcements } = (await response.json()) as AnnouncementsResponse;
  for (const { id } of announcements) await fetch(`${app.url}/api/events/${eventId}/announcements/${id}`, { method: 'DELETE', headers });
}

async function pageFor(lang: Lang, options: { staff: boolean }): Promise<Page> {
  const device = options.staff ? { viewport: DESKTOP } : { viewport: PHONE, isMobile: true, hasTouch: true };
  const context = await browser.newContext({ ...device, locale: 'en-GB' });
  await context.addCookies([{ name: 'jisr_lang', value: lang, url: app.url }]);
  if (options.staff) {
    const stored = JSON.stringify({ token, role: 'organizer', name: 'Org' });
    await context.addInitScript((value) => localStorage.setItem('jisr.staff', value), stored);
  }
  const page = await context.newPage();
  await recordLiveRegions(page);
  return page;
}

/** Presses `key` on the element (focused first, as Tab would have), then checks where the focus settled. */
async function pressOn(page: Page, target: ReturnType<Page['locator']>, key: string, what: string): Promise<Awaited<ReturnType<typeof focusPlace>>> {
  await target.focus();
  await page.keyboard.press(key);
  return expectFocusSettled(page, what);
}

/** Waits until the focus has settled on the element with `testid` (the action's result may take an answer from the server). */
async function settlesOn(page: Page, testid: string, what: string): Promise<void> {
  await expect.poll(async () => (await expectFocusSettled(page, what)).testid, eventually).toBe(testid);
}

const fill = (template: string, values: Record<string, string | number>): string =>
  Object.entries(values).reduce((text, [key, value]) => text.replace(`{${key}}`, String(value)), template);

describe.each(LANGS)('keyboard only, %s: the focus is never lost', (lang) => {
  const m = MESSAGES[lang];

  it('attendee: join, ask (Ctrl+Enter and Send), upvote, edit, cancel, delete, a live re-order', async () => {
    const page = await pageFor(lang, { staff: false });
    const other = await attendee(`Other ${lang}`, liveSession);
    try {
      // Join on the home page: the result (the agenda's heading) takes the focus.
      await page.goto(`${app.url}/`);
      await hydrated(page);
      await page.getByTestId('join-code').focus();
      await page.keyboard.type('DEMO');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/e\/DEMO$/);
      expect((await expectFocusSettled(page, 'join')).role).toBe('heading');

      await page.goto(`${app.url}/e/DEMO/s/${liveSession}`);
      await hydrated(page);
      await page.getByTestId('question').first().waitFor();

      // Send with Ctrl+Enter: the focus stays in the (now empty) field, and the posting is said.
      const first = `Keyboard question ${lang} ${Date.now()}`;
      await page.getByTestId('question-input').focus();
      await page.keyboard.type(first);
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('question').filter({ hasText: first }).waitFor();
      expect((await expectFocusSettled(page, 'send with Ctrl+Enter')).testid).toBe('question-input');
      await expect.poll(() => spoken(page), eventually).toContain(m.qa.sent);

      // Send with the button: it is disabled once the field is empty, so the focus goes back to the field.
      const second = `Second ${lang} ${Date.now()}`;
      await page.getByTestId('question-input').focus();
      await page.keyboard.type(second);
      await pressOn(page, page.getByTestId('ask-submit'), 'Enter', 'send');
      await settlesOn(page, 'question-input', 'send');
      await page.getByTestId('question').filter({ hasText: second }).waitFor();
      // By id from here: while it is being edited, its text is in a field, not in the item's text.
      const mineId = await page.getByTestId('question').filter({ hasText: second }).getAttribute('data-question-id');
      const mine = page.locator(`[data-testid="question"][data-question-id="${mineId}"]`);

      // Upvote someone else's question: the focus stays on the same button, now pressed.
      const theirs = `Upvote me ${lang} ${Date.now()}`;
      await ask(other, liveSession, theirs);
      const theirItem = page.getByTestId('question').filter({ hasText: theirs });
      await theirItem.waitFor();
      const vote = theirItem.getByTestId('vote-button');
      expect((await pressOn(page, vote, 'Space', 'upvote')).testid).toBe('vote-button');
      await expect.poll(() => vote.getAttribute('aria-pressed'), eventually).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.closest('[data-question-id]')?.textContent)).toContain(theirs);

      // Edit, save: back on Edit. Edit, Escape: back on Edit. Edit, Cancel: back on Edit.
      const editor = await pressOn(page, mine.getByTestId('question-edit'), 'Enter', 'edit');
      expect(editor.testid).toBe('question-edit-input');
      await page.keyboard.type(' (edited)');
      await pressOn(page, mine.getByTestId('question-edit-save'), 'Enter', 'save');
      await mine.getByTestId('question-edited').waitFor();
      await settlesOn(page, 'question-edit', 'save');
      await pressOn(page, mine.getByTestId('question-edit'), 'Enter', 'edit again');
      await pressOn(page, mine.getByTestId('question-edit-input'), 'Escape', 'Escape in the editor');
      await settlesOn(page, 'question-edit', 'Escape in the editor');
      await pressOn(page, mine.getByTestId('question-edit'), 'Enter', 'edit a third time');
      await pressOn(page, mine.getByRole('button', { name: m.qa.cancel }), 'Enter', 'cancel');
      await settlesOn(page, 'question-edit', 'cancel');

      // Delete (the browser's confirm): the question goes, the focus goes to the list's section.
      page.once('dialog', (dialog) => void dialog.accept());
      await mine.getByTestId('question-delete').focus();
      await page.keyboard.press('Enter');
      await mine.waitFor({ state: 'detached' });
      expect((await expectFocusSettled(page, 'delete')).testid).toBe('qa');

      // A live re-order under "Popular": the focused question climbs, the focus climbs with it.
      await pressOn(page, page.getByTestId('sort-popular'), 'Enter', 'sort by popular');
      const climber = `Climber ${lang} ${Date.now()}`;
      const climberId = await ask(other, liveSession, climber);
      const climberItem = page.getByTestId('question').filter({ hasText: climber });
      await climberItem.waitFor();
      const before = await page.getByTestId('question').evaluateAll((items, id) => items.findIndex((item) => item.getAttribute('data-question-id') === id), climberId);
      await climberItem.getByTestId('vote-button').focus();
      const voters = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => attendee(`Voter ${lang} ${n}`, liveSession)));
      for (const voter of voters) okData(await request(voter, ClientEvent.QuestionVote, { questionId: climberId, vote: true }));
      await expect
        .poll(() => page.getByTestId('question').evaluateAll((items, id) => items.findIndex((item) => item.getAttribute('data-question-id') === id), climberId))
        .toBeLessThan(before);
      const place = await expectFocusSettled(page, 'a live re-order');
      expect(place.testid).toBe('vote-button');
      expect(await page.evaluate(() => document.activeElement?.closest('[data-question-id]')?.getAttribute('data-question-id'))).toBe(climberId);
    } finally {
      await page.context().close();
    }
  });

  it('attendee: vote in every poll kind, rank by keyboard, hear it in the reader’s language', async () => {
    const page = await pageFor(lang, { staff: false });
    try {
      await page.goto(`${app.url}/e/DEMO/s/${liveSession}`);
      await hydrated(page);
      await page.getByTestId('question').first().waitFor();

      let card = page.getByTestId('poll-card');
      const kinds: { input: Omit<PollCreateInput, 'sessionId'>; vote: () => Promise<void> }[] = [
        {
          input: { kind: 'single', prompt: 'Où se retrouver ?', lang: 'fr', options: ['Rabat', 'Bruxelles'], translations: { ar: { prompt: 'أين نلتقي؟', options: ['الرباط', 'بروكسل'] } }, settings: { results: 'live', allowChange: true } },
          vote: async () => void (await pressOn(page, card.getByTestId('poll-option').first(), 'Enter', 'single choice')),
        },
        {
          input: { kind: 'quiz', prompt: 'Quiz?', lang: 'en', options: ['1990', '2001'], settings: { results: 'live', correctOption: 0 } },
          vote: async () => void (await pressOn(page, card.getByTestId('poll-option').first(), 'Space', 'quiz')),
        },
        {
          input: { kind: 'rating', prompt: 'Rate it', lang: 'en', settings: { results: 'live', scaleMax: 5 } },
          vote: async () => void (await pressOn(page, card.getByTestId('poll-option').nth(3), 'Enter', 'rating')),
        },
        {
          input: { kind: 'multiple', prompt: 'Topics?', lang: 'en', options: ['A', 'B', 'C'], settings: { results: 'live', maxChoices: 2 } },
          vote: async () => {
            await pressOn(page, card.getByTestId('poll-option').first(), 'Space', 'tick a box');
            await pressOn(page, card.getByTestId('poll-submit'), 'Enter', 'multiple choice');
          },
        },
        {
          input: { kind: 'wordcloud', prompt: 'One word?', lang: 'en', settings: { results: 'live' } },
          vote: async () => {
            await card.getByTestId('poll-word').first().focus();
            await page.keyboard.type('pont');
            await page.keyboard.press('Enter');
            await expectFocusSettled(page, 'word cloud');
          },
        },
        {
          input: { kind: 'text', prompt: 'A suggestion?', lang: 'en', settings: { results: 'live' } },
          vote: async () => {
            await card.getByTestId('poll-text').focus();
            await page.keyboard.type('More coffee');
            await pressOn(page, card.getByTestId('poll-submit'), 'Enter', 'open text');
          },
        },
        {
          input: { kind: 'ranking', prompt: 'Rank them', lang: 'fr', options: ['Culture', 'Éducation', 'Santé'], settings: { results: 'live' } },
          vote: async () => {
            // The first option down twice: the focus rides along, on the same arrow, then on the other one at the end.
            const culture = card.getByTestId('poll-rank-item').filter({ hasText: 'Culture' });
            expect((await pressOn(page, culture.getByTestId('poll-move-down'), 'Enter', 'move down')).testid).toBe('poll-move-down');
            expect(await page.evaluate(() => document.activeElement?.closest('li')?.textContent)).toContain('Culture');
            await page.keyboard.press('Enter');
            await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), eventually).toBe('poll-move-up');
            await expectFocusSettled(page, 'move down to the end');
            expect(await page.evaluate(() => document.activeElement?.closest('li')?.textContent)).toContain('Culture');
            expect(await card.getByTestId('poll-rank-item').last().textContent()).toContain('Culture');
            const end = fill(m.polls.movedTo, { label: 'Culture', position: 3, count: 3 });
            await expect.poll(async () => (await spoken(page)).includes(end), eventually).toBe(true);
            const last = (await said(page)).findLast((entry) => entry.text === end);
            // The option's label is French: marked as such inside the reader's sentence.
            expect(last?.langs).toEqual(['fr']);
            await pressOn(page, card.getByTestId('poll-submit'), 'Enter', 'ranking');
          },
        },
      ];

      for (const { input, vote } of kinds) {
        const poll = await openPoll(input);
        card = page.locator(`[data-testid="poll-card"][data-poll-id="${poll.id}"]`);
        await card.waitFor();
        const heard = (await said(page)).length;
        await vote();
        await card.getByTestId('poll-received').waitFor();
        // After the vote: on "Change answer" where it is allowed, else on the poll itself (named by its prompt).
        const place = await expectFocusSettled(page, `vote in a ${input.kind} poll`);
        expect(['poll-change', 'poll-card']).toContain(place.testid);
        if (input.settings?.allowChange) expect(place.testid).toBe('poll-change');
        await expect.poll(async () => (await spoken(page)).slice(heard), eventually).toContain(m.polls.received);
        if (input.kind === 'single') {
          // Said in the reader's language where the poll has one (Arabic), marked as French where not.
          const news = (await said(page)).find((entry) => entry.region === 'room-news' && entry.text.includes(lang === 'ar' ? 'أين نلتقي؟' : 'Où se retrouver ?'));
          expect(news?.text).toBe(fill(m.news.pollOpened, { prompt: lang === 'ar' ? 'أين نلتقي؟' : 'Où se retrouver ?' }));
          expect(news?.langs).toEqual(lang === 'ar' ? [] : ['fr']);
        }
        await closePoll(poll);
        await expect.poll(() => page.locator(`[data-testid="poll-card"][data-poll-id="${poll.id}"][data-state="open"]`).count(), eventually).toBe(0);
      }
    } finally {
      await page.context().close();
    }
  });

  it('attendee: an organizer announcement is said as the card shows it, a foreign text marked with its language', async () => {
    const page = await pageFor(lang, { staff: false });
    try {
      await page.goto(`${app.url}/e/DEMO/s/${liveSession}`);
      await hydrated(page);
      await page.getByTestId('question').first().waitFor();
      const text = page.getByTestId('announcement-text');
      const heard = async (): Promise<{ text: string; langs: string[] }[]> => (await said(page)).filter((entry) => entry.region === 'live-polite');

      // Written in French and German only: the card falls back to the event's order, and so does the voice, marked as such.
      const stamp = Date.now();
      okData(
        await request(organizer, ClientEvent.Announce, {
          eventId,
          texts: { fr: `Le déjeuner est servi ${stamp}`, de: `Das Mittagessen ist serviert ${stamp}` },
          expiresInMinutes: 5,
        }),
      );
      await text.filter({ hasText: String(stamp) }).waitFor(eventually);
      const shown = { text: (await text.textContent()) ?? '', lang: (await text.getAttribute('lang')) ?? '' };
      expect(shown.lang).not.toBe(lang);
      expect(shown.lang).not.toBe('');
      const foreign = fill(m.announcement.said, { text: shown.text });
      await expect.poll(async () => (await heard()).map((entry) => entry.text), eventually).toContain(foreign);
      expect((await heard()).findLast((entry) => entry.text === foreign)?.langs).toEqual([shown.lang]);

      // Written in the reader's language too: said in it, with nothing marked, not in the event's French.
      const own = lang === 'ar' ? `الغداء جاهز في القاعة الكبرى ${stamp}` : `Lunch is served in the main hall ${stamp}`;
      okData(await request(organizer, ClientEvent.Announce, { eventId, texts: { fr: `Le déjeuner, encore ${stamp}`, [lang]: own }, expiresInMinutes: 5 }));
      await text.filter({ hasText: own }).waitFor(eventually);
      const local = fill(m.announcement.said, { text: own });
      await expect.poll(async () => (await heard()).map((entry) => entry.text), eventually).toContain(local);
      expect((await heard()).findLast((entry) => entry.text === local)?.langs).toEqual([]);
    } finally {
      await withdrawAnnouncements();
      await page.context().close();
    }
  });

  it('moderator: approve, reply, shortcuts in the list only, poll create, remove an option, open and close', async () => {
    const asker = await attendee(`Asker ${lang}`, moderatedSession);
    // Four different questions: near-identical texts would be flagged as duplicates of each
    // other, and each card would then name the others ("possibly the same as …").
    const stamp = Date.now();
    const texts = ['Where is the cloakroom', 'Will the slides be shared', 'Is there a prayer room', 'When does lunch start'].map(
      (question) => `${question} (${lang} ${stamp})?`,
    );
    for (const text of texts) await ask(asker, moderatedSession, text);
    const page = await pageFor(lang, { staff: true });
    const traffic = recordTraffic(page);
    // Live changes that did not take once failed in CI and never here (a reject, a switch
    // flipped back without a word): such a failure says what went over the wire.
    const onWire = async (what: string, check: () => Promise<unknown>): Promise<void> => {
      try {
        await check();
      } catch (error) {
        const wire = traffic.about('question:moderate', 'session:settings', 'anonymousAllowed', 'session:join', 'rejected');
        throw new Error(`${what}: ${String(error)}\nthe page's frames:\n${wire}`);
      }
    };
    try {
      await page.goto(`${app.url}/e/DEMO/s/${moderatedSession}/moderate`);
      await hydrated(page);
      const card = (text: string): ReturnType<Page['locator']> => page.getByTestId('mod-question').filter({ hasText: text });
      await card(texts[3] ?? '').waitFor();

      // Approve with the button: the card stays (marked), the focus on its next action, "moved to Live" said.
      const first = card(texts[0] ?? '');
      const place = await pressOn(page, first.getByTestId('mod-approve'), 'Enter', 'approve');
      // The card may be drawn again when the answer lands: the focus ends in it all the same.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="mod-question"]')?.textContent ?? ''), eventually)
        .toContain(texts[0]);
      expect(place.role).toBe('button');
      await expect.poll(() => spoken(page), eventually).toContain(`${m.moderation.done.approve} ${fill(m.moderation.movedTo, { tab: m.moderation.tabs.live })}`);

      // Reject: the same.
      await pressOn(page, card(texts[1] ?? '').getByTestId('mod-reject'), 'Enter', 'reject');
      await onWire('reject', () => expect.poll(() => card(texts[1] ?? '').getAttribute('data-status'), eventually).toBe('rejected'));

      // Reply: Enter saves, the focus stays in the reply field.
      await first.getByTestId('mod-reply-input').focus();
      await page.keyboard.type('Thank you');
      await page.keyboard.press('Enter');
      // In its card: the reply field, or the card itself (named by its question).
      expect(['mod-reply-input', 'mod-question']).toContain((await expectFocusSettled(page, 'reply')).testid);
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="mod-question"]')?.textContent ?? ''), eventually).toContain(texts[0]);
      // The reply field shows its focus as every field does: a 2 px ring in the focus colour (WCAG 2.4.7).
      // Focused and read in one step, again until it holds: the card is drawn anew when the
      // saved reply lands, and a field focused just before that is gone from the page.
      const readRing = () => first.getByTestId('mod-reply-input').evaluate((field) => {
        (field as HTMLElement).focus();
        const probe = document.body.appendChild(document.createElement('span'));
        probe.style.color = 'var(--color-focus)';
        const focusColour = getComputedStyle(probe).color;
        probe.remove();
        const style = getComputedStyle(field);
        return { focusVisible: field.matches(':focus-visible'), style: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor, focusColour };
      });
      await expect.poll(async () => (await readRing()).focusVisible, eventually).toBe(true);
      const ring = await readRing();
      expect(ring.focusVisible).toBe(true);
      expect(ring.style).toBe('solid');
      expect(ring.width).toBeGreaterThanOrEqual(2);
      expect(ring.colour).toBe(ring.focusColour);

      // A letter pressed outside the question list does nothing: "a" on "Export CSV" approves nothing.
      const third = card(texts[2] ?? '');
      await third.focus();
      await page.getByTestId('mod-export').focus();
      await page.keyboard.press('a');
      await page.keyboard.press('d');
      await page.waitForTimeout(300);
      expect(await third.getAttribute('data-status')).toBe('pending');

      // In the list, j and k move the focus from card to card (named by the question).
      await third.focus();
      await page.keyboard.press('j');
      const next = await expectFocusSettled(page, 'j');
      expect(next.role).toBe('listitem');
      expect(next.name).toContain(texts[3]);
      await page.keyboard.press('k');
      expect((await expectFocusSettled(page, 'k')).name).toContain(texts[2]);

      // Physical keys: on an Arabic layout the A key types "ش", and still approves.
      await third.evaluate((node) => node.dispatchEvent(new KeyboardEvent('keydown', { key: 'ش', code: 'KeyA', bubbles: true, cancelable: true })));
      await expect.poll(() => third.getAttribute('data-status'), eventually).toBe('approved');
      await expectFocusSettled(page, 'approve by shortcut');

      // A Q&A setting switch: the focus stays on it while the change goes out and comes back.
      const anonymous = page.getByTestId('mod-setting-anonymousAllowed');
      // Read with the settings' own refusal, if any, so that a flip back says why.
      const settingsError = page.locator('fieldset.settings [role="alert"]');
      const switchState = async (): Promise<{ checked: boolean; refused: string | null }> => ({
        checked: await anonymous.isChecked(),
        refused: (await settingsError.count()) > 0 ? await settingsError.innerText() : null,
      });
      const was = await anonymous.isChecked();
      expect((await pressOn(page, anonymous, 'Space', 'switch')).testid).toBe('mod-setting-anonymousAllowed');
      await onWire('switch', () => expect.poll(switchState, eventually).toEqual({ checked: !was, refused: null }));
      await expect.poll(() => anonymous.isEnabled(), eventually).toBe(true);
      await pressOn(page, anonymous, 'Space', 'switch back');
      await onWire('switch back', () => expect.poll(switchState, eventually).toEqual({ checked: was, refused: null }));

      // The room screen's miniature never takes the keyboard's focus. Its page, starting in
      // the frame, focused its own <body> (SvelteKit's focus reset), which pulled the focus out
      // of this page for a moment: the switch above, pressed just after a reload, did nothing
      // in 2 of 15 tries (twice in CI). The framed page is inert now; its reloads leave the
      // focus where it is.
      const miniature = page.getByTestId('stage-miniature').locator('iframe');
      await miniature.waitFor();
      await anonymous.focus();
      await anonymous.evaluate((node) => {
        Object.assign(window, { __blurred: 0 });
        node.addEventListener('blur', () => Object.assign(window, { __blurred: ((window as unknown as { __blurred: number }).__blurred ?? 0) + 1 }));
      });
      for (let reload = 0; reload < 2; reload += 1) {
        await miniature.evaluate((node) => (node as HTMLIFrameElement).contentWindow?.location.reload());
        await page.waitForTimeout(1_500);
      }
      expect(await page.evaluate(() => (window as unknown as { __blurred: number }).__blurred)).toBe(0);
      expect((await focusPlace(page)).testid).toBe('mod-setting-anonymousAllowed');

      // Turned off: j does nothing, and the choice survives a reload.
      const toggle = page.getByTestId('mod-shortcuts-toggle');
      expect((await pressOn(page, toggle, 'Space', 'shortcuts off')).testid).toBe('mod-shortcuts-toggle');
      expect(await toggle.isChecked()).toBe(false);
      const fourth = card(texts[3] ?? '');
      await fourth.focus();
      await page.keyboard.press('k');
      await page.keyboard.press('a');
      await page.waitForTimeout(300);
      expect((await focusPlace(page)).name).toContain(texts[3]);
      expect(await fourth.getAttribute('data-status')).toBe('pending');
      await page.reload();
      await hydrated(page);
      // Joined again, with its snapshot (the stage panel shows only then), before the polls below.
      await page.locator('[data-testid="connection-status"][data-status="online"]').waitFor({ timeout: 10_000 });
      await page.getByTestId('stage-panel').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('mod-shortcuts-toggle').isChecked()).toBe(false);
      await pressOn(page, page.getByTestId('mod-shortcuts-toggle'), 'Space', 'shortcuts on');


      // Polls: create with an option removed by its ×, then open and close.
      expect((await pressOn(page, page.getByTestId('mod-tab-polls'), 'Enter', 'polls view')).testid).toBe('mod-tab-polls');
      const prompt = `Keyboard poll ${lang} ${Date.now()}`;
      await page.getByTestId('poll-create-prompt').focus();
      await page.keyboard.type(prompt);
      for (const [at, label] of ['Rabat', 'Bruxelles'].entries()) {
        await page.getByTestId('poll-create-option').nth(at).focus();
        await page.keyboard.type(label);
      }
      await pressOn(page, page.getByTestId('poll-create-add-option'), 'Enter', 'add an option');
      await page.getByTestId('poll-create-option').nth(2).focus();
      await page.keyboard.type('Madrid');
      const remove = page.getByTestId('poll-create-remove-option').nth(2);
      const box = await remove.boundingBox();
      expect(Math.min(box?.width ?? 0, box?.height ?? 0), 'the × is a 44 px target').toBeGreaterThanOrEqual(44);
      const removed = await pressOn(page, remove, 'Enter', 'remove an option');
      expect(['poll-create-option', 'poll-create']).toContain(removed.testid);
      expect(await page.getByTestId('poll-create-option').count()).toBe(2);
      await pressOn(page, page.getByTestId('poll-create-submit'), 'Enter', 'create the poll');
      const item = page.getByTestId('poll-item').filter({ hasText: prompt });
      await item.waitFor();
      await pressOn(page, item.getByTestId('poll-open'), 'Enter', 'open the poll');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), eventually).toBe('poll-close');
      await pressOn(page, item.getByTestId('poll-close'), 'Enter', 'close the poll');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), eventually).toBe('poll-open');
      await expect.poll(() => spoken(page), eventually).toContain(`${m.polls.state.closed}: ${prompt}`);
    } finally {
      await page.context().close();
    }
  });

  it('organizer: new session, a refused session and a refused event code tied to their fields', async () => {
    const page = await pageFor(lang, { staff: true });
    try {
      await page.goto(`${app.url}/admin/e/DEMO/sessions`);
      await hydrated(page);
      // "New session": the form takes the button's place, the focus its first field.
      const opened = await pressOn(page, page.getByTestId('session-new'), 'Enter', 'new session');
      expect(opened.role).toBe('textbox');
      await page.keyboard.type(`Overlap ${lang}`);
      for (const field of await page.locator('[data-testid^="session-title-"]').all()) await field.fill(`Overlap ${lang}`);
      // The blank form's room and hours overlap the opening sessions: the server refuses.
      await pressOn(page, page.getByTestId('session-submit'), 'Enter', 'submit a refused session');
      const error = page.getByTestId('admin-error');
      await error.waitFor();
      const invalid = await expectFocusSettled(page, 'the refusal');
      const tied = await page.evaluate(() => {
        const active = document.activeElement;
        const message = document.querySelector('[data-testid="admin-error"]');
        return { invalid: active?.getAttribute('aria-invalid'), describedBy: active?.getAttribute('aria-describedby') ?? '', id: message?.id ?? '' };
      });
      expect(invalid.testid).toBe('session-room');
      expect(tied.invalid).toBe('true');
      expect(tied.describedBy.split(' ')).toContain(tied.id);
      expect(tied.id).not.toBe('');
      expect(await page.getByTestId('session-start').getAttribute('aria-describedby')).toContain(tied.id);
      // Cancel: back on "New session".
      await pressOn(page, page.getByRole('button', { name: m.manage.cancel }), 'Enter', 'cancel');
      await settlesOn(page, 'session-new', 'cancel');

      // A new event with a code already taken: the focus on the code, the message tied to it.
      await page.goto(`${app.url}/admin/new`);
      await hydrated(page);
      await page.getByTestId('event-code').fill('DEMO');
      await page.getByTestId('event-title-' + (await page.getByTestId('event-default-lang').inputValue())).fill(`Taken ${lang}`);
      await pressOn(page, page.getByTestId('event-submit'), 'Enter', 'create an event with a taken code');
      await page.getByTestId('admin-error').waitFor();
      const code = await expectFocusSettled(page, 'the code refusal');
      expect(code.testid).toBe('event-code');
      const id = await page.getByTestId('admin-error').getAttribute('id');
      expect((await page.getByTestId('event-code').getAttribute('aria-describedby'))?.split(' ')).toContain(id);
    } finally {
      await page.context().close();
    }
  });
});

describe('the rules, each once', () => {
  it('live regions are in the page, empty, before anything is said; a countdown speaks at 10 s and at the close only', async () => {
    const page = await pageFor('en', { staff: false });
    try {
      await page.goto(`${app.url}/e/DEMO/s/${liveSession}`);
      // Before hydration even: the server's HTML carries both regions, empty.
      for (const [testid, live] of [
        ['live-polite', 'polite'],
        ['live-assertive', 'assertive'],
      ] as const) {
        const region = page.getByTestId(testid);
        expect(await region.getAttribute('aria-live')).toBe(live);
        expect(await region.textContent()).toBe('');
      }
      await hydrated(page);
      await page.getByTestId('question').first().waitFor();
      const poll = await openPoll({ kind: 'single', prompt: 'Timed?', lang: 'en', options: ['Yes', 'No'], settings: { results: 'live', timerSeconds: 12 } });
      const card = page.locator(`[data-testid="poll-card"][data-poll-id="${poll.id}"]`);
      await card.waitFor();
      // The badge still counts every second, but is no live region.
      expect(await card.getByTestId('poll-countdown').getAttribute('aria-live')).toBeNull();
      // Its close is said by the room's news (the card itself gives way to the results).
      const results = fill(MESSAGES.en.news.pollResults, { prompt: 'Timed?' });
      await expect.poll(async () => (await spoken(page)).some((text) => text.startsWith(results)), { timeout: 20_000 }).toBe(true);
      const countdown = (await said(page)).filter((entry) => entry.region === 'live-polite').map((entry) => entry.text);
      expect(countdown.filter((text) => /second|minute|closed/i.test(text))).toEqual([fill(MESSAGES.en.polls.timeLeft.other, { count: 10 })]);
    } finally {
      await page.context().close();
    }
  }, 40_000);

  it('forced colours: every state keeps a sign the system does not paint over', async () => {
    const phone = await pageFor('en', { staff: false });
    const desk = await pageFor('en', { staff: true });
    try {
      await phone.emulateMedia({ forcedColors: 'active' });
      await desk.emulateMedia({ forcedColors: 'active' });
      await phone.goto(`${app.url}/e/DEMO/s/${liveSession}`);
      await hydrated(phone);
      await phone.getByTestId('question').first().waitFor();
      expect(await phone.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);

      /** What the two elements look like: they must differ in a way forced colours keep. */
      const look = async (page: Page, selector: string): Promise<string> =>
        page.locator(selector).first().evaluate((element) => {
          const style = getComputedStyle(element);
          const after = getComputedStyle(element, '::after');
          return [style.backgroundColor, style.color, style.borderTopColor, style.borderTopWidth, after.transform, after.backgroundColor].join(' | ');
        });
      const pairs: [Page, string, string, string][] = [
        [phone, 'sort: popular and recent', '[data-testid^="sort-"][aria-pressed="true"]', '[data-testid^="sort-"][aria-pressed="false"]'],
        [phone, 'upvoted and not', '[data-testid="vote-button"][aria-pressed="true"]', '[data-testid="vote-button"][aria-pressed="false"]'],
        [phone, 'selected tab', '[data-testid^="qa-tab"][aria-selected="true"]', '[data-testid^="qa-tab"][aria-selected="false"]'],
        [phone, 'language chips', '[data-testid="qa-lang-filter"][aria-pressed="true"]', '[data-testid="qa-lang-filter"][aria-pressed="false"]'],
      ];
      // One upvote so both kinds of vote button are there.
      await phone.getByTestId('vote-button').first().press('Enter');
      await phone.locator('[data-testid="vote-button"][aria-pressed="true"]').first().waitFor();

      await desk.goto(`${app.url}/e/DEMO`);
      await hydrated(desk);
      pairs.push([desk, 'view switch', '[data-testid^="agenda-view-"][aria-pressed="true"]', '[data-testid^="agenda-view-"][aria-pressed="false"]']);
      for (const [page, what, on, off] of pairs) {
        expect(await page.locator(on).count(), what).toBeGreaterThan(0);
        expect(await page.locator(off).count(), what).toBeGreaterThan(0);
        expect(await look(page, on), what).not.toBe(await look(page, off));
      }

      // The Q&A settings switches: visible (an edge), and on and off told apart.
      await desk.goto(`${app.url}/e/DEMO/s/${liveSession}/moderate`);
      await hydrated(desk);
      const on = desk.locator('.switch-input:checked').first();
      const off = desk.locator('.switch-input:not(:checked)').first();
      await on.waitFor();
      await off.waitFor();
      const edge = await off.evaluate((element) => getComputedStyle(element).borderTopWidth);
      expect(parseFloat(edge)).toBeGreaterThanOrEqual(2);
      expect(await look(desk, '.switch-input:checked'), 'switch').not.toBe(await look(desk, '.switch-input:not(:checked)'));
      await keepShot(desk, new URL('../artifacts/forced-colors-moderator.png', import.meta.url).pathname);
      await keepShot(phone, new URL('../artifacts/forced-colors-session.png', import.meta.url).pathname);
    } finally {
      await phone.context().close();
      await desk.context().close();
    }
  });

  it('the event colour: every text drawn on it reads at 4.5:1 on the room screen (#757575)', async () => {
    const response = await fetch(`${app.url}/api/events/DEMO`, { headers: { authorization: `Bearer ${token}` } });
    const event = ((await response.json()) as { event: { id: string } }).event;
    const patched = await fetch(`${app.url}/api/events/${event.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ color: '#757575' }),
    });
    expect(patched.ok, await patched.clone().text()).toBe(true);
    const page = await pageFor('ar', { staff: true });
    try {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`${app.url}/e/DEMO/s/${liveSession}/screen?lang=ar`);
      await hydrated(page);
      const strip = page.getByTestId('screen-strip');
      await strip.waitFor();
      const ratios = await strip.evaluate((root) => {
        const rgb = (value: string): number[] => (value.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
        const lum = ([r = 0, g = 0, b = 0]: number[]): number => {
          const lin = (c: number): number => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
          return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
        };
        const background = lum(rgb(getComputedStyle(root).backgroundColor));
        return [...root.querySelectorAll<HTMLElement>('p, span, bdi')]
          .filter((node) => node.textContent?.trim() && !node.closest('.qr-frame'))
          .map((node) => {
            const style = getComputedStyle(node);
            const text = lum(rgb(style.color));
            const ratio = (Math.max(text, background) + 0.05) / (Math.min(text, background) + 0.05);
            return { text: node.textContent?.trim().slice(0, 30), ratio: Math.round(ratio * 100) / 100, opacity: style.opacity };
          });
      });
      expect(ratios.length).toBeGreaterThan(3);
      for (const entry of ratios) {
        expect(entry.ratio, `${entry.text}`).toBeGreaterThanOrEqual(4.5);
        expect(entry.opacity, `${entry.text}`).toBe('1');
      }
    } finally {
      await page.context().close();
    }
  });

  it('the sticky top bar: Shift+Tab never leaves the focus under it, and on a short screen it scrolls away (2.4.11)', async () => {
    const page = await pageFor('en', { staff: false });
    try {
      await page.goto(`${app.url}/e/DEMO/s/${liveSession}`);
      await hydrated(page);
      await page.getByTestId('question').first().waitFor();
      // From the bottom of the page, back up until a control sits under the bar, still inside
      // the window: the browser counts it as in view and scrolls only if the page's scroll
      // padding tells it the bar is there. The focus on the control after it, Shift+Tab back.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const placed = await page.evaluate(() => {
        const tabbable = [...document.querySelectorAll<HTMLElement>('a[href], button, input, textarea, select, [tabindex]')].filter(
          (element) => element.tabIndex >= 0 && !element.matches(':disabled') && element.getClientRects().length > 0 && !element.closest('.topbar'),
        );
        // The last control above the window, smaller than the bar (a button, a star), with one after it.
        const at = tabbable.findLastIndex((element, index) => {
          const box = element.getBoundingClientRect();
          return box.top < 0 && box.height < 40 && index + 1 < tabbable.length;
        });
        const under = tabbable[at];
        if (!under) return null;
        window.scrollBy(0, under.getBoundingClientRect().top - 4);
        under.dataset['e2eUnder'] = 'true';
        tabbable[at + 1]?.focus({ preventScroll: true });
        const bar = document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0;
        return { top: under.getBoundingClientRect().top, bar };
      });
      expect(placed, 'a small control above the window').not.toBeNull();
      expect(placed?.top ?? 0, 'the control starts under the bar').toBeLessThan(placed?.bar ?? 0);
      await page.keyboard.press('Shift+Tab');
      const seen = await page.evaluate(() => {
        const bar = document.querySelector('.topbar');
        const active = document.activeElement as HTMLElement | null;
        return {
          barBottom: bar?.getBoundingClientRect().bottom ?? 0,
          top: active?.getBoundingClientRect().top ?? -1,
          same: active?.dataset['e2eUnder'] === 'true',
          sticky: bar ? getComputedStyle(bar).position : '',
        };
      });
      expect(seen.sticky).toBe('sticky');
      expect(seen.same, 'Shift+Tab went back to that control').toBe(true);
      expect(seen.top, 'the focused control starts below the bar').toBeGreaterThanOrEqual(seen.barBottom - 0.5);
      await expectFocusSettled(page, 'Shift+Tab');

      // 320 x 256 (400 % zoom on a small laptop): the bar no longer stays over the page.
      await page.setViewportSize({ width: 320, height: 256 });
      await expect.poll(() => page.locator('.topbar').evaluate((bar) => getComputedStyle(bar).position), eventually).not.toBe('sticky');
    } finally {
      await page.context().close();
    }
  });

  it('text spacing (1.4.12) cuts off no event name or affiliation; the Arabic back link is named by its words first (2.5.3)', async () => {
    const agenda = await demoAgenda(app.url);
    const speakerId = agenda.sessions.find((session) => session.id === liveSession)?.speakerIds[0] ?? '';
    const speaker = agenda.speakers.find((item) => item.id === speakerId);
    const patchSpeaker = (affiliation: string | null): Promise<Response> =>
      fetch(`${app.url}/api/events/${eventId}/speakers/${speakerId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ affiliation }),
      });
    const long = 'Fondation Jisr pour la coopération entre les Marocains d’Europe et leurs régions d’origine, antenne de Bruxelles-Capitale';
    expect((await patchSpeaker(long)).ok).toBe(true);
    /** WCAG 1.4.12's override: what a reader's style sheet may set, all at once. */
    const spacing = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
      p { margin-block-end: 2em !important; }`;
    try {
      for (const lang of LANGS) {
        const page = await pageFor(lang, { staff: false });
        try {
          await page.goto(`${app.url}/e/DEMO/s/${liveSession}`);
          await hydrated(page);
          await page.addStyleTag({ content: spacing });
          const affiliation = page.locator('.affiliation').filter({ hasText: long.slice(0, 20) });
          await affiliation.waitFor();
          for (const [what, element] of [
            ['the top bar’s event name', page.locator('.topbar .event')],
            ['a long affiliation', affiliation],
          ] as const) {
            const cut = await element.evaluate((node) => {
              const style = getComputedStyle(node);
              const box = node.getBoundingClientRect();
              return { scroll: node.scrollWidth, client: node.clientWidth, ellipsis: style.textOverflow, right: box.right, left: box.left, width: innerWidth };
            });
            expect(cut.scroll, `${lang}: ${what}`).toBeLessThanOrEqual(cut.client);
            expect(cut.ellipsis, `${lang}: ${what}`).not.toBe('ellipsis');
            expect(cut.left, `${lang}: ${what}`).toBeGreaterThanOrEqual(0);
            expect(cut.right, `${lang}: ${what}`).toBeLessThanOrEqual(cut.width);
          }
        } finally {
          await page.context().close();
        }
      }

      // Voice control: "click الجلسات" must find the moderator's back link.
      const page = await pageFor('ar', { staff: true });
      try {
        await page.goto(`${app.url}/e/DEMO/s/${moderatedSession}/moderate`);
        await hydrated(page);
        const back = page.locator('nav.back a');
        // What the eye reads: the link's text without its screen-reader-only hint.
        const shown = await back.evaluate((link) => {
          const copy = link.cloneNode(true) as HTMLElement;
          for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
          return copy.textContent?.trim() ?? '';
        });
        await back.focus();
        const { role, name } = await focusPlace(page);
        expect(role).toBe('link');
        expect(shown).toBe(MESSAGES.ar.moderation.back);
        expect(name.startsWith(shown), `"${name}" starts with "${shown}"`).toBe(true);
      } finally {
        await page.context().close();
      }
    } finally {
      await patchSpeaker(speaker?.affiliation ?? null);
    }
  });

  it('success messages are said by the regions that were there first: announcement sent, live change done, settings saved (4.1.3)', async () => {
    const m = MESSAGES.en;
    const page = await pageFor('en', { staff: true });
    try {
      await page.goto(`${app.url}/e/DEMO/s/${moderatedSession}/moderate`);
      await hydrated(page);
      const polite = async (): Promise<string[]> => (await said(page)).filter((entry) => entry.region === 'live-polite').map((entry) => entry.text);

      // A live change (5 minutes late), then back on time.
      const ops = page.getByTestId('live-ops');
      await pressOn(page, ops.getByTestId('ops-delay-5'), 'Enter', 'delay by 5 minutes');
      const done = ops.getByTestId('ops-done');
      await done.waitFor(eventually);
      expect(await done.getAttribute('role')).toBeNull();
      await expect.poll(polite, eventually).toContain(m.liveOps.done);
      await ops.getByTestId('ops-on-time').waitFor(eventually);
      await pressOn(page, ops.getByTestId('ops-on-time'), 'Enter', 'back on time');
      await expect.poll(() => ops.getByTestId('ops-on-time').count(), eventually).toBe(0);

      // An announcement, from the same page.
      await page.locator('details.announce summary').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('announce-text-en').fill(`Doors open ${Date.now()}`);
      await pressOn(page, page.getByTestId('announce-send'), 'Enter', 'send the announcement');
      const sent = page.getByTestId('announce-sent');
      await sent.waitFor(eventually);
      expect(await sent.getAttribute('role')).toBeNull();
      await expect.poll(polite, eventually).toContain(m.announce.sent);

      // The event's settings, saved.
      await page.goto(`${app.url}/admin/e/DEMO/settings`);
      await hydrated(page);
      await pressOn(page, page.getByTestId('event-submit'), 'Enter', 'save the settings');
      const saved = page.getByTestId('admin-saved');
      await saved.waitFor(eventually);
      expect(await saved.getAttribute('role')).toBeNull();
      await expect.poll(polite, eventually).toContain(m.manage.saved);
    } finally {
      await withdrawAnnouncements();
      await page.context().close();
    }
  });
});
