import { MODERATION_ACTIONS } from '@jisr/protocol/question';
import { describe, expect, it } from 'vitest';
import { makeQuestion as q } from '$lib/test/questions.js';
import { ACTION_KEYS, actionFor, isTypingTarget, shortcutFor, SHORTCUTS, type KeyPress } from './shortcuts.js';

/** A key as a US layout types it: its physical code follows from the character. */
const CODES: Record<string, string> = { '?': 'Slash', ArrowDown: 'ArrowDown', ArrowUp: 'ArrowUp', Enter: 'Enter' };
const codeOf = (key: string): string => CODES[key] ?? `Key${key.toUpperCase()}`;

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code: codeOf(key),
  shiftKey: key === '?',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: null,
  ...extra,
});

describe('shortcutFor', () => {
  it('maps the queue keys', () => {
    expect(shortcutFor(press('j'))).toBe('next');
    expect(shortcutFor(press('ArrowDown'))).toBe('next');
    expect(shortcutFor(press('k'))).toBe('previous');
    expect(shortcutFor(press('ArrowUp'))).toBe('previous');
    expect(shortcutFor(press('a'))).toBe('approve');
    expect(shortcutFor(press('r'))).toBe('reject');
    expect(shortcutFor(press('p'))).toBe('togglePin');
    expect(shortcutFor(press('d'))).toBe('answer');
    expect(shortcutFor(press('e'))).toBe('archive');
    expect(shortcutFor(press('u'))).toBe('restore');
    expect(shortcutFor(press('?'))).toBe('help');
  });

  it('works with Caps Lock on', () => {
    expect(shortcutFor(press('A'))).toBe('approve');
  });

  it('matches the physical key, so an Arabic layout works', () => {
    // On an Arabic keyboard the keys marked A, J and D type these letters.
    expect(shortcutFor(press('ش', { code: 'KeyA' }))).toBe('approve');
    expect(shortcutFor(press('ت', { code: 'KeyJ' }))).toBe('next');
    expect(shortcutFor(press('ي', { code: 'KeyD' }))).toBe('answer');
    expect(shortcutFor(press('؟', { code: 'Slash', shiftKey: true }))).toBe('help');
    // And a layout that types "a" on another key does not approve with it.
    expect(shortcutFor(press('a', { code: 'KeyQ' }))).toBeNull();
  });

  it('leaves Shift with a letter alone (typed capitals, the browser’s own uses)', () => {
    expect(shortcutFor(press('A', { shiftKey: true }))).toBeNull();
  });

  it('ignores other keys and the browser’s own shortcuts', () => {
    expect(shortcutFor(press('x'))).toBeNull();
    expect(shortcutFor(press('Enter'))).toBeNull();
    expect(shortcutFor(press('r', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('a', { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('e', { altKey: true }))).toBeNull();
  });

  it('ignores keys typed into fields', () => {
    const field = (tagName: string, type?: string): EventTarget => ({ tagName, type }) as unknown as EventTarget;
    expect(shortcutFor(press('a', { target: field('INPUT', 'text') }))).toBeNull();
    expect(shortcutFor(press('j', { target: field('TEXTAREA') }))).toBeNull();
    expect(shortcutFor(press('ArrowDown', { target: field('SELECT') }))).toBeNull();
    expect(shortcutFor(press('p', { target: { isContentEditable: true } as unknown as EventTarget }))).toBeNull();
    // A switch or a button has the focus after a click: the keys still work.
    expect(shortcutFor(press('a', { target: field('INPUT', 'checkbox') }))).toBe('approve');
    expect(shortcutFor(press('a', { target: field('BUTTON') }))).toBe('approve');
  });

  it('tells typing targets apart', () => {
    expect(isTypingTarget(null)).toBe(false);
    expect(isTypingTarget({ tagName: 'INPUT' } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'radio' } as unknown as EventTarget)).toBe(false);
  });
});

describe('actionFor', () => {
  it('turns a command into the action allowed on this question', () => {
    expect(actionFor('approve', q('x', { status: 'pending' }))).toBe('approve');
    expect(actionFor('answer', q('x', { status: 'approved' }))).toBe('answer');
    expect(actionFor('restore', q('x', { status: 'archived' }))).toBe('restore');
  });

  it('toggles the pin', () => {
    expect(actionFor('togglePin', q('x', { status: 'approved' }))).toBe('pin');
    expect(actionFor('togglePin', q('x', { status: 'approved', pinned: true }))).toBe('unpin');
  });

  it('does nothing when the action does not apply', () => {
    expect(actionFor('answer', q('x', { status: 'pending' }))).toBeNull();
    expect(actionFor('approve', q('x', { status: 'archived' }))).toBeNull();
    expect(actionFor('next', q('x'))).toBeNull();
  });
});

describe('the shortcut tables', () => {
  it('agree with each other: the key shown on a button does that button’s action', () => {
    for (const action of MODERATION_ACTIONS) {
      const command = shortcutFor(press(ACTION_KEYS[action]));
      expect(command, action).not.toBeNull();
      const listed = SHORTCUTS.find((shortcut) => shortcut.command === command);
      expect(listed?.keys, action).toContain(ACTION_KEYS[action]);
    }
  });
});
