import { pollTranslationBy, type LocalizedPoll } from '@jisr/core/translations';
import { LANGS, type Lang } from '@jisr/protocol/common';
import type { Poll, PollTranslation, PollTranslations } from '@jisr/protocol/poll';

/**
 * The poll with its prompt and option labels as `texts` give them: what the ballot and the
 * results show a viewer reading another language than the one the poll was written in.
 */
export function withTexts(poll: Poll, texts: LocalizedPoll): Poll {
  return { ...poll, prompt: texts.prompt, options: poll.options.map((option) => ({ ...option, label: texts.labels[option.id] ?? option.label })) };
}

/** A translation as the poll form edits it: the prompt, and one label per option row of the form. */
export interface TranslationDraft {
  prompt: string;
  options: string[];
}

/**
 * The form's translation fields, one per language (the form shows those the event offers,
 * and may change which is the poll's own), filled from the poll being edited, if any.
 */
export function translationDrafts(poll?: Pick<Poll, 'translations'>): Record<Lang, TranslationDraft> {
  const draft = (lang: Lang): TranslationDraft => {
    const given = poll?.translations?.[lang];
    return { prompt: given?.prompt ?? '', options: [...(given?.options ?? [])] };
  };
  return Object.fromEntries(LANGS.map((lang) => [lang, draft(lang)])) as Record<Lang, TranslationDraft>;
}

export type TranslationsToSend = { ok: true; translations: PollTranslations } | { ok: false; incomplete: Lang };

/**
 * The translations to send: those of `langs` whose prompt is filled in (the others are left
 * out, so the poll is shown as written in them), with the labels of the option rows kept
 * (`kept`: their indices in the form, empty rows dropped as for the poll's own options). A
 * filled-in prompt with a kept label left empty is `incomplete`: the server takes one label
 * per option or none.
 */
export function translationsToSend(drafts: Partial<Record<Lang, TranslationDraft>>, langs: readonly Lang[], kept: readonly number[]): TranslationsToSend {
  const translations: PollTranslations = {};
  for (const lang of langs) {
    const draft = drafts[lang];
    const prompt = draft?.prompt.trim() ?? '';
    if (!draft || prompt.length === 0) continue;
    const options = kept.map((at) => draft.options[at]?.trim() ?? '');
    if (options.some((label) => label.length === 0)) return { ok: false, incomplete: lang };
    translations[lang] = { prompt, options };
  }
  return { ok: true, translations };
}

/**
 * Is the form's translation still the engine's draft (issue 20): the poll has a machine
 * translation in that language and the fields hold exactly it? The form marks those; once
 * the moderator changes a word, it is theirs (the server says `by: 'human'` on save).
 */
export function isMachineDraft(draft: TranslationDraft | undefined, translation: PollTranslation | undefined): boolean {
  if (!draft || !translation || pollTranslationBy(translation) !== 'machine') return false;
  return draft.prompt.trim() === translation.prompt && translation.options.every((label, at) => (draft.options[at]?.trim() ?? '') === label);
}
