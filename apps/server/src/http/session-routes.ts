import { Id } from '@jisr/protocol/common';
import { sortQuestions, toPublicQuestion } from '@jisr/core/questions';
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { pollResultsCsv } from '../polls/results-csv.js';
import { questionsCsv } from '../qa/questions-csv.js';
import { parse } from './respond.js';
import { authorizeInEvent, eventById } from './staff-auth.js';

export function sessionRoutes(ctx: AppContext): Router {
  const router = Router();
  /** Every question of a session, for the organizer's records (staff only). */
  router.get('/sessions/:id/questions.csv', async (req, res) => {
    const session = await ctx.store.getSession(parse(Id, req.params['id']));
    if (!session) throw new AppError('not_found', 'No such session.');
    const event = await eventById(ctx, session.eventId);
    await authorizeInEvent(ctx, req, event, 'question:view-hidden', session.id);
    const questions = sortQuestions((await ctx.store.listQuestions(session.id)).map(toPublicQuestion), 'popular');
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .attachment(`questions-${session.id}.csv`)
      .send(questionsCsv(questions, event.timeZone));
  });
  /** A poll's results for the organizer's records (staff and speakers of the session). */
  router.get('/polls/:id/results.csv', async (req, res) => {
    const poll = await ctx.store.getPoll(parse(Id, req.params['id']));
    if (!poll) throw new AppError('not_found', 'No such poll.');
    const session = await ctx.store.getSession(poll.sessionId);
    if (!session) throw new AppError('not_found', 'No such poll.');
    const event = await eventById(ctx, session.eventId);
    await authorizeInEvent(ctx, req, event, 'poll:view-hidden-results', session.id);
    const [tally, answers] = await Promise.all([ctx.tallies.current(poll.id), ctx.store.listTextAnswers(poll.id)]);
    if (!tally) throw new AppError('not_found', 'No such poll.');
    res.status(200).type('text/csv; charset=utf-8').attachment(`poll-${poll.id}.csv`).send(pollResultsCsv(poll, tally, answers, event.timeZone));
  });
  return router;
}
