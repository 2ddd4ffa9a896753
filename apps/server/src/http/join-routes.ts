import { participantJoined } from '@jisr/core/insights';
import { JoinRequest, type JoinResponse } from '@jisr/protocol/http';
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { eventByCode } from './event-by-code.js';
import { limitRefusal } from './limit-refusal.js';
import { publicEvent } from './public-event.js';
import { acceptableName } from '../input/display-name.js';
import { parse } from './respond.js';

/** Attendees join with the event's code alone: no account, an optional name. */
export function joinRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/join', async (req, res) => {
    const verdict = await ctx.limiters.join(req.ip ?? '');
    if (!verdict.ok) throw limitRefusal(res, verdict, 'Too many joins from this network: try again in a minute.');
    const input = parse(JoinRequest, req.body);
    const event = await eventByCode(ctx, req, res, input.code);
    const lang = input.lang && event.languages.includes(input.lang) ? input.lang : (input.lang ?? event.defaultLang);
    const name = acceptableName(ctx, input.name ? input.name : undefined);
    const participant = await ctx.store.createParticipant({ eventId: event.id, lang, ...(name ? { name } : {}) });
    ctx.insights.count(event.id, participantJoined(participant, ctx.clock.now()));
    const token = await ctx.tokens.sign({ kind: 'participant', participantId: participant.id, eventId: event.id });
    const body: JoinResponse = { token, participant, event: publicEvent(event) };
    res.status(201).json(body);
  });
  return router;
}
