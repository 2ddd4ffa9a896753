import type { Browser, Page } from 'playwright-core';
import { hydrated } from './browser.js';
import { waitForStage, type StageMark } from './stage-views.js';

/** The sizes a room screen meets: a 1080p wall, a 720p beamer, a 4:3 projector, a portrait totem. */
export const WALL_SIZES = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1280x720', width: 1280, height: 720 },
  { name: '1024x768', width: 1024, height: 768 },
  { name: '1080x1920', width: 1080, height: 1920 },
] as const;

/**
 * A browser page signed in as staff with `token` (as an accepted invite leaves it), the
 * way a projector's laptop is: the token in localStorage before the first script runs.
 */
export async function staffWallPage(browser: Browser, token: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-GB' });
  const stored = JSON.stringify({ token, role: 'organizer', name: 'Wall' });
  await context.addInitScript((value) => localStorage.setItem('jisr.staff', value), stored);
  return context.newPage();
}

/** Opens a wall page (screen or overlay) and waits for its first snapshot. */
export async function openWall(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await hydrated(page);
  await page.locator('[data-wall][data-stage-kind]').waitFor({ timeout: 15_000 });
}

/** Waits until the wall shows `mark` (its data-stage-* attributes) and its fitting has settled. */
export async function waitForSettledStage(page: Page, mark: StageMark): Promise<void> {
  await waitForStage(page, mark, 10_000);
  await settled(page);
}

/** Two animation frames and the fonts: a fitting scheduled by the last change has run. */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    for (let frame = 0; frame < 3; frame += 1) await new Promise((resolve) => requestAnimationFrame(resolve));
  });
}

/** One text that breaks a wall's layout, as a person would describe it. */
export interface LayoutFault {
  text: string;
  fault: string;
}

/**
 * Everything wrong with a wall's layout right now, read from the page: a line of text or a
 * picture (logo, QR code, icon) outside the viewport, a stage line outside its box or over
 * the join strip or the announcement, a fitted box still too full at its smallest size, or
 * any box that cuts its content (a text clipped instead of shrunk). Empty when the wall is
 * clean.
 *
 * Lines are measured as the layout sets them: a line's box on the page is as tall as its
 * font (ascent and descent), which reaches past a line set tighter than its face; that
 * margin, half the difference, is not counted as overflow.
 */
export function layoutFaults(page: Page): Promise<LayoutFault[]> {
  return page.evaluate(() => {
    const faults: { text: string; fault: string }[] = [];
    const wall = document.querySelector<HTMLElement>('[data-wall]');
    if (!wall) return [{ text: '', fault: 'no wall on the page' }];
    const SLACK = 1;
    const rectOf = (selector: string): DOMRect | null => document.querySelector(selector)?.getBoundingClientRect() ?? null;
    const stageSelector = '[data-testid="screen-stage"], [data-testid="overlay-stage"]';
    const stage = rectOf(stageSelector);
    const strip = rectOf('[data-testid="screen-strip"]');
    const band = rectOf('[data-testid="screen-announcement"]');
    const viewport = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
    type Box = { left: number; top: number; right: number; bottom: number };
    const inside = (inner: Box, outer: Box): boolean =>
      inner.left >= outer.left - SLACK && inner.top >= outer.top - SLACK && inner.right <= outer.right + SLACK && inner.bottom <= outer.bottom + SLACK;
    const overlaps = (a: Box, b: Box): boolean => a.left < b.right - SLACK && b.left < a.right - SLACK && a.top < b.bottom - SLACK && b.top < a.bottom - SLACK;
    const walker = document.createTreeWalker(wall, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('.visually-hidden')) continue;
      const style = getComputedStyle(parent);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const leading = Number.parseFloat(style.lineHeight);
      const label = text.slice(0, 40);
      const inStage = stage !== null && parent.closest(stageSelector) !== null;
      for (const rect of range.getClientRects()) {
        if (rect.width === 0 || rect.height === 0) continue;
        const overhang = Number.isFinite(leading) ? Math.max(0, (rect.height - leading) / 2) : 0;
        const line = { left: rect.left, right: rect.right, top: rect.top + overhang, bottom: rect.bottom - overhang };
        const where = (box: Box): string => [box.left, box.top, box.right, box.bottom].map(Math.round).join(',');
        if (!inside(line, viewport)) faults.push({ text: label, fault: `outside the viewport (${where(line)})` });
        if (inStage && stage && !inside(line, stage)) {
          faults.push({ text: label, fault: `outside the stage box (${where(line)} in ${where(stage)})` });
        }
        if (inStage && strip && overlaps(line, strip)) faults.push({ text: label, fault: 'over the join strip' });
        if (inStage && band && overlaps(line, band)) faults.push({ text: label, fault: 'over the announcement' });
      }
    }
    // Pictures count as much as words: a logo or a QR code pushed off the wall is as lost as a line.
    for (const picture of wall.querySelectorAll<Element>('img, svg, canvas')) {
      if (picture.parentElement?.closest('svg') || picture.closest('.visually-hidden')) continue;
      const style = getComputedStyle(picture);
      if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
      const rect = picture.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      if (!inside(rect, viewport)) {
        const where = [rect.left, rect.top, rect.right, rect.bottom].map(Math.round).join(',');
        const name = picture.getAttribute('data-testid') ?? picture.getAttribute('class') ?? picture.tagName.toLowerCase();
        faults.push({ text: `<${picture.tagName.toLowerCase()}> ${name}`, fault: `outside the viewport (${where})` });
      }
    }
    const blocks = [...wall.querySelectorAll<HTMLElement>('*')].filter((element) => {
      const display = getComputedStyle(element).display;
      return display !== 'inline' && display !== 'contents' && display !== 'none';
    });
    for (const element of wall.querySelectorAll<HTMLElement>('*')) {
      const label = element.textContent?.trim().slice(0, 40) ?? '';
      if (element.dataset['fit'] === 'overflows') faults.push({ text: label, fault: 'too full even at its smallest size' });
      const style = getComputedStyle(element);
      // Text for screen readers only is clipped on purpose.
      if (element.closest('.visually-hidden')) continue;
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const box = element.getBoundingClientRect();
      const top = box.top + element.clientTop;
      const bottom = top + element.clientHeight;
      const cut = element.scrollWidth > element.clientWidth + SLACK ||
        blocks.some((inner) => element !== inner && element.contains(inner) && (inner.getBoundingClientRect().bottom > bottom + SLACK || inner.getBoundingClientRect().top < top - SLACK));
      if (cut) faults.push({ text: label, fault: `cut by its box (${element.className})` });
    }
    return faults;
  });
}
