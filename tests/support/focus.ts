import type { Page } from 'playwright-core';

/** Where the keyboard's focus is, as a person (and a screen reader) would find it. */
export interface FocusPlace {
  /** The element's role and accessible name, from the accessibility tree ('button "Upvote 3"'). */
  role: string;
  name: string;
  /** `<body>` (or nothing): the focus was lost. */
  lost: boolean;
  /** Some of it is on screen, not hidden under the sticky top bar. */
  visible: boolean;
  /** The focused element's test id, to tell which of several alike it is. */
  testid: string | null;
}

/** The focused element: its role and name (Playwright's aria snapshot) and whether it can be seen. */
export async function focusPlace(page: Page): Promise<FocusPlace> {
  const seen = await page.evaluate(() => {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || active === document.body) return { lost: true, visible: false, testid: null, tag: 'body' };
    const box = active.getBoundingClientRect();
    const bar = document.querySelector('.topbar');
    const barBottom = bar && getComputedStyle(bar).position === 'sticky' ? bar.getBoundingClientRect().bottom : 0;
    const visible = box.width > 0 && box.height > 0 && box.bottom > barBottom + 1 && box.top < innerHeight - 1 && box.right > 0 && box.left < innerWidth;
    return { lost: false, visible, testid: active.closest('[data-testid]')?.getAttribute('data-testid') ?? null, tag: active.tagName.toLowerCase() };
  });
  if (seen.lost) return { role: 'body', name: '', lost: true, visible: false, testid: null };
  // An element without a role of its own (a generic div) has no line of its own: named by its tag.
  const fallback = { role: seen.tag, name: '', lost: false, visible: seen.visible, testid: seen.testid };
  const snapshot = await page.locator(':focus').ariaSnapshot({ timeout: 2_000 }).catch(() => '');
  // The first line is the element itself: `- button "Upvote 3" [pressed]`, YAML-quoted when the name has a colon.
  let line = (snapshot.split('\n')[0] ?? '').trim().replace(/^- /, '');
  if (line.startsWith("'")) line = line.slice(1, line.lastIndexOf("'")).replaceAll("''", "'");
  const match = /^([\w-]+)(?: "((?:[^"\\]|\\.)*)")?/.exec(line);
  if (!match) return fallback;
  return { role: match[1] ?? '', name: match[2] ?? '', lost: false, visible: seen.visible, testid: seen.testid };
}

/**
 * Waits (up to `timeout`) until the focus has settled on a named, visible element and
 * returns it; throws with what it found otherwise. `after` says which action it follows.
 */
export async function expectFocusSettled(page: Page, after: string, timeout = 5_000): Promise<FocusPlace> {
  const deadline = Date.now() + timeout;
  let place = await focusPlace(page);
  while (Date.now() < deadline) {
    if (!place.lost && place.name.trim() !== '' && place.visible) return place;
    await page.waitForTimeout(50);
    place = await focusPlace(page);
  }
  throw new Error(`after ${after}: focus is on ${place.lost ? '<body>' : `${place.role} "${place.name}" [${place.testid ?? ''}]${place.visible ? '' : ' (not visible)'}`}`);
}

/**
 * Records every text the page's live regions say (the announcer's polite and assertive
 * regions, and the room's news): `said(page)` returns them in order. Installed before the
 * page loads, so nothing said early is missed.
 */
export async function recordLiveRegions(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const said: { region: string; text: string; langs: string[] }[] = [];
    Object.assign(window, { __said: said });
    // What each region held when last looked at: a text is said when it changes, even to the same words again.
    const held = new Map<string, string>();
    const watch = (): void => {
      const observer = new MutationObserver(() => {
        for (const region of document.querySelectorAll<HTMLElement>('[aria-live]')) {
          const text = region.textContent?.trim() ?? '';
          const key = region.id || region.dataset['testid'] || '';
          const before = held.get(key) ?? '';
          held.set(key, text);
          if (text && before !== text) {
            said.push({ region: key, text, langs: [...region.querySelectorAll('[lang]')].map((node) => node.getAttribute('lang') ?? '') });
          }
        }
      });
      observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true });
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch);
    else watch();
  });
}

export async function said(page: Page): Promise<{ region: string; text: string; langs: string[] }[]> {
  return page.evaluate(() => (window as unknown as { __said: { region: string; text: string; langs: string[] }[] }).__said ?? []);
}

/** The texts the page's live regions said, in order (any region). */
export async function spoken(page: Page): Promise<string[]> {
  return (await said(page)).map((entry) => entry.text);
}
