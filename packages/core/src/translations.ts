import type { Lang } from '@jisr/protocol/common';
import type { Poll, PollTranslation, PollTranslations } from '@jisr/protocol/poll';
import type { DetectedLang, Question, QuestionTranslation, Translator } from '@jisr/protocol/question';

/** A poll's texts in one language: the prompt, and each option's label by option id. */
export interface LocalizedPoll {
  /** The language of these texts; undefined for a poll that never said what its own is. */
  lang: Lang | undefined;
  prompt: string;
  labels: Record<string, string>;
  /** A machine's translation (DESIGN 4b): phones and screens label it and offer the original. */
  machine?: boolean;
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
  return { lang, prompt: translation.prompt, labels, ...(pollTranslationBy(translation) === 'machine' ? { machine: true } : {}) };
}

/** Who made a poll's translation: one without `by` is a moderator's (stored before machine drafts). */
export function pollTranslationBy(translation: Pick<PollTranslation, 'by'>): Translator {
  return translation.by ?? 'human';
}

/** A poll's texts in one language, as a moderator sends them or a translation holds them. */
type PollTexts = Pick<PollTranslation, 'prompt' | 'options'>;

function samePollTexts(a: PollTexts, b: PollTexts): boolean {
  return a.prompt === b.prompt && a.options.length === b.options.length && a.options.every((label, at) => label === b.options[at]);
}

/**
 * A draft's translations after a moderator's edit, or undefined when the edit leaves them
 * as they are. `sent` is the map the edit gives (it replaces the stored one), `textChanged`
 * whether the prompt or options changed. What the moderator sends back exactly as a machine
 * made it stays the machine's (the editor returns what it shows); anything else sent is
 * theirs (`human`). A machine translation of the text before a change is dropped: the
 * engine translates the new text; a moderator's stays (they correct it themselves).
 * @example editedPollTranslations({ es: machineEs }, { es: { prompt: '¿Dónde?', options: [...] } }, false) // { es: { ..., by: 'human' } }
 */
export function editedPollTranslations(stored: PollTranslations | undefined, sent: Partial<Record<Lang, PollTexts>> | undefined, textChanged: boolean): PollTranslations | undefined {
  if (sent === undefined && !textChanged) return undefined;
  const edited: PollTranslations = {};
  for (const [key, translation] of Object.entries(sent ?? stored ?? {})) {
    if (!translation) continue;
    const lang = key as Lang;
    const before = stored?.[lang];
    if (before && pollTranslationBy(before) === 'machine' && samePollTexts(translation, before)) {
      if (!textChanged) edited[lang] = before;
      continue;
    }
    edited[lang] = { prompt: translation.prompt, options: [...translation.options], by: 'human' };
  }
  return edited;
}

/**
 * The languages an engine should translate a draft written in `source` into: each of the
 * event's languages but its own and those a moderator translated.
 */
export function pollMachineTargets(poll: Pick<Poll, 'translations'>, source: Lang, eventLangs: readonly Lang[]): Lang[] {
  return machineTargets(source, eventLangs).filter((lang) => {
    const existing = poll.translations?.[lang];
    return existing === undefined || pollTranslationBy(existing) === 'machine';
  });
}

/**
 * The poll's translations with an engine's added: each replaces none or another machine's,
 * never a moderator's (mayReplaceTranslation). Null when nothing would change.
 */
export function withMachinePollTranslations(current: PollTranslations | undefined, machine: PollTranslations): PollTranslations | null {
  const merged: PollTranslations = { ...current };
  let changed = false;
  for (const [key, translation] of Object.entries(machine)) {
    const lang = key as Lang;
    const existing = current?.[lang];
    if (!translation || !mayReplaceTranslation(existing && { by: pollTranslationBy(existing) }, 'machine')) continue;
    if (existing && pollTranslationBy(existing) === 'machine' && samePollTexts(existing, translation)) continue;
    merged[lang] = translation;
    changed = true;
  }
  return changed ? merged : null;
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

type Translatable = Pick<Question, 'lang' | 'translations' | 'detectedLang'>;

/**
 * The language the question's text is written in: the detected one when detection named
 * one of Jisr's languages, else the language it was asked in.
 */
export function ownLang(question: Pick<Question, 'lang' | 'detectedLang'>): Lang {
  const detected = question.detectedLang;
  return detected !== undefined && detected !== 'und' ? detected : question.lang;
}

/** The question's translation into `lang` (a moderator's or a machine's), or undefined (never the question itself). */
export function translationIn(question: Translatable, lang: Lang): QuestionTranslation | undefined {
  if (lang === ownLang(question)) return undefined;
  const translation = question.translations?.[lang];
  return translation?.text ? translation : undefined;
}

/** The text of the question's translation into `lang`, or undefined (never the question itself). */
export function questionIn(question: Translatable, lang: Lang): string | undefined {
  return translationIn(question, lang)?.text;
}

/**
 * May a translation made by `incoming` take the place of `existing`? A moderator's always
 * does; a machine's only where there is none or only another machine's: an engine never
 * overwrites what a person corrected.
 */
export function mayReplaceTranslation(existing: Pick<QuestionTranslation, 'by'> | undefined, incoming: Translator): boolean {
  return incoming === 'human' || existing === undefined || existing.by === 'machine';
}

/**
 * The languages a machine should translate a text written in `source` into: each of the
 * event's languages but the text's own. None when the text's language is undetermined.
 */
export function machineTargets(source: DetectedLang | undefined, eventLangs: readonly Lang[]): Lang[] {
  if (source === undefined || source === 'und') return [];
  return eventLangs.filter((lang) => lang !== source);
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
