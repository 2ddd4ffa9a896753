import { buildSurvey, summarizeSurvey, surveyEditRefusal, surveyMove, surveySetupRefusal, type SurveySetupRefusal } from '@jisr/core/surveys';
import { Id } from '@jisr/protocol/common';
import { SurveyInput, type Survey, type SurveyWithResults } from '@jisr/protocol/survey';
import { newId } from '@jisr/store/ids';
import { Router, type Request } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { parse } from '../http/respond.js';
import { authorizeInEvent, eventById } from '../http/staff-auth.js';

const SETUP_REFUSALS: Record<SurveySetupRefusal, string> = {
  too_few_options: 'must have two options at least for this kind of question',
  options_not_allowed: 'this kind of question takes no options',
  bad_correct_option: 'a survey question has no correct answer',
  max_choices_over_options: 'allows more choices than there are options',
  translation_labels: 'must give one label per option, in the order of the options',
};

/** Question and option ids are positions in the survey (i1, i2, …): short, stable, unique within it. */
function positions(): () => string {
  let next = 0;
  return () => `i${++next}`;
}

/**
 * The organizers' event surveys (DESIGN 4b, issue 22), all under `/api/events/:id/surveys`
 * so the HTTP audit records every write: create and edit drafts, open, close, delete; the
 * list carries each survey's results (core's summary: never who answered). Opening or
 * closing one tells the event's pages (`agenda:refresh`, reason `surveys`).
 */
export function surveyRoutes(ctx: AppContext): Router {
  const router = Router();

  async function organizersEvent(req: Request) {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    return event;
  }

  async function surveyOf(eventId: string, req: Request): Promise<Survey> {
    const survey = await ctx.store.getSurvey(eventId, parse(Id, req.params['surveyId']));
    if (!survey) throw new AppError('not_found', 'No such survey in this event.', 'surveyId');
    return survey;
  }

  function checked(body: unknown) {
    const input = parse(SurveyInput, body);
    const refusal = surveySetupRefusal(input);
    if (refusal) throw new AppError('invalid_input', `${refusal.field}: ${SETUP_REFUSALS[refusal.reason]}`, refusal.field);
    return input;
  }

  router.get('/events/:id/surveys', async (req, res) => {
    const event = await organizersEvent(req);
    const surveys = await ctx.store.listSurveys(event.id);
    const body: SurveyWithResults[] = await Promise.all(
      surveys.map(async (survey) => ({ survey, results: summarizeSurvey(survey, await ctx.store.listSurveyAnswers(event.id, survey.id)) })),
    );
    res.status(200).set('cache-control', 'no-store').json(body);
  });

  router.post('/events/:id/surveys', async (req, res) => {
    const event = await organizersEvent(req);
    const input = checked(req.body);
    const base = { id: newId('survey'), eventId: event.id, state: 'draft' as const, createdAt: ctx.clock.now().toISOString() };
    res.status(201).json(await ctx.store.createSurvey(buildSurvey(input, base, positions())));
  });

  router.put('/events/:id/surveys/:surveyId', async (req, res) => {
    const event = await organizersEvent(req);
    const survey = await surveyOf(event.id, req);
    const input = checked(req.body);
    if (surveyEditRefusal(survey)) throw new AppError('closed', 'Only a draft survey changes its questions: its answers were given to these.');
    const { id, eventId, state, createdAt } = survey;
    res.json(await ctx.store.replaceSurvey(buildSurvey(input, { id, eventId, state, createdAt }, positions()), 'draft'));
  });

  for (const to of ['open', 'close'] as const) {
    router.post(`/events/:id/surveys/:surveyId/${to}`, async (req, res) => {
      const event = await organizersEvent(req);
      const survey = await surveyOf(event.id, req);
      const moved = surveyMove(survey, to, ctx.clock.now());
      if (!moved) throw new AppError('conflict', to === 'open' ? 'This survey is open already.' : 'Only an open survey closes.');
      const stored = await ctx.store.replaceSurvey(moved, survey.state);
      ctx.events.publish({ type: 'agenda.refresh', eventId: event.id, reason: 'surveys' });
      res.json(stored);
    });
  }

  router.delete('/events/:id/surveys/:surveyId', async (req, res) => {
    const event = await organizersEvent(req);
    const survey = await surveyOf(event.id, req);
    await ctx.store.deleteSurvey(event.id, survey.id);
    if (survey.state === 'open') ctx.events.publish({ type: 'agenda.refresh', eventId: event.id, reason: 'surveys' });
    res.json({ id: survey.id });
  });

  return router;
}
