import { Id } from '@jisr/protocol/common';
import { SPEAKER_PHOTO_MAX_BYTES, SPEAKER_PHOTO_TYPES } from '@jisr/protocol/event';
import type { SpeakerResponse } from '@jisr/protocol/admin';
import express, { Router, type RequestHandler } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { resizeSpeakerPhoto } from '../speakers/photo-resize.js';
import { parse } from './respond.js';
import { authorizeInEvent, eventById } from './staff-auth.js';

/** A stored photo's URL carries its version: a new photo is a new URL, so this one never changes. */
const CACHE_FOR_GOOD = 'public, max-age=31536000, immutable';
const PHOTO_FILE = /^([0-9a-f]{16})\.webp$/;

const rawPhoto = express.raw({ type: () => true, limit: SPEAKER_PHOTO_MAX_BYTES });

/** The body as bytes; too large is the photo's fault, said on its field. */
const readPhoto: RequestHandler = (req, res, next) => {
  rawPhoto(req, res, (error?: unknown) => {
    if ((error as { type?: string } | undefined)?.type === 'entity.too.large') {
      next(new AppError('invalid_input', `photo: must be at most ${SPEAKER_PHOTO_MAX_BYTES / 1024 / 1024} MB`, 'photo'));
    } else next(error);
  });
};

/**
 * Speaker photos, uploaded by the event's organizers (PUT the image as the body, its type
 * as Content-Type), stored resized with the event and served by the app to anyone who sees
 * the agenda (it is public, as the speaker's name is).
 */
export function speakerPhotoRoutes(ctx: AppContext): Router {
  const router = Router();

  router.put('/events/:id/speakers/:speakerId/photo', async (req, res, next) => {
    // Who may, before reading megabytes of body.
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    const speakerId = parse(Id, req.params['speakerId']);
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!(SPEAKER_PHOTO_TYPES as readonly string[]).includes(type)) {
      throw new AppError('invalid_input', `photo: must be one of ${SPEAKER_PHOTO_TYPES.join(', ')}`, 'photo');
    }
    readPhoto(req, res, (error?: unknown) => {
      if (error) return next(error);
      void (async () => {
        const body = req.body as unknown;
        if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('invalid_input', 'photo: the body is empty', 'photo');
        const photo = await resizeSpeakerPhoto(body);
        const speaker = await ctx.store.setSpeakerPhoto(event.id, speakerId, photo);
        ctx.events.publish({ type: 'agenda.refresh', eventId: event.id, reason: 'speakers' });
        const answer: SpeakerResponse = { speaker };
        res.json(answer);
      })().catch(next);
    });
  });

  router.delete('/events/:id/speakers/:speakerId/photo', async (req, res) => {
    const event = await eventById(ctx, parse(Id, req.params['id']));
    await authorizeInEvent(ctx, req, event, 'event:manage');
    const speaker = await ctx.store.removeSpeakerPhoto(event.id, parse(Id, req.params['speakerId']));
    ctx.events.publish({ type: 'agenda.refresh', eventId: event.id, reason: 'speakers' });
    const answer: SpeakerResponse = { speaker };
    res.json(answer);
  });

  router.get('/events/:id/speakers/:speakerId/photo/:file', async (req, res) => {
    const version = PHOTO_FILE.exec(req.params['file'] ?? '')?.[1];
    const photo = version ? await ctx.store.getSpeakerPhoto(parse(Id, req.params['id']), parse(Id, req.params['speakerId'])) : null;
    // An older version is gone for good: its URL must not show the new photo under a cache-forever header.
    if (!photo || photo.version !== version) throw new AppError('not_found', 'No such photo.');
    res.set({ 'content-type': 'image/webp', 'cache-control': CACHE_FOR_GOOD, etag: `"${photo.version}"` });
    if (req.headers['if-none-match'] === `"${photo.version}"`) {
      res.status(304).end();
      return;
    }
    res.send(Buffer.from(photo.bytes));
  });

  return router;
}
