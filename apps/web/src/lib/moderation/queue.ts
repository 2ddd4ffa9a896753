import { planModeration } from '@jisr/core/moderation';
import { sortQuestions } from '@jisr/core/questions';
import type { Lang } from '@jisr/protocol/common';
import type { ModerationAction, Question, QuestionStatus } from '@jisr/protocol/question';

/** The moderator's queue, in the order of a question's life. */
export const QUEUE_TABS = ['incoming', 'live', 'answered', 'archived'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

const TAB_OF_STATUS: Record<QuestionStatus, QueueTab> = {
  pending: 'incoming',
  approved: 'live',
  answered: 'answered',
  rejected: 'archived',
  archived: 'archived',
};

export function tabOf(question: Question): QueueTab {
  return TAB_OF_STATUS[question.status];
}

export function countByTab(questions: readonly Question[]): Record<QueueTab, number> {
  const counts: Record<QueueTab, number> = { incoming: 0, live: 0, answered: 0, archived: 0 };
  for (const question of questions) counts[tabOf(question)] += 1;
  return counts;
}

export interface QueueFilter {
  tab: QueueTab;
  /** Only questions in this language; null for all. */
  lang: Lang | null;
  /** Only questions with this label (case-insensitive); null for all. */
  label: string | null;
}

const byOldest = (a: Question, b: Question): number => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
const byNewest = (a: Question, b: Question): number => -byOldest(a, b);
const byLastAnswered = (a: Question, b: Question): number =>
  (b.answeredAt ?? b.createdAt).localeCompare(a.answeredAt ?? a.createdAt) || a.id.localeCompare(b.id);

/**
 * The questions of one tab, filtered and in the order a moderator works through them:
 * incoming oldest first (a queue: new arrivals join the end and do not push the one being
 * read away), live as the room sees them (pinned, then votes), answered and archived most
 * recent first.
 */
export function queueView(
  questions: readonly Question[],
  { tab, lang, label }: QueueFilter,
  /**
   * Questions to keep in this tab although they moved out of it: the ones the moderator
   * just acted on stay in place (marked) until they leave the tab, so "approve, then pin"
   * or undoing a slip needs no hunt through the other tabs.
   */
  keep: ReadonlySet<string> = new Set(),
): Question[] {
  const wanted = label?.toLocaleLowerCase();
  const shown = questions.filter(
    (question) =>
      (tabOf(question) === tab || keep.has(question.id)) &&
      (lang === null || question.lang === lang) &&
      (wanted === undefined || question.labels.some((candidate) => candidate.toLocaleLowerCase() === wanted)),
  );
  switch (tab) {
    case 'incoming':
      return shown.sort(byOldest);
    case 'live':
      return sortQuestions(shown, 'popular');
    case 'answered':
      return shown.sort(byLastAnswered);
    case 'archived':
      return shown.sort(byNewest);
  }
}

/** Every label in use, once each (first spelling wins), alphabetically. */
export function labelsOf(questions: readonly Question[]): string[] {
  const labels = new Map<string, string>();
  for (const question of questions) {
    for (const label of question.labels) {
      const key = label.toLocaleLowerCase();
      if (!labels.has(key)) labels.set(key, label);
    }
  }
  return [...labels.values()].sort((a, b) => a.localeCompare(b));
}

/** The buttons a moderator sees, in this order. */
const ACTION_ORDER: readonly ModerationAction[] = ['approve', 'pin', 'unpin', 'answer', 'reject', 'archive', 'restore'];

/**
 * What a moderator may do to this question now: the actions whose `from` states (core's
 * planModeration, the server's own rule) include its status, with pin and unpin offered
 * by whether it is pinned.
 */
export function availableActions(question: Question, now: Date = new Date()): ModerationAction[] {
  return ACTION_ORDER.filter((action) => {
    if (action === 'pin' && question.pinned) return false;
    if (action === 'unpin' && !question.pinned) return false;
    return planModeration(action, now).from.includes(question.status);
  });
}

/**
 * The selected question once the list changed: the same one if still there, else the one
 * that took its place (approving the selected question moves on to the next), else none.
 */
export function resolveSelection(ids: readonly string[], selectedId: string | null, lastIndex: number): string | null {
  if (ids.length === 0) return null;
  if (selectedId !== null && ids.includes(selectedId)) return selectedId;
  if (selectedId === null) return null;
  return ids[Math.min(Math.max(lastIndex, 0), ids.length - 1)] ?? null;
}

/**
 * Where the selection goes once the selected question has been dealt with: the next one
 * still waiting below it (skipping those already dealt with), else the nearest above, else
 * none.
 */
export function nextToHandle(ids: readonly string[], handledId: string, handled: ReadonlySet<string>): string | null {
  const at = ids.indexOf(handledId);
  const waiting = (id: string): boolean => id !== handledId && !handled.has(id);
  return ids.slice(at + 1).find(waiting) ?? ids.slice(0, Math.max(at, 0)).reverse().find(waiting) ?? null;
}

/** One step down (+1) or up (-1) the list from the selected question, staying within it. */
export function stepSelection(ids: readonly string[], selectedId: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const index = selectedId === null ? -1 : ids.indexOf(selectedId);
  if (index === -1) return step === 1 ? (ids[0] ?? null) : (ids.at(-1) ?? null);
  return ids[Math.min(Math.max(index + step, 0), ids.length - 1)] ?? null;
}
