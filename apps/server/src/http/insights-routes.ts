import { Id } from '@jisr/protocol/common';
import { Router, type Request } from 'express';
import type { AppContext } from '../context.js';
import { csv, exportCsvFiles, exportEvent } from '../insights/event-export.js';
import { feedbackCsvRows, readEventFeedback } from '../feedback/feedback-export.js';
import { contentFallbacks, pickText } from '@jisr/core/localize';
import { readInsights, readReport } from '../insights/insights-reader.js';
import { zip } from '../insights/zip.js';
import { spreadsheetSafe } from './csv-cell.js';
import { parse } from './respond.js';
import { authorizeInEvent, eventById } from './staff-auth.js';

/** Only the event's organizers see its insights and take its data away. */
async function organizersEvent(ctx: AppContext, req: Request) {
  const event = await eventById(ctx, parse(Id, req.params['id']));
  await authorizeInEvent(ctx, req, event, 'event:manage');
  return event;
}

/** The file name of an export: the join code, safe in a header. */
const fileName = (code: string, ext: string) => `jisr-${code.replace(/[^A-Za-z0-9_-]/g, '')}.${ext}`;

export function insightsRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/events/:id/insights', async (req, res) => {
    const event = await organizersEvent(ctx, req);
    res.status(200).set('cache-control', 'no-store').json(await readInsights(ctx, event));
  });
  router.get('/events/:id/report', async (req, res) => {
    const event = await organizersEvent(ctx, req);
    res.status(200).set('cache-control', 'no-store').json(await readReport(ctx, event));
  });
  router.get('/events/:id/feedback.csv', async (req, res) => {
    const event = await organizersEvent(ctx, req);
    const sessions = await ctx.store.listSessions(event.id);
    const titles = new Map(sessions.map((session) => [session.id, pickText(session.title, event.defaultLang, contentFallbacks(event))]));
    const rows = feedbackCsvRows(await readEventFeedback(ctx, sessions), (id) => spreadsheetSafe(titles.get(id) ?? ''), event.timeZone);
    res.status(200).set('cache-control', 'no-store').type('text/csv; charset=utf-8').attachment(`feedback-${event.code.replace(/[^A-Za-z0-9_-]/g, '')}.csv`).send(csv(rows));
  });
  router.get('/events/:id/export.json', async (req, res) => {
    const event = await organizersEvent(ctx, req);
    const data = await exportEvent(ctx, event);
    res.status(200).set('cache-control', 'no-store').attachment(fileName(event.code, 'json')).json(data);
  });
  router.get('/events/:id/export.zip', async (req, res) => {
    const event = await organizersEvent(ctx, req);
    const data = await exportEvent(ctx, event);
    const files = [...exportCsvFiles(data), { name: 'event.json', data: JSON.stringify(data, null, 2) }];
    res.status(200).set('cache-control', 'no-store').type('application/zip').attachment(fileName(event.code, 'zip')).send(zip(files, ctx.clock.now()));
  });
  return router;
}
