import type { Lang } from '@jisr/protocol/common';
import type { Question } from '@jisr/protocol/question';
import { questionColumns, type Column } from './side-by-side.js';

/** A question in the wall's list: the line people read, and a smaller one under it, if any. */
export interface QuestionLines {
  main: Column;
  /** The question in the wall's second language, or null: nothing goes under it. */
  under: Column | null;
}

/**
 * The top questions in two languages, stacked rather than side by side: each list item is
 * too narrow for two columns read from the back row. The same texts as questionColumns
 * (the wall's language first, `also` second, only when the question exists in both), so a
 * question reads the same in the list and once pinned; otherwise the question as asked,
 * alone, as without a second language.
 * @example questionLines(question, 'en', 'ar') // { main: { lang: 'en', text: 'When?' }, under: { lang: 'ar', text: 'متى؟' } }
 */
export function questionLines(question: Question, lang: Lang, also: Lang | undefined): QuestionLines {
  const columns = questionColumns(question, lang, also);
  if (!columns) return { main: { lang: question.lang, text: question.text }, under: null };
  const [main, under] = columns;
  return { main, under };
}
