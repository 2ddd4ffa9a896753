import type { SurveyAnswerRecord } from '@jisr/core/surveys';
import type { Survey } from '@jisr/protocol/survey';
import { describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import { StoreConflict, StoreNotFound } from '../store.js';
import { newEvent, seedSession, type StoreUnderTest } from './fixtures.js';

function survey(eventId: string, overrides: Partial<Survey> = {}): Survey {
  return {
    id: newId('survey'),
    eventId,
    title: { fr: 'Votre avis', ar: 'رأيكم' },
    lang: 'fr',
    questions: [
      { id: 'si_rate', kind: 'rating', prompt: 'Note ?', options: [], settings: { scaleMax: 10 } },
      {
        id: 'si_back',
        kind: 'single',
        prompt: 'Reviendrez-vous ?',
        options: [{ id: 'si_yes', label: 'Oui' }, { id: 'si_no', label: 'Non' }],
        settings: {},
        translations: { ar: { prompt: 'هل ستعود؟', options: ['نعم', 'لا'] } },
      },
      { id: 'si_word', kind: 'text', prompt: 'Un mot ?', options: [], settings: {} },
    ],
    state: 'draft',
    createdAt: '2026-12-05T08:00:00.000Z',
    ...overrides,
  };
}

function answer(surveyId: string, overrides: Partial<SurveyAnswerRecord> = {}): SurveyAnswerRecord {
  return {
    surveyId,
    authorKey: 'p:pa_amal',
    answers: [{ questionId: 'si_rate', ballot: { value: 8 } }, { questionId: 'si_word', ballot: { text: 'Bravo' }, held: true }],
    clientId: 'sv-amal-1',
    answeredAt: '2026-12-05T10:00:00.000Z',
    ...overrides,
  };
}

/** Event surveys: stored whole, moved only from the state expected, answered once per person, attendee data. */
export function surveyContract(store: StoreUnderTest): void {
  describe('event surveys', () => {
    it('createSurvey stores it as given; getSurvey and listSurveys (creation order) find it', async () => {
      const { event } = await seedSession(store());
      const first = survey(event.id);
      const second = survey(event.id, { title: { en: 'Second' }, lang: 'en' });
      expect(await store().createSurvey(first)).toStrictEqual(first);
      await store().createSurvey(second);
      expect(await store().getSurvey(event.id, first.id)).toStrictEqual(first);
      expect(await store().listSurveys(event.id)).toStrictEqual([first, second]);
      expect(await store().getSurvey(event.id, 'sv_unknown')).toBeNull();
      expect(await store().listSurveys('ev_unknown')).toStrictEqual([]);
      await expect(store().createSurvey(survey('ev_unknown'))).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().createSurvey(first)).rejects.toBeInstanceOf(StoreConflict);
    });

    it('replaceSurvey changes it only from the state expected (StoreConflict otherwise, nothing changed)', async () => {
      const { event } = await seedSession(store());
      const draft = await store().createSurvey(survey(event.id));
      const opened: Survey = { ...draft, state: 'open', openedAt: '2026-12-05T09:00:00.000Z' };
      expect(await store().replaceSurvey(opened, 'draft')).toStrictEqual(opened);
      await expect(store().replaceSurvey({ ...draft, title: { fr: 'Changé' } }, 'draft')).rejects.toBeInstanceOf(StoreConflict);
      expect(await store().getSurvey(event.id, draft.id)).toStrictEqual(opened);
      await expect(store().replaceSurvey(survey(event.id), 'draft')).rejects.toBeInstanceOf(StoreNotFound);
    });

    it('answerSurvey takes one answer per person while open; a resend gets it back; a second send is refused', async () => {
      const { event } = await seedSession(store());
      const draft = await store().createSurvey(survey(event.id));
      expect(await store().answerSurvey(event.id, answer(draft.id))).toStrictEqual({ outcome: 'closed' });
      await store().replaceSurvey({ ...draft, state: 'open' }, 'draft');
      const amal = answer(draft.id);
      const sends = await Promise.all([store().answerSurvey(event.id, amal), store().answerSurvey(event.id, { ...amal, answeredAt: '2026-12-05T10:00:03.000Z' })]);
      expect(sends.map((sent) => sent.outcome).sort()).toStrictEqual(['resent', 'stored']);
      expect(sends.map((sent) => ('value' in sent ? sent.value : null))).toStrictEqual([amal, amal]);
      const again = await store().answerSurvey(event.id, { ...amal, clientId: 'sv-amal-2', answers: [{ questionId: 'si_rate', ballot: { value: 1 } }] });
      expect(again).toStrictEqual({ outcome: 'answered_before', value: amal });
      const karim = answer(draft.id, { authorKey: 'p:pa_karim', clientId: 'sv-karim-1', answeredAt: '2026-12-05T09:59:00.000Z', answers: [{ questionId: 'si_back', ballot: { optionId: 'si_no' } }] });
      expect(await store().answerSurvey(event.id, karim)).toStrictEqual({ outcome: 'stored', value: karim });
      expect(await store().listSurveyAnswers(event.id, draft.id)).toStrictEqual([karim, amal]);
      expect(await store().getSurveyAnswer(event.id, draft.id, 'p:pa_amal')).toStrictEqual(amal);
      expect(await store().getSurveyAnswer(event.id, draft.id, 'p:pa_nobody')).toBeNull();
      // Closed: a resend still gets its answer back, a new one is refused.
      await store().replaceSurvey({ ...draft, state: 'closed' }, 'open');
      expect(await store().answerSurvey(event.id, amal)).toStrictEqual({ outcome: 'resent', value: amal });
      expect(await store().answerSurvey(event.id, answer(draft.id, { authorKey: 'p:pa_late', clientId: 'sv-late-1' }))).toStrictEqual({ outcome: 'closed' });
      await expect(store().answerSurvey(event.id, answer('sv_unknown'))).rejects.toBeInstanceOf(StoreNotFound);
    });

    it('keeps events apart: a survey is found only under its own event', async () => {
      const { user, event } = await seedSession(store());
      const other = { event: await store().createEvent(newEvent(user.id, { code: 'OTHER1' })) };
      const mine = await store().createSurvey(survey(event.id, { state: 'open' }));
      expect(await store().getSurvey(other.event.id, mine.id)).toBeNull();
      await expect(store().answerSurvey(other.event.id, answer(mine.id))).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().deleteSurvey(other.event.id, mine.id)).rejects.toBeInstanceOf(StoreNotFound);
    });

    it('deleteSurvey takes its answers; deleteEvent takes all', async () => {
      const { event } = await seedSession(store());
      const gone = await store().createSurvey(survey(event.id, { state: 'open' }));
      const kept = await store().createSurvey(survey(event.id, { state: 'open' }));
      await store().answerSurvey(event.id, answer(gone.id));
      await store().answerSurvey(event.id, answer(kept.id));
      await store().deleteSurvey(event.id, gone.id);
      expect(await store().listSurveys(event.id)).toStrictEqual([kept]);
      expect(await store().listSurveyAnswers(event.id, gone.id)).toStrictEqual([]);
      await expect(store().deleteSurvey(event.id, gone.id)).rejects.toBeInstanceOf(StoreNotFound);
      await store().deleteEvent(event.id);
      expect(await store().listSurveys(event.id)).toStrictEqual([]);
      expect(await store().listSurveyAnswers(event.id, kept.id)).toStrictEqual([]);
    });

    it('answers are attendee data: a whole-event reset and the purge take them, the surveys stay; a session reset does not', async () => {
      const { event, session } = await seedSession(store());
      const open = await store().createSurvey(survey(event.id, { state: 'open' }));
      await store().answerSurvey(event.id, answer(open.id));
      await store().resetLiveData(event.id, session.id);
      expect(await store().listSurveyAnswers(event.id, open.id)).toHaveLength(1);
      await store().resetLiveData(event.id);
      expect(await store().listSurveyAnswers(event.id, open.id)).toStrictEqual([]);
      expect(await store().listSurveys(event.id)).toStrictEqual([open]);
      await store().answerSurvey(event.id, answer(open.id));
      await store().purgeAttendeeData(event.id, '2027-01-01T00:00:00.000Z');
      expect(await store().listSurveyAnswers(event.id, open.id)).toStrictEqual([]);
      expect(await store().listSurveys(event.id)).toStrictEqual([open]);
    });

    it('travel in the event dump with their answers, and a duplicate takes them as drafts without answers', async () => {
      const { user, event } = await seedSession(store());
      const open = await store().createSurvey(survey(event.id, { state: 'open', openedAt: '2026-12-05T09:00:00.000Z' }));
      await store().answerSurvey(event.id, answer(open.id));
      const dump = await store().exportEvent(event.id);
      expect(dump.surveys).toStrictEqual([{ ...open, answers: [{ authorKey: 'p:pa_amal', answers: answer(open.id).answers, clientId: 'sv-amal-1', answeredAt: '2026-12-05T10:00:00.000Z' }] }]);
      const copy = await store().duplicateEvent(event.id, { code: 'SRV27', startDate: '2027-06-14', ownerId: user.id, at: '2027-01-02T09:00:00.000Z' });
      const [copied] = await store().listSurveys(copy.id);
      const { id: _id, eventId: _event, state: _state, openedAt: _opened, createdAt: _created, ...same } = open;
      expect(copied).toMatchObject({ ...same, eventId: copy.id, state: 'draft', createdAt: '2027-01-02T09:00:00.000Z' });
      expect(copied?.id).not.toBe(open.id);
      expect(copied?.openedAt).toBeUndefined();
      expect(await store().listSurveyAnswers(copy.id, copied?.id ?? '')).toStrictEqual([]);
      await store().deleteEvent(event.id);
      await store().importEvent(dump);
      expect(await store().listSurveys(event.id)).toStrictEqual([open]);
      expect(await store().listSurveyAnswers(event.id, open.id)).toStrictEqual([answer(open.id)]);
      expect((await store().exportEvent(event.id)).surveys).toStrictEqual(dump.surveys);
    });
  });
}
