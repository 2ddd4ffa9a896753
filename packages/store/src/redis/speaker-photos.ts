import type { Speaker } from '@jisr/protocol/event';
import { RESP_TYPES } from 'redis';
import type { SpeakerPhoto } from '../speaker-photos.js';
import type { RedisContext } from './context.js';
import { updateRecord } from './event-admin.js';
import { toSpeaker } from './records.js';

/**
 * Speaker photos (../speaker-photos.ts): the bytes as a binary string under the event's
 * base (so deleteEvent's scan takes them), the version on the speaker's hash. The bytes go
 * first and the version second, so a reader never meets a version without its bytes.
 */

/** Reads a string as bytes: node-redis decodes replies as UTF-8 text unless told otherwise. */
async function getBytes(ctx: RedisContext, key: string): Promise<Buffer | null> {
  const binary = ctx.client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  return (await binary.get(key)) as Buffer | null;
}

export async function setSpeakerPhoto(ctx: RedisContext, eventId: string, speakerId: string, photo: SpeakerPhoto): Promise<Speaker> {
  const key = ctx.keys.inEvent(eventId, 'speakerPhoto', speakerId);
  await ctx.client.set(key, Buffer.from(photo.bytes));
  try {
    return toSpeaker(await updateRecord(ctx, eventId, 'speaker', speakerId, { photoVersion: photo.version }, []));
  } catch (error) {
    // No such speaker: the bytes go again (not one of the event's speakers keeps no photo).
    await ctx.client.del(key);
    throw error;
  }
}

export async function getSpeakerPhoto(ctx: RedisContext, eventId: string, speakerId: string): Promise<SpeakerPhoto | null> {
  const version = await ctx.client.hGet(ctx.keys.inEvent(eventId, 'speaker', speakerId), 'photoVersion');
  if (version === null) return null;
  const bytes = await getBytes(ctx, ctx.keys.inEvent(eventId, 'speakerPhoto', speakerId));
  return bytes ? { version, bytes: new Uint8Array(bytes) } : null;
}

export async function removeSpeakerPhoto(ctx: RedisContext, eventId: string, speakerId: string): Promise<Speaker> {
  const speaker = toSpeaker(await updateRecord(ctx, eventId, 'speaker', speakerId, {}, ['photoVersion']));
  await ctx.client.del(ctx.keys.inEvent(eventId, 'speakerPhoto', speakerId));
  return speaker;
}
