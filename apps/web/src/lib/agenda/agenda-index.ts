import type { Room, Speaker } from '@jisr/protocol/event';
import type { EventAgenda } from '@jisr/protocol/http';

export interface AgendaIndex {
  roomById: ReadonlyMap<string, Room>;
  speakerById: ReadonlyMap<string, Speaker>;
  /** Room positions, so parallel sessions list in the venue's order. */
  roomOrder: ReadonlyMap<string, number>;
}

export function indexAgenda(agenda: Pick<EventAgenda, 'rooms' | 'speakers'>): AgendaIndex {
  return {
    roomById: new Map(agenda.rooms.map((room) => [room.id, room])),
    speakerById: new Map(agenda.speakers.map((speaker) => [speaker.id, speaker])),
    roomOrder: new Map(agenda.rooms.map((room) => [room.id, room.position])),
  };
}

export function speakersOf(speakerIds: readonly string[], index: AgendaIndex): Speaker[] {
  return speakerIds.flatMap((id) => index.speakerById.get(id) ?? []);
}
