import type { SpeakerNote } from '@jisr/protocol/stage';

/** How many notes the speaker view keeps: the latest shown big, a few before it small. */
export const NOTES_KEPT = 4;

/**
 * The notes after one arrives, newest first: only this session's (a speaker of two sessions
 * gets both on one socket), each once (a replay after a reconnection repeats it), at most
 * `NOTES_KEPT`.
 */
export function withNote(notes: readonly SpeakerNote[], note: SpeakerNote, sessionId: string): SpeakerNote[] {
  if (note.sessionId !== sessionId) return [...notes];
  if (notes.some((other) => other.at === note.at && other.text === note.text)) return [...notes];
  return [note, ...notes].slice(0, NOTES_KEPT);
}
