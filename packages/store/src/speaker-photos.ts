import type { DumpSpeakerPhoto } from '@jisr/protocol/event-dump';
import type { Speaker } from '@jisr/protocol/event';

/** An uploaded speaker photo as stored: already resized (WebP), with the version its URL carries. */
export interface SpeakerPhoto {
  bytes: Uint8Array;
  /** 16 hex digits of its SHA-256 (protocol's PhotoVersion). */
  version: string;
}

/**
 * Speaker photos live with their event (SQLite: a blob table; Redis: a binary string per
 * speaker), so a backup, a dump or a move between stores carries them, and the app serves
 * them itself: no third-party host to go down on the day.
 */
export interface SpeakerPhotoStore {
  /** Replaces the speaker's photo and returns the speaker with its new `photoVersion`; StoreNotFound unless one of the event's. */
  setSpeakerPhoto(eventId: string, speakerId: string, photo: SpeakerPhoto): Promise<Speaker>;
  /** The photo, or null (no photo, or not one of the event's speakers). */
  getSpeakerPhoto(eventId: string, speakerId: string): Promise<SpeakerPhoto | null>;
  /** Removes the photo (none is fine) and returns the speaker without `photoVersion`; StoreNotFound unless one of the event's. */
  removeSpeakerPhoto(eventId: string, speakerId: string): Promise<Speaker>;
}

export function dumpPhoto(speakerId: string, photo: SpeakerPhoto): DumpSpeakerPhoto {
  return { speakerId, version: photo.version, data: Buffer.from(photo.bytes).toString('base64') };
}

export function photoOfDump(entry: DumpSpeakerPhoto): SpeakerPhoto {
  return { version: entry.version, bytes: new Uint8Array(Buffer.from(entry.data, 'base64')) };
}
