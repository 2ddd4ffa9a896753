import { ServerEvent } from '@jisr/protocol/event-names';
import type { SpeakerNote } from '@jisr/protocol/stage';
import { subscribe, type JisrSocket } from '$lib/realtime/socket.js';
import { withNote } from './speaker-notes.js';

/**
 * The moderators' private notes to this session's speakers ("5 minutes left"), as they
 * arrive on the speaker's socket. Not in the session snapshot: a note is for the moment, and
 * a speaker reloading the page starts with none.
 */
export class SpeakerNotes {
  /** Newest first. */
  notes = $state.raw<SpeakerNote[]>([]);
  readonly latest = $derived(this.notes[0] ?? null);

  readonly #sessionId: string;

  constructor(sessionId: string) {
    this.#sessionId = sessionId;
  }

  /** Starts listening on `socket`; returns the function that stops it (an $effect's cleanup). */
  listen(socket: JisrSocket): () => void {
    return subscribe(socket, ServerEvent.SpeakerNote, (note) => {
      this.notes = withNote(this.notes, note, this.#sessionId);
    });
  }
}
