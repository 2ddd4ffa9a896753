import { foldText } from '@jisr/core/text-fold';
import type { PollAnswerMessage, TextAnswer } from '@jisr/protocol/poll-answers';

/**
 * The answers wall's list, newest first: a new answer goes on top, one seen before (hidden
 * or shown again) stays where it is, and the answer a voter replaced leaves the list.
 */
export function applyAnswer(list: readonly TextAnswer[], message: Pick<PollAnswerMessage, 'answer' | 'replaces'>): TextAnswer[] {
  const kept = message.replaces ? list.filter((answer) => answer.id !== message.replaces) : [...list];
  const at = kept.findIndex((answer) => answer.id === message.answer.id);
  if (at === -1) return [message.answer, ...kept];
  kept[at] = message.answer;
  return kept;
}

/** The answers whose text holds the search, whatever its case, accents or Arabic letter forms. */
export function searchAnswers(list: readonly TextAnswer[], query: string): readonly TextAnswer[] {
  const wanted = foldText(query.trim());
  if (wanted.length === 0) return list;
  return list.filter((answer) => foldText(answer.text).includes(wanted));
}

/** The chosen ids still on the wall and not hidden, in the order they were chosen. */
export function stageableChoice(chosen: readonly string[], list: readonly TextAnswer[]): string[] {
  const shown = new Set(list.filter((answer) => !answer.hidden).map((answer) => answer.id));
  return chosen.filter((id) => shown.has(id));
}
