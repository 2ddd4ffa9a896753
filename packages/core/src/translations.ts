import type { Lang } from '@jisr/protocol/common';
import type { Poll, PollTranslations } from '@jisr/protocol/poll';
import type { Question } from '@jisr/protocol/question';

/** A poll's texts in one language: the prompt, and each option's label by option id. */
export interface LocalizedPoll {
  /** The language of these texts; undefined for a poll that never said what its own is. */
  lang: Lang | undefined;
  prompt: string;
  labels: Record<string, string>;
}

function ownTexts(poll: Poll): LocalizedPoll {
  return { lang: poll.lang, prompt: poll.prompt, labels: Object.fromEntries(poll.options.map((option) => [option.id, option.label])) };
}

/**
 * The poll's texts in exactly `lang`: its own when written in it, else its translation, else
 * undefined. A label the translation lacks (it was written for fewer options) stays the
 * original one rather than leaving a blank button.
 */
export function pollIn(poll: Poll, lang: Lang): LocalizedPoll | undefined {
  if (poll.lang === lang) return ownTexts(poll);
  const translation = poll.translations?.[lang];
  if (!translation?.prompt) return undefined;
  const labels = Object.fromEntries(poll.options.map((option, at) => [option.id, translation.options[at] || option.label]));
  return { lang, prompt: translation.prompt, labels };
}

/**
 * The poll as this viewer reads it: in their language where the poll has it, else in the
 * first fallback it has (the event's languages, say), else as the moderator wrote it.
 * @example localizePoll(poll, 'ar', ['fr']) // { lang: 'ar', prompt: 'أين نلتقي؟', labels: { o1: 'مدريد', ... } }
 */
export function localizePoll(poll: Poll, lang: Lang, fallbacks: readonly Lang[] = []): LocalizedPoll {
  for (const candidate of [lang, ...fallbacks]) {
    const texts = pollIn(poll, candidate);
    if (texts) return texts;
  }
  return ownTexts(poll);
}

/** A moderator's translation of the question into `lang`, or undefined (never the question itself). */
export function questionIn(question: Pick<Question, 'lang' | 'translations'>, lang: Lang): string | undefined {
  if (lang === question.lang) return undefined;
  return question.translations?.[lang] || undefined;
}

/**
 * Why a poll's translations don't fit it, or null when they do: a translation in the poll's
 * own language (which text would win?), or one with another number of labels than the poll
 * has options (which label goes with which option?). `field` is the payload path to name.
 */
export type PollTranslationRefusal = { reason: 'own_language'; field: string } | { reason: 'option_count'; field: string };

export function pollTranslationRefusal(
  lang: Lang | undefined,
  optionCount: number,
  translations: PollTranslations | undefined,
): PollTranslationRefusal | null {
  for (const [key, translation] of Object.entries(translations ?? {})) {
    if (!translation) continue;
    if (key === lang) return { reason: 'own_language', field: `translations.${key}` };
    if (translation.options.length !== optionCount) return { reason: 'option_count', field: `translations.${key}.options` };
  }
  return null;
}

/**
 * Why a moderator's translation of a question into `lang` is refused, or null: a question
 * is not translated into the language it is written in (its own text is that).
 */
export function questionTranslationRefusal(question: Pick<Question, 'lang'>, lang: Lang): 'own_language' | null {
  return lang === question.lang ? 'own_language' : null;
}
