import { SurveyInput, type Survey } from '@jisr/protocol/survey';
import { describe, expect, it } from 'vitest';
import { draftOf, emptyQuestion, inputOf } from './survey-form.js';

describe('survey form', () => {
  it('sends what the organizer typed, options and translations only where they belong', () => {
    const draft = draftOf(undefined, 'fr');
    draft.title = { fr: ' Votre avis ', ar: '', de: 'Ihre Meinung' };
    const rating = draft.questions[0]!;
    rating.prompt = 'Note ?';
    rating.options = 'left over\nfrom a choice';
    rating.scaleMax = 10;
    const choice = emptyQuestion('single');
    choice.prompt = 'Revenir ?';
    choice.options = 'Oui\n\n  Non  \n';
    choice.translations.ar = { prompt: 'هل ستعود؟', options: 'نعم\nلا' };
    choice.translations.fr = { prompt: 'ignored: the survey’s own language', options: '' };
    choice.translations.es = { prompt: 'not an event language', options: 'Sí\nNo' };
    draft.questions.push(choice);
    const input = inputOf(draft, ['fr', 'ar']);
    expect(input).toEqual({
      title: { fr: ' Votre avis ' },
      lang: 'fr',
      questions: [
        { kind: 'rating', prompt: 'Note ?', options: [], settings: { scaleMax: 10 } },
        { kind: 'single', prompt: 'Revenir ?', options: ['Oui', 'Non'], settings: {}, translations: { ar: { prompt: 'هل ستعود؟', options: ['نعم', 'لا'] } } },
      ],
    });
    expect(SurveyInput.safeParse(input).success).toBe(true);
  });

  it('reads a draft back into the form as it was sent', () => {
    const survey: Survey = {
      id: 'sv_1',
      eventId: 'ev_1',
      title: { en: 'Feedback' },
      lang: 'en',
      questions: [{ id: 'i1', kind: 'ranking', prompt: 'Rank', options: [{ id: 'i2', label: 'A' }, { id: 'i3', label: 'B' }], settings: {}, translations: { nl: { prompt: 'Rangschik', options: ['A', 'B'] } } }],
      state: 'draft',
      createdAt: '2026-12-05T08:00:00.000Z',
    };
    const draft = draftOf(survey, 'fr');
    expect(draft.questions[0]).toMatchObject({ kind: 'ranking', options: 'A\nB', translations: { nl: { prompt: 'Rangschik', options: 'A\nB' } } });
    expect(inputOf(draft, ['en', 'nl'])).toEqual({
      title: { en: 'Feedback' },
      lang: 'en',
      questions: [{ kind: 'ranking', prompt: 'Rank', options: ['A', 'B'], settings: {}, translations: { nl: { prompt: 'Rangschik', options: ['A', 'B'] } } }],
    });
  });
});
