import { Id } from '@jisr/protocol/common';
import { sortQuestions, toPublicQuestion } from '@jisr/core/questions';
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { questionsCsv } from '../qa/questions-csv.js';
import { parse } from './respond.js';
import { authorizeInEvent, eventById } from './staff-auth.js';

export function sessionRoutes(ctx: AppContext): Router {
  const router = Router();
  /** Every question of a session, for the organizer's records (staff only). */
  router.get('/sessions/:id/questions.csv', async (req, res) => {
    const session = await ctx.store.getSession(parse(Id, req.params['id']));
    if (!session) throw new AppError('not_found', 'No such session.');
    await authorizeInEvent(ctx, req, await eventById(ctx, session.eventId), 'question:view-hidden', session.id);
    const questions = sortQuestions((await ctx.store.listQuestions(session.id)).map(toPublicQuestion), 'popular');
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .attachment(`questions-${session.id}.csv`)
      .send(questionsCsv(questions));
  });
  return router;
}
