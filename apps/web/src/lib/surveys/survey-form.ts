import { LANGS, type Lang, type LocalizedText } from '@jisr/protocol/common';
import type { Survey, SurveyInput, SurveyKind } from '@jisr/protocol/survey';

/** Kinds whose answers are picked from options (the form shows the options box). */
export const OPTION_KINDS: readonly SurveyKind[] = ['single', 'multiple', 'ranking'];

/** A translation as the form edits it: the question and its options, one per line. */
export interface TranslationDraft {
  prompt: string;
  options: string;
}

/** One question as the builder edits it: options one per line (as an organizer types a list). */
export interface QuestionDraft {
  /** Names the row for Svelte's keyed list; never sent. */
  key: number;
  kind: SurveyKind;
  prompt: string;
  options: string;
  scaleMax: 5 | 10;
  translations: Record<Lang, TranslationDraft>;
}

export interface SurveyDraft {
  title: LocalizedText;
  lang: Lang;
  questions: QuestionDraft[];
}

let nextKey = 0;

const noTranslations = (): Record<Lang, TranslationDraft> => Object.fromEntries(LANGS.map((lang) => [lang, { prompt: '', options: '' }])) as Record<Lang, TranslationDraft>;

export function emptyQuestion(kind: SurveyKind = 'rating'): QuestionDraft {
  return { key: ++nextKey, kind, prompt: '', options: '', scaleMax: 5, translations: noTranslations() };
}

/** The form for a new survey (one rating question to start from) or for a draft being edited. */
export function draftOf(survey: Survey | undefined, lang: Lang): SurveyDraft {
  if (!survey) return { title: {}, lang, questions: [emptyQuestion()] };
  return {
    title: { ...survey.title },
    lang: survey.lang,
    questions: survey.questions.map((question) => {
      const translations = noTranslations();
      for (const [code, given] of Object.entries(question.translations ?? {}) as [Lang, { prompt: string; options: string[] }][]) {
        translations[code] = { prompt: given.prompt, options: given.options.join('\n') };
      }
      return {
        key: ++nextKey,
        kind: question.kind,
        prompt: question.prompt,
        options: question.options.map((option) => option.label).join('\n'),
        scaleMax: question.settings.scaleMax ?? 5,
        translations,
      };
    }),
  };
}

/** The lines of a box, trimmed, empty ones dropped. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/**
 * What the form sends: options only for the kinds that have them, the scale only for a
 * rating, translations only in the event's other languages whose question is filled in (the
 * server refuses labels that don't match the options, naming the field).
 */
export function inputOf(draft: SurveyDraft, langs: readonly Lang[]): SurveyInput {
  return {
    title: Object.fromEntries(Object.entries(draft.title).filter(([lang, text]) => langs.includes(lang as Lang) && (text ?? '').trim().length > 0)),
    lang: draft.lang,
    questions: draft.questions.map((question) => {
      const hasOptions = OPTION_KINDS.includes(question.kind);
      const translations = Object.fromEntries(
        langs
          .filter((lang) => lang !== draft.lang && question.translations[lang].prompt.trim().length > 0)
          .map((lang) => [lang, { prompt: question.translations[lang].prompt.trim(), options: hasOptions ? lines(question.translations[lang].options) : [] }]),
      );
      return {
        kind: question.kind,
        prompt: question.prompt.trim(),
        options: hasOptions ? lines(question.options) : [],
        settings: question.kind === 'rating' && question.scaleMax === 10 ? { scaleMax: 10 as const } : {},
        ...(Object.keys(translations).length > 0 ? { translations } : {}),
      };
    }),
  };
}
