import { localizePoll, ownLang, pollIn, translationIn, type LocalizedPoll } from '@jisr/core/translations';
import type { Lang } from '@jisr/protocol/common';
import type { Poll } from '@jisr/protocol/poll';
import type { Question } from '@jisr/protocol/question';

/** One column of the room screen: a text and the language it is in (undefined: not known). */
export interface Column {
  lang: Lang | undefined;
  text: string;
  /** A machine translation: the wall labels it. */
  machine?: boolean;
}

/**
 * The question in exactly `lang`: itself when written in it, else its translation (a
 * moderator's, else a machine's: a moderator's correction replaces the machine's).
 */
function questionText(question: Question, lang: Lang): Column | undefined {
  if (ownLang(question) === lang) return { lang, text: question.text };
  const translation = translationIn(question, lang);
  if (translation === undefined) return undefined;
  return { lang, text: translation.text, ...(translation.by === 'machine' ? { machine: true } : {}) };
}

/**
 * A question side by side on the wall: a column in the wall's language (the question as
 * asked when it has no translation into it) and one in `also`, when the question exists in
 * `also` and the first column is not already that. Null otherwise: the wall then shows the
 * question as asked, alone (the same text twice side by side would only halve its size).
 */
export function questionColumns(question: Question, lang: Lang, also: Lang | undefined): [Column, Column] | null {
  const first = questionText(question, lang) ?? { lang: ownLang(question), text: question.text };
  const second = also === undefined ? undefined : questionText(question, also);
  return second && first.lang !== also ? [first, second] : null;
}

/**
 * A poll's texts as the wall shows them: as questionColumns, with the poll's own language
 * and translations. The first column falls back through `fallbacks` but not to `also`,
 * which has the second column to itself.
 */
export function pollColumns(poll: Poll, lang: Lang, also: Lang | undefined, fallbacks: readonly Lang[]): [LocalizedPoll] | [LocalizedPoll, LocalizedPoll] {
  const first = localizePoll(poll, lang, fallbacks.filter((candidate) => candidate !== also));
  const second = also === undefined ? undefined : pollIn(poll, also);
  return second && first.lang !== also ? [first, second] : [first];
}
