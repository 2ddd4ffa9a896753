import { createHash } from 'node:crypto';
import { newSessionQa } from '@jisr/core/agenda-rules';
import { can } from '@jisr/core/permissions';
import {
  IcsQuery,
  SessionCreateRequest,
  type AgendaImportResult,
  type AnnouncementsResponse,
  type SessionChangeResponse,
  type SessionResponse,
} from '@jisr/protocol/admin';
import { AnnounceInput, SessionEditRequest } from '@jisr/protocol/agenda';
import { Id } from '@jisr/protocol/common';
import { JoinCode } from '@jisr/protocol/event';
import type { EventRecord } from '@jisr/store/store';
import { StoreConflict } from '@jisr/store/store';
import express, { Router, type Request } from 'express';
import { agendaCsv, planAgendaImport, type AgendaData } from '../agenda/agenda-csv.js';
import { agendaIcs } from '../agenda/agenda-ics.js';
import { createSession, updateSession } from '../agenda/agenda-service.js';
import { announce, authorizeAnnouncer, currentAnnouncements } from '../agenda/announcements.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { eventByCode } from './event-by-code.js';
import { publicEvent } from './public-event.js';
import { parse } from './respond.js';
import { authorizeInEvent, bearerClaims, eventById } from './staff-auth.js';

/** Largest agenda CSV accepted: 2,000 sessions with long descriptions fit in far less. */
const MAX_CSV_BYTES = 1024 * 1024;

async function agendaData(ctx: AppContext, event: EventRecord): Promise<AgendaData> {
  const [rooms, sessions, speakers] = await Promise.all([
    ctx.store.listRooms(event.id),
    ctx.store.listSessions(event.id),
    ctx.store.listSpeakers(event.id),
  ]);
  return { event: publicEvent(event), rooms, sessions, speakers };
}

async function sessionWithEvent(ctx: AppContext, req: Request): Promise<{ sessionId: string; event: EventRecord }> {
  const session = await ctx.store.getSession(parse(Id, req.params['id']));
  if (!session) throw new AppError('not_found', 'No such session.');
  return { sessionId: session.id, event: await eventById(ctx, session.eventId) };
}

/** A `?dryRun=1` (or true) query flag. */
function isDryRun(req: Request): boolean {
  const value = req.query['dryRun'];
  return value === '1' || value === 'true';
}

/** Names repeated in the query (`?use=Grand salle&use=Nadia Benalli`), at most 200 of 200 characters. */
function queryNames(req: Request, key: string): string[] {
  const value = req.query[key];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((name): name is string => typeof name === 'string' && name.length <= 200).slice(0, 200);
}

/** Sessions (organizer CRUD, live operations), the agenda as CSV and iCalendar, announcements. */
export function agendaRoutes(ctx: AppContext): Router {
  const router = Router();

  router.post('/events/:id/sessions', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    const session = await createSession(ctx, event, parse(SessionCreateRequest, req.body));
    const body: SessionResponse = { session };
    res.status(201).json(body);
  });

  /**
   * Live operations (organizers and moderators of the event or the session) and the
   * organizer's edits; Q&A settings as `session:settings` allows them.
   */
  router.patch('/sessions/:id', async (req, res) => {
    const { sessionId, event } = await sessionWithEvent(ctx, req);
    const actor = await authorizeInEvent(ctx, req, event, 'agenda:update', sessionId);
    const patch = parse(SessionEditRequest, req.body);
    const scope = { eventId: event.id, sessionId };
    const edits = patch.kind !== undefined || patch.title !== undefined || patch.description !== undefined || patch.speakerIds !== undefined;
    if (edits && !can(actor, 'event:manage', scope)) throw new AppError('forbidden', 'Only organizers edit what a session is.');
    if (patch.qa !== undefined && !can(actor, 'question:moderate', scope)) throw new AppError('forbidden', 'You may not change Q&A settings here.');
    const { session, cascaded } = await updateSession(ctx, event, actor, sessionId, patch);
    const body: SessionChangeResponse = { session, cascaded };
    res.json(body);
  });

  router.delete('/sessions/:id', async (req, res) => {
    const { sessionId, event } = await sessionWithEvent(ctx, req);
    await authorizeInEvent(ctx, req, event, 'event:manage');
    try {
      await ctx.store.deleteSession(sessionId);
    } catch (error) {
      if (error instanceof StoreConflict) {
        throw new AppError('conflict', 'This session has questions or polls: cancel it instead of deleting it.');
      }
      throw error;
    }
    ctx.events.publish({ type: 'agenda.refresh', eventId: event.id, reason: 'sessions' });
    res.status(204).end();
  });

  router.get('/events/:id/agenda.csv', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    const csv = agendaCsv(await agendaData(ctx, event));
    res.status(200).type('text/csv; charset=utf-8').attachment(`agenda-${event.code}.csv`).send(csv);
  });

  /** Checks every line first; writes only when all are good, and never with `?dryRun=1`. */
  router.post('/events/:id/agenda.csv', express.text({ type: () => true, limit: MAX_CSV_BYTES }), async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    if (typeof req.body !== 'string' || req.body.trim() === '') throw new AppError('invalid_input', 'Send the agenda as CSV text in the body.', 'body');
    const data = await agendaData(ctx, event);
    const plan = planAgendaImport(req.body, data, { use: queryNames(req, 'use'), create: queryNames(req, 'create') });
    const result: AgendaImportResult = {
      dryRun: isDryRun(req),
      sessions: { created: plan.sessions.filter((s) => s.id === undefined).length, updated: plan.sessions.filter((s) => s.id !== undefined).length },
      rooms: { created: plan.newRooms },
      speakers: { created: plan.newSpeakers },
      problems: plan.problems,
      suggestions: plan.suggestions,
    };
    if (plan.problems.length > 0) {
      const first = plan.problems[0];
      const message = `${plan.problems.length} problem(s) in the CSV; first on line ${first?.line ?? 1}: ${first?.message ?? ''}`;
      throw new AppError('invalid_input', message, 'body', { problems: plan.problems });
    }
    if (!result.dryRun && plan.suggestions.length > 0) {
      const names = plan.suggestions.map((s) => `"${s.name}" (did you mean "${s.existing}"?)`).join(', ');
      throw new AppError('invalid_input', `Choose for ${names}: ?use= the existing one or ?create= a new one.`, 'suggestions', { suggestions: plan.suggestions });
    }
    if (!result.dryRun) {
      const rooms = new Map<string, string>();
      for (const room of data.rooms) for (const name of Object.values(room.name)) if (name) rooms.set(name.trim().toLocaleLowerCase(), room.id);
      let position = Math.max(-1, ...data.rooms.map((room) => room.position));
      for (const name of plan.newRooms) {
        const room = await ctx.store.createRoom({ eventId: event.id, name: { [event.defaultLang]: name }, position: ++position });
        rooms.set(name.trim().toLocaleLowerCase(), room.id);
      }
      const speakers = new Map(data.speakers.map((speaker) => [speaker.name.trim().toLocaleLowerCase(), speaker.id]));
      for (const name of plan.newSpeakers) {
        const speaker = await ctx.store.createSpeaker({ eventId: event.id, name, bio: {} });
        speakers.set(name.trim().toLocaleLowerCase(), speaker.id);
      }
      const idOf = (map: Map<string, string>, name: string) => map.get(name.trim().toLocaleLowerCase()) ?? '';
      const fields = (item: (typeof plan.sessions)[number]) => ({
        roomId: idOf(rooms, item.roomName),
        kind: item.kind,
        title: item.title,
        description: item.description,
        startsAt: item.startsAt,
        endsAt: item.endsAt,
        speakerIds: [...new Set(item.speakerNames.map((name) => idOf(speakers, name)))],
      });
      const updates = plan.sessions.flatMap((item) => (item.id === undefined ? [] : [{ sessionId: item.id, change: fields(item) }]));
      if (updates.length > 0) await ctx.store.updateSessions(event.id, updates);
      for (const item of plan.sessions) {
        if (item.id !== undefined) continue;
        await ctx.store.createSession({ eventId: event.id, ...fields(item), status: 'scheduled', delayMinutes: 0, qa: newSessionQa(event, item.kind) });
      }
      ctx.events.publish({ type: 'agenda.refresh', eventId: event.id, reason: 'import' });
    }
    res.json(result);
  });

  /** Public, like the agenda page: anyone with the code may subscribe. */
  router.get('/events/:code/agenda.ics', async (req, res) => {
    const event = await eventByCode(ctx, req, res, parse(JoinCode, req.params['code']));
    const query = parse(IcsQuery, req.query);
    const data = await agendaData(ctx, event);
    let sessions = data.sessions;
    if (query.sessions) {
      const known = new Set(sessions.map((session) => session.id));
      const unknown = query.sessions.filter((id) => !known.has(id));
      if (unknown.length > 0) throw new AppError('invalid_input', `sessions: not sessions of this event: ${unknown.join(', ')}`, 'sessions');
      const chosen = new Set(query.sessions);
      sessions = sessions.filter((session) => chosen.has(session.id));
    }
    const lang = query.lang ?? event.defaultLang;
    // The ETag is the agenda's content: a calendar app polling an unchanged agenda gets 304.
    const etag = `"${createHash('sha256').update(JSON.stringify({ ...data, sessions, lang })).digest('base64url').slice(0, 27)}"`;
    res.set({ ETag: etag, 'Cache-Control': 'no-cache' });
    if (req.get('if-none-match') === etag) {
      res.status(304).end();
      return;
    }
    const ics = agendaIcs({
      ...data,
      sessions,
      lang,
      sessionUrl: (session) => `${ctx.config.PUBLIC_URL}/e/${event.code}/s/${session.id}`,
    });
    res.status(200).type('text/calendar; charset=utf-8').attachment(`${event.code}${query.sessions ? '-mine' : ''}.ics`).send(ics);
  });

  router.post('/events/:id/announcements', async (req, res) => {
    const claims = await bearerClaims(ctx, req);
    const event = await authorizeAnnouncer(ctx, { claims }, parse(Id, req.params['id']));
    const input = parse(AnnounceInput, { ...(typeof req.body === 'object' && req.body !== null ? req.body : {}), eventId: event.id });
    res.status(201).json(await announce(ctx, event, input));
  });

  router.get('/events/:id/announcements', async (req, res) => {
    const claims = await bearerClaims(ctx, req);
    const event = await authorizeAnnouncer(ctx, { claims }, parse(Id, req.params['id']));
    const body: AnnouncementsResponse = { announcements: await currentAnnouncements(ctx, event.id) };
    res.json(body);
  });

  router.delete('/events/:id/announcements/:announcementId', async (req, res) => {
    const claims = await bearerClaims(ctx, req);
    const event = await authorizeAnnouncer(ctx, { claims }, parse(Id, req.params['id']));
    const announcement = await ctx.store.deleteAnnouncement(event.id, parse(Id, req.params['announcementId']));
    ctx.events.publish({ type: 'announcement.removed', announcement });
    res.status(204).end();
  });

  return router;
}
