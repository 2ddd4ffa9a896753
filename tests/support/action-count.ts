import type { Locator, Page } from 'playwright-core';

/**
 * What an organizer does, counted: each click, fill, choice in a list, key press that
 * submits and drag is one action (waiting and looking are free). Tests that claim a task
 * takes N actions do it through these, so the number is measured, not asserted by hand.
 */
export class ActionCounter {
  count = 0;
  /** Every action in order, to print when a budget is missed. */
  readonly log: string[] = [];

  constructor(private readonly page: Page) {}

  private note(what: string): void {
    this.count += 1;
    this.log.push(what);
  }

  async click(target: Locator, what = 'click'): Promise<void> {
    await target.click();
    this.note(what);
  }

  async fill(target: Locator, text: string): Promise<void> {
    await target.fill(text);
    this.note(`fill ${text}`);
  }

  async select(target: Locator, value: string): Promise<void> {
    await target.selectOption(value);
    this.note(`select ${value}`);
  }

  /** A key press that does something (Enter submitting, an arrow moving): one action each. */
  async press(target: Locator, key: string): Promise<void> {
    await target.press(key);
    this.note(`press ${key}`);
  }

  /** Press, move (in steps, as a hand does) and release with the mouse: pointer events, one action. */
  async drag(from: Locator, to: Locator, what = 'drag'): Promise<void> {
    const start = await from.boundingBox();
    const end = await to.boundingBox();
    if (!start || !end) throw new Error(`drag: ${what} is not on screen`);
    await this.page.mouse.move(start.x + start.width / 2, start.y + Math.min(start.height / 2, 10));
    await this.page.mouse.down();
    await this.page.mouse.move(end.x + end.width / 2, end.y + Math.min(end.height / 2, 10), { steps: 8 });
    await this.page.mouse.up();
    this.note(what);
  }
}
