import type { Lang } from '@jisr/protocol/common';
import { describe, expect, it } from 'vitest';
import fixtures from '../../../tests/fixtures/questions.json' with { type: 'json' };
import labelled from '../../../tests/fixtures/duplicate-pairs.json' with { type: 'json' };
import type { DuplicateCandidate } from './duplicates.js';
import { measureAttendeeSuggestions, measureModeratorSuggestions, type LabelledSet, type Measured } from './duplicates-measure.js';
import { SIMILAR_QUESTIONS_MAX } from '@jisr/protocol/question';

// Core has no DOM or Node types (it runs in both): the one thing this test prints with.
declare const console: { info(...values: unknown[]): void };

/** The fixtures' questions (ids f0, f1... by index) and the written ones, each with its English translation. */
function labelledSet(): LabelledSet {
  const translations = labelled.fixtureTranslations as Record<string, string | undefined>;
  const fromFixtures: DuplicateCandidate[] = fixtures.map((question, index) => {
    const en = translations[String(index)];
    return { id: `f${index}`, text: question.text, lang: question.lang as Lang, ...(en ? { translations: { en } } : {}) };
  });
  const written: DuplicateCandidate[] = labelled.questions.map((question) => ({
    id: question.id,
    text: question.text,
    lang: question.lang as Lang,
    ...('en' in question && question.en ? { translations: { en: question.en } } : {}),
  }));
  return { questions: [...fromFixtures, ...written], same: labelled.same };
}

function report(name: string, measured: Measured): string {
  const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;
  return `${name}: precision ${pct(measured.precision)} (${measured.correct}/${measured.suggested}), recall ${pct(measured.recall)} (${measured.correct}/${measured.expected})`;
}

/*
 * The figures in the README come from this test's output (run it with --reporter verbose).
 * The floors below are those figures rounded down: a change to the rule that makes the
 * suggestions worse fails here.
 */
describe('duplicate suggestions, measured on the fixtures and written pairs', () => {
  const set = labelledSet();

  it('moderators ("possibly the same as"): through the English translations', () => {
    const measured = measureModeratorSuggestions(set, SIMILAR_QUESTIONS_MAX);
    console.info(report('moderators', measured), '\n  wrong:', measured.wrong, '\n  missed:', measured.missed);
    expect(measured.precision).toBeGreaterThanOrEqual(0.8);
    expect(measured.recall).toBeGreaterThanOrEqual(0.6);
  });

  it('attendees before asking: the typed text in its own language only', () => {
    const measured = measureAttendeeSuggestions(set, SIMILAR_QUESTIONS_MAX);
    console.info(report('attendees', measured), '\n  wrong:', measured.wrong, '\n  missed:', measured.missed);
    expect(measured.precision).toBeGreaterThanOrEqual(0.8);
  });

  it('suggests none of the same-topic pairs that ask different things', () => {
    const measured = measureModeratorSuggestions(set, SIMILAR_QUESTIONS_MAX);
    const sameTopic = labelled.sameTopic.map(([a = '', b = '']) => (a < b ? `${a} ~ ${b}` : `${b} ~ ${a}`));
    const suggested = sameTopic.filter((pair) => measured.wrong.includes(pair));
    console.info(`same-topic pairs suggested: ${suggested.length}/${sameTopic.length}`, suggested);
    expect(suggested.length).toBeLessThanOrEqual(3);
  });
});
