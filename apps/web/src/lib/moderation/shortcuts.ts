import type { ModerationAction, Question } from '@jisr/protocol/question';
import { availableActions } from './queue.js';

/** What a key does in the moderation queue. */
export type ShortcutCommand = 'next' | 'previous' | 'approve' | 'reject' | 'togglePin' | 'answer' | 'archive' | 'restore' | 'help';

/** Keys by command, as the help dialog lists them. Letters are the ones Slido users know. */
export const SHORTCUTS: readonly { command: ShortcutCommand; keys: readonly string[] }[] = [
  { command: 'next', keys: ['j', '↓'] },
  { command: 'previous', keys: ['k', '↑'] },
  { command: 'approve', keys: ['a'] },
  { command: 'reject', keys: ['r'] },
  { command: 'togglePin', keys: ['p'] },
  { command: 'answer', keys: ['d'] },
  { command: 'archive', keys: ['e'] },
  { command: 'restore', keys: ['u'] },
  { command: 'help', keys: ['?'] },
];

/**
 * Physical keys (`KeyboardEvent.code`), not characters: on an Arabic (or Cyrillic, Greek...)
 * layout the key marked A types "ش", and a shortcut matched on characters could never be
 * pressed. The letters are those of a US layout, as the help and the buttons show them.
 */
const BY_CODE: Readonly<Record<string, ShortcutCommand>> = {
  KeyJ: 'next',
  ArrowDown: 'next',
  KeyK: 'previous',
  ArrowUp: 'previous',
  KeyA: 'approve',
  KeyR: 'reject',
  KeyP: 'togglePin',
  KeyD: 'answer',
  KeyE: 'archive',
  KeyU: 'restore',
};

/** What a keyboard event needs to say for a decision (a KeyboardEvent has all of it). */
export interface KeyPress {
  key: string;
  /** The physical key (`KeyA`, `Slash`, `ArrowDown`), whatever the layout types with it. */
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

/** The focused element's kind, enough to tell typing from clicking. */
interface TargetShape {
  tagName?: unknown;
  type?: unknown;
  isContentEditable?: unknown;
}

/** Input types that take no typing: a key pressed on them is not text. */
const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** Is the person typing into this element (a text field, a select, an editable area)? */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (target === null || typeof target !== 'object') return false;
  const { tagName, type, isContentEditable } = target as TargetShape;
  if (isContentEditable === true) return true;
  if (tagName === 'TEXTAREA' || tagName === 'SELECT') return true;
  if (tagName === 'INPUT') return !(typeof type === 'string' && NOT_TYPED.has(type.toLowerCase()));
  return false;
}

/**
 * The command for a key press, or null: nothing while typing (an "a" in the reply box is a
 * letter), nothing with Ctrl, Cmd or Alt (the browser's own shortcuts stay theirs). Matched
 * by physical key, so Caps Lock and the keyboard layout change nothing; "?" is also taken
 * as typed, for layouts where it is not Shift and the slash key.
 * The page listens only on the question list (WCAG 2.1.4: the keys act only where focus is
 * in the list, and moderators can turn them off).
 */
export function shortcutFor(press: KeyPress): ShortcutCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (isTypingTarget(press.target)) return null;
  if (press.key === '?' || (press.code === 'Slash' && press.shiftKey)) return 'help';
  if (press.shiftKey && press.code.startsWith('Key')) return null;
  return BY_CODE[press.code] ?? null;
}

/** The key of each moderation action, shown on its button (pin and unpin share one: it toggles). */
export const ACTION_KEYS: Readonly<Record<ModerationAction, string>> = {
  approve: 'a',
  reject: 'r',
  pin: 'p',
  unpin: 'p',
  answer: 'd',
  archive: 'e',
  restore: 'u',
};

const ACTION_OF: Partial<Record<ShortcutCommand, ModerationAction>> = {
  approve: 'approve',
  reject: 'reject',
  answer: 'answer',
  archive: 'archive',
  restore: 'restore',
};

/** The moderation a command asks for on this question, or null when it does not apply to it. */
export function actionFor(command: ShortcutCommand, question: Question): ModerationAction | null {
  const action = command === 'togglePin' ? (question.pinned ? 'unpin' : 'pin') : ACTION_OF[command];
  if (!action) return null;
  return availableActions(question).includes(action) ? action : null;
}
