import { SurveyInput, type Survey } from '@jisr/protocol/survey';
import { describe, expect, it } from 'vitest';
import { isMutedInEvent, type MuteRecord } from './mutes.js';
import { buildSurvey, storedAnswers, summarizeSurvey, surveyAnswersRefusal, surveyEditRefusal, surveyMove, surveySetupRefusal, type SurveyAnswerRecord } from './surveys.js';

const input = SurveyInput.parse({
  title: { fr: 'Votre avis', ar: '' },
  lang: 'fr',
  questions: [
    { kind: 'rating', prompt: 'Note ?' },
    { kind: 'single', prompt: 'Revenir ?', options: ['Oui', 'Non'], translations: { ar: { prompt: 'هل ستعود؟', options: ['نعم', 'لا'] }, fr: { prompt: 'x', options: ['a', 'b'] } } },
    { kind: 'ranking', prompt: 'Classez', options: ['A', 'B', 'C'] },
    { kind: 'text', prompt: 'Un mot ?' },
  ],
});
let next = 0;
const survey: Survey = buildSurvey(input, { id: 'sv_1', eventId: 'ev_1', state: 'open', createdAt: '2026-12-05T08:00:00.000Z' }, () => `id${++next}`);
const [rating, single, ranking, text] = survey.questions as [Survey['questions'][number], Survey['questions'][number], Survey['questions'][number], Survey['questions'][number]];

const record = (n: number, answers: SurveyAnswerRecord['answers']): SurveyAnswerRecord => ({
  surveyId: 'sv_1',
  authorKey: `p:${n}`,
  answers,
  clientId: `client-${n}`,
  answeredAt: `2026-12-05T10:0${n}:00.000Z`,
});

describe('event surveys', () => {
  it('are built like poll drafts: ids made, empty title languages and own-language translations dropped', () => {
    expect(survey.title).toEqual({ fr: 'Votre avis' });
    expect(single.options.map((option) => option.label)).toEqual(['Oui', 'Non']);
    expect(Object.keys(single.translations ?? {})).toEqual(['ar']);
    expect(new Set(survey.questions.flatMap((q) => [q.id, ...q.options.map((o) => o.id)])).size).toBe(9);
  });

  it('refuse a question built against the poll rules, naming it', () => {
    const bad = SurveyInput.parse({ title: { en: 'T' }, lang: 'en', questions: [{ kind: 'rating', prompt: 'ok' }, { kind: 'single', prompt: 'one option', options: ['only'] }] });
    expect(surveySetupRefusal(bad)).toEqual({ field: 'questions.1.options', reason: 'too_few_options' });
    const labels = SurveyInput.parse({ title: { en: 'T' }, lang: 'en', questions: [{ kind: 'single', prompt: 'p', options: ['a', 'b'], translations: { de: { prompt: 'p', options: ['a'] } } }] });
    expect(surveySetupRefusal(labels)).toEqual({ field: 'questions.0.translations.de.options', reason: 'translation_labels' });
    expect(surveySetupRefusal(input)).toBeNull();
  });

  it('check each answer with the ballot rules of its question kind', () => {
    expect(surveyAnswersRefusal(survey, [{ questionId: rating.id, ballot: { value: 4 } }])).toBeNull();
    expect(surveyAnswersRefusal(survey, [{ questionId: rating.id, ballot: { value: 9 } }])).toEqual({ field: 'answers.0.ballot', reason: 'out_of_range' });
    expect(surveyAnswersRefusal(survey, [{ questionId: 'nope', ballot: { value: 1 } }])).toEqual({ field: 'answers.0.questionId', reason: 'unknown_question' });
    expect(surveyAnswersRefusal(survey, [{ questionId: single.id, ballot: { text: 'hi' } }])).toEqual({ field: 'answers.0.ballot', reason: 'wrong_shape' });
    const twice = [{ questionId: rating.id, ballot: { value: 1 } }, { questionId: rating.id, ballot: { value: 2 } }];
    expect(surveyAnswersRefusal(survey, twice)).toEqual({ field: 'answers.1.questionId', reason: 'duplicate_question' });
    expect(surveyAnswersRefusal(survey, [{ questionId: ranking.id, ballot: { order: [ranking.options[0]!.id] } }])).toEqual({ field: 'answers.0.ballot', reason: 'incomplete_ranking' });
  });

  it('sum up per question: distribution, rating mean, ranking points, open texts with held ones marked', () => {
    const [a, b, c] = ranking.options.map((option) => option.id) as [string, string, string];
    const records = [
      record(1, storedAnswers(survey, [{ questionId: text.id, ballot: { text: 'damn' } }, { questionId: rating.id, ballot: { value: 5 } }, { questionId: single.id, ballot: { optionId: single.options[0]!.id } }, { questionId: ranking.id, ballot: { order: [a, b, c] } }], (t) => t === 'damn')),
      record(2, storedAnswers(survey, [{ questionId: rating.id, ballot: { value: 2 } }, { questionId: ranking.id, ballot: { order: [b, a, c] } }, { questionId: text.id, ballot: { text: 'Merci' } }], () => false)),
    ];
    expect(records[0]!.answers.map((answer) => answer.questionId)).toEqual([rating.id, single.id, ranking.id, text.id]);
    const results = summarizeSurvey(survey, records);
    expect(results.respondents).toBe(2);
    const [r, s, k, t] = results.questions;
    expect(r!.tally).toMatchObject({ total: 2, average: 3.5, counts: { '1': 0, '2': 1, '5': 1 } });
    expect(s!.tally).toMatchObject({ total: 1, counts: { [single.options[0]!.id]: 1, [single.options[1]!.id]: 0 } });
    expect(k!.tally.ranking).toEqual([{ optionId: a, score: 3 }, { optionId: b, score: 3 }, { optionId: c, score: 0 }]);
    expect(t!.texts).toEqual([{ text: 'damn', answeredAt: '2026-12-05T10:01:00.000Z', held: true }, { text: 'Merci', answeredAt: '2026-12-05T10:02:00.000Z' }]);
  });

  it('change questions only as drafts; open and close as a state machine', () => {
    const now = new Date('2026-12-05T12:00:00.000Z');
    const draft: Survey = { ...survey, state: 'draft' };
    expect(surveyEditRefusal(draft)).toBeNull();
    expect(surveyEditRefusal(survey)).toBe('not_draft');
    const opened = surveyMove(draft, 'open', now);
    expect(opened).toMatchObject({ state: 'open', openedAt: now.toISOString() });
    expect(surveyMove(opened!, 'open', now)).toBeNull();
    const closed = surveyMove(opened!, 'close', now);
    expect(closed).toMatchObject({ state: 'closed', closedAt: now.toISOString() });
    expect(surveyMove(closed!, 'close', now)).toBeNull();
    expect(surveyMove(closed!, 'open', now)?.closedAt).toBeUndefined();
  });

  it('stop answers of a participant muted for the event, not for one session', () => {
    const mute = (scope: MuteRecord['scope'], until?: string): MuteRecord => ({ id: 'm', eventId: 'ev_1', sessionId: 'se_1', scope, participantId: 'pa_1', questionId: 'q', excerpt: '', createdAt: '', ...(until ? { until } : {}) });
    const now = new Date('2026-12-05T12:00:00.000Z');
    expect(isMutedInEvent([mute('event')], 'pa_1', now)).toBe(true);
    expect(isMutedInEvent([mute('session')], 'pa_1', now)).toBe(false);
    expect(isMutedInEvent([mute('event', '2026-12-05T11:00:00.000Z')], 'pa_1', now)).toBe(false);
    expect(isMutedInEvent([mute('event')], 'pa_2', now)).toBe(false);
  });
});
