import { describe, expect, it } from 'vitest';
import { StoreNotFound } from '../store.js';
import { newEvent, newUser, type StoreUnderTest } from './fixtures.js';

/** Bytes that are not text (NUL, 0xff, a lone continuation byte): a store must keep them exactly. */
const PHOTO = { version: '0123456789abcdef', bytes: new Uint8Array([0x52, 0x49, 0x46, 0x46, 0x00, 0xff, 0x80, 0xfe, 0x0a, 0x00, 0xc3]) };
const OTHER = { version: 'fedcba9876543210', bytes: new Uint8Array([0x00, 0x01, 0x02, 0xff]) };

/** Uploaded speaker photos: kept with the event, exactly, and carried by dumps and copies (issue 25). */
export function photoContract(store: StoreUnderTest): void {
  async function seed() {
    const owner = await store().createUser(newUser());
    const event = await store().createEvent(newEvent(owner.id));
    const speaker = await store().createSpeaker({ eventId: event.id, name: 'Nadia Benali', bio: {}, photoUrl: 'https://example.org/n.jpg' });
    return { owner, event, speaker };
  }

  describe('speaker photos', () => {
    it('stores the bytes exactly, shows the version on the speaker, replaces and removes', async () => {
      const { event, speaker } = await seed();
      expect(speaker).not.toHaveProperty('photoVersion');
      expect(await store().getSpeakerPhoto(event.id, speaker.id)).toBeNull();

      const withPhoto = await store().setSpeakerPhoto(event.id, speaker.id, PHOTO);
      expect(withPhoto).toStrictEqual({ ...speaker, photoVersion: PHOTO.version });
      expect(await store().listSpeakers(event.id)).toStrictEqual([withPhoto]);
      expect(await store().getSpeakerPhoto(event.id, speaker.id)).toStrictEqual(PHOTO);

      // Other changes keep the photo; the old URL field stays for events that use it.
      const renamed = await store().updateSpeaker(event.id, speaker.id, { name: 'Nadia B.' });
      expect(renamed).toStrictEqual({ ...withPhoto, name: 'Nadia B.' });

      await store().setSpeakerPhoto(event.id, speaker.id, OTHER);
      expect(await store().getSpeakerPhoto(event.id, speaker.id)).toStrictEqual(OTHER);

      const removed = await store().removeSpeakerPhoto(event.id, speaker.id);
      expect(removed).not.toHaveProperty('photoVersion');
      expect(removed.photoUrl).toBe('https://example.org/n.jpg');
      expect(await store().getSpeakerPhoto(event.id, speaker.id)).toBeNull();
      // Removing again is fine.
      expect(await store().removeSpeakerPhoto(event.id, speaker.id)).toStrictEqual(removed);
    });

    it('refuses an unknown speaker or another event’s, and a created speaker never claims a photo', async () => {
      const { owner, event, speaker } = await seed();
      const other = await store().createEvent(newEvent(owner.id, { code: 'OTHER1' }));
      await expect(store().setSpeakerPhoto(other.id, speaker.id, PHOTO)).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().setSpeakerPhoto(event.id, 'speaker_nobody', PHOTO)).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().removeSpeakerPhoto(other.id, speaker.id)).rejects.toBeInstanceOf(StoreNotFound);
      await store().setSpeakerPhoto(event.id, speaker.id, PHOTO);
      expect(await store().getSpeakerPhoto(other.id, speaker.id)).toBeNull();
      const claimed = await store().createSpeaker({ eventId: event.id, name: 'Karim', bio: {}, photoVersion: PHOTO.version });
      expect(claimed).not.toHaveProperty('photoVersion');
    });

    it('goes with its speaker', async () => {
      const { event, speaker } = await seed();
      await store().setSpeakerPhoto(event.id, speaker.id, PHOTO);
      await store().deleteSpeaker(event.id, speaker.id);
      expect(await store().getSpeakerPhoto(event.id, speaker.id)).toBeNull();
    });

    it('travels in the event dump (base64) and comes back exactly; a copy of the event has its own', async () => {
      const { owner, event, speaker } = await seed();
      await store().setSpeakerPhoto(event.id, speaker.id, PHOTO);
      const dump = JSON.parse(JSON.stringify(await store().exportEvent(event.id))) as Awaited<ReturnType<ReturnType<StoreUnderTest>['exportEvent']>>;
      expect(dump.speakerPhotos).toStrictEqual([{ speakerId: speaker.id, version: PHOTO.version, data: Buffer.from(PHOTO.bytes).toString('base64') }]);

      await store().deleteEvent(event.id);
      expect(await store().getSpeakerPhoto(event.id, speaker.id)).toBeNull();
      await store().importEvent(dump);
      expect(await store().getSpeakerPhoto(event.id, speaker.id)).toStrictEqual(PHOTO);
      expect((await store().listSpeakers(event.id))[0]?.photoVersion).toBe(PHOTO.version);

      const copy = await store().duplicateEvent(event.id, { code: 'COPY27', startDate: '2027-03-01', ownerId: owner.id, at: '2027-01-02T09:00:00.000Z' });
      const [copied] = await store().listSpeakers(copy.id);
      expect(copied?.id).not.toBe(speaker.id);
      expect(copied?.photoVersion).toBe(PHOTO.version);
      expect(await store().getSpeakerPhoto(copy.id, copied?.id ?? '')).toStrictEqual(PHOTO);
    });
  });
}
