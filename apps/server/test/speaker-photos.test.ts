import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { speakerPhotoPath, SPEAKER_PHOTO_MAX_BYTES, type Speaker } from '@jisr/protocol/event';
import type { JoinResponse } from '@jisr/protocol/http';
import type { Store } from '@jisr/store/store';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type JisrApp } from '../src/app.js';
import { hashPassword } from '../src/auth/passwords.js';
import { systemClock } from '../src/clock.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { agendaFixture, agendaOf, api, staffOf, type Served } from './agenda-helpers.js';
import { ORGANIZER, postJson } from './harness.js';
import { BACKENDS } from './store-backends.js';

/**
 * Issue 25: speaker photos are uploaded, not linked. Stored resized with the event (both
 * stores), served by the app with caching headers, only organizers upload; bad uploads are
 * `invalid_input` on `photo` and change nothing.
 */

/** A camera-like photo: 1200×800 JPEG with EXIF (an orientation and a made-up GPS-free comment). */
function cameraPhoto(colour = '#b4411e'): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: colour } })
    .jpeg()
    .withMetadata({ orientation: 6, exif: { IFD0: { ImageDescription: 'home address' } } })
    .toBuffer();
}

describe.each(BACKENDS)('speaker photos on the %s store', (_name, makeBackend) => {
  let dataDir = '';
  const backend = makeBackend(() => dataDir);
  let store: Store;
  let app: JisrApp;
  const server: Served = { url: '' };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-photos-'));
    store = await backend.open();
    await store.createUser({ email: ORGANIZER.email, name: 'Org', passwordHash: await hashPassword(ORGANIZER.password) });
    app = createApp({
      store,
      config: parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' }, dataDir),
      logger: createLogger('silent'),
      clock: systemClock,
      secret: 'p'.repeat(48),
    });
    server.url = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await backend.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function upload(eventId: string, speakerId: string, body: Buffer, type: string, token?: string): Promise<Response> {
    return fetch(`${server.url}/api/events/${eventId}/speakers/${speakerId}/photo`, {
      method: 'PUT',
      headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: new Uint8Array(body),
    });
  }

  it('resizes an upload to a 256×256 WebP without metadata, shows it on the agenda and serves it cached for good', async () => {
    const fixture = await agendaFixture(server);
    const reply = await upload(fixture.event.id, fixture.speaker.id, await cameraPhoto(), 'image/jpeg', fixture.token);
    expect(reply.status).toBe(200);
    const { speaker } = (await reply.json()) as { speaker: Speaker };
    expect(speaker).toMatchObject({ id: fixture.speaker.id, name: 'Nadia Benali', photoVersion: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const listed = (await agendaOf(server, fixture.event.code)).speakers.find((item) => item.id === speaker.id);
    expect(listed?.photoVersion).toBe(speaker.photoVersion);

    const url = `${server.url}${speakerPhotoPath(fixture.event.id, speaker.id, speaker.photoVersion ?? '')}`;
    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bytes = Buffer.from(await served.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });
    expect(meta.exif).toBeUndefined();
    expect(bytes.length).toBeLessThan(20_000);
    const again = await fetch(url, { headers: { 'if-none-match': served.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);

    // A new photo is a new URL; the old one is gone rather than showing the new photo.
    const replaced = (await (await upload(fixture.event.id, speaker.id, await cameraPhoto('#1e6bb4'), 'image/jpeg', fixture.token)).json()) as { speaker: Speaker };
    expect(replaced.speaker.photoVersion).not.toBe(speaker.photoVersion);
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(`${server.url}${speakerPhotoPath(fixture.event.id, speaker.id, replaced.speaker.photoVersion ?? '')}`)).status).toBe(200);

    // Removed: the agenda says so, the URL is gone; the old URL field still works.
    const removed = await api<{ speaker: Speaker }>(server, 'DELETE', `/events/${fixture.event.id}/speakers/${speaker.id}/photo`, { token: fixture.token });
    expect(removed.status).toBe(200);
    expect(removed.body.speaker).not.toHaveProperty('photoVersion');
    expect((await fetch(`${server.url}${speakerPhotoPath(fixture.event.id, speaker.id, replaced.speaker.photoVersion ?? '')}`)).status).toBe(404);
    const linked = await api<{ speaker: Speaker }>(server, 'PATCH', `/events/${fixture.event.id}/speakers/${speaker.id}`, { token: fixture.token, body: { photoUrl: 'https://example.org/nadia.jpg' } });
    expect(linked.body.speaker.photoUrl).toBe('https://example.org/nadia.jpg');
  });

  it('refuses what is no photo, too large, or not from an organizer, naming the field and changing nothing', async () => {
    const fixture = await agendaFixture(server);
    const { event, speaker, token } = fixture;
    const photo = await cameraPhoto();
    const refusal = async (response: Response) => ({ status: response.status, error: ((await response.json()) as { error: { code: string; field?: string } }).error });

    expect(await refusal(await upload(event.id, speaker.id, photo, 'text/plain', token))).toMatchObject({ status: 400, error: { code: 'invalid_input', field: 'photo' } });
    expect(await refusal(await upload(event.id, speaker.id, Buffer.from('%PDF-1.7 not an image'), 'image/png', token))).toMatchObject({ status: 400, error: { code: 'invalid_input', field: 'photo' } });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    expect(await refusal(await upload(event.id, speaker.id, svg, 'image/webp', token))).toMatchObject({ status: 400, error: { code: 'invalid_input', field: 'photo' } });
    expect(await refusal(await upload(event.id, speaker.id, Buffer.alloc(0), 'image/jpeg', token))).toMatchObject({ status: 400, error: { field: 'photo' } });
    const huge = Buffer.concat([photo, Buffer.alloc(SPEAKER_PHOTO_MAX_BYTES)]);
    expect(await refusal(await upload(event.id, speaker.id, huge, 'image/jpeg', token))).toMatchObject({ status: 400, error: { code: 'invalid_input', field: 'photo' } });

    // Only the event's organizers: not anonymous, not a moderator, not an attendee.
    expect((await upload(event.id, speaker.id, photo, 'image/jpeg')).status).toBe(401);
    const moderator = await staffOf(server, fixture, 'moderator');
    expect((await upload(event.id, speaker.id, photo, 'image/jpeg', moderator)).status).toBe(403);
    const join = (await (await postJson(`${server.url}/api/join`, { code: event.code })).json()) as JoinResponse;
    expect([401, 403]).toContain((await upload(event.id, speaker.id, photo, 'image/jpeg', join.token)).status);
    expect((await api(server, 'DELETE', `/events/${event.id}/speakers/${speaker.id}/photo`, { token: moderator })).status).toBe(403);
    // An unknown speaker.
    expect((await upload(event.id, 'speaker_nobody', photo, 'image/jpeg', token)).status).toBe(404);

    expect((await agendaOf(server, event.code)).speakers.find((item) => item.id === speaker.id)).not.toHaveProperty('photoVersion');
    expect(await store.getSpeakerPhoto(event.id, speaker.id)).toBeNull();
    expect((await fetch(`${server.url}/api/events/${event.id}/speakers/${speaker.id}/photo/not-a-version.webp`)).status).toBe(404);
  });
});
