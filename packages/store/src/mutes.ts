import type { MuteRecord } from '@jisr/core/mutes';

export type NewMute = Omit<MuteRecord, 'id'>;

/**
 * Mutes (core mutes.ts): made by moderators against the author of a question, kept against
 * that author's participant id, lifted by id. A mute goes with its event.
 */
export interface MuteStore {
  /** Stores a mute; StoreNotFound for an unknown event. */
  createMute(mute: NewMute): Promise<MuteRecord>;
  /** The event's mutes not lifted, oldest first; those past their `until` included (core's muteHolds judges). */
  listMutes(eventId: string): Promise<MuteRecord[]>;
  /** Null when unknown or lifted. */
  getMute(id: string): Promise<MuteRecord | null>;
  /** Lifts a mute and returns it as it was; StoreNotFound when unknown or already lifted (two moderators: one wins). */
  deleteMute(id: string): Promise<MuteRecord>;
}
