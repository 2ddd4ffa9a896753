import { randomUUID } from 'node:crypto';
import { actorKey } from '@jisr/core/actor';
import { dayInZone } from '@jisr/core/agenda';
import { addDays, instantInZone } from '@jisr/core/time-zones';
import { LANGS } from '@jisr/protocol/common';
import type { Room, Speaker } from '@jisr/protocol/event';
import type { Participant } from '@jisr/protocol/http';
import { StoreConflict, type EventRecord, type Store } from '@jisr/store/store';
import { DEMO_CODE, DEMO_TIME_ZONE, demoEvent, demoRooms, demoSessions, demoSpeakers } from './demo-event.js';

const DEMO_ATTENDEES = ['Amina', 'Hicham', 'Sofia', 'Mehdi', 'Lotfi'];

/**
 * Creates the demo event when no event has the code DEMO yet. Returns whether it did. Nodes
 * starting at once on one Redis may all find no DEMO: the join code claim is atomic, so one
 * node creates the event and fills it, the others stop there.
 */
export async function seedDemo(store: Store, ownerId: string, now: Date): Promise<boolean> {
  if (await store.getEventByCode(DEMO_CODE)) return false;
  const firstDay = dayInZone(now, DEMO_TIME_ZONE);
  let event: EventRecord;
  try {
    event = await store.createEvent({
      code: DEMO_CODE,
      ownerId,
      title: demoEvent.title,
      description: demoEvent.description,
      timeZone: DEMO_TIME_ZONE,
      languages: [...LANGS],
      defaultLang: 'fr',
      startDate: firstDay,
      endDate: addDays(firstDay, 1),
    });
  } catch (error) {
    if (error instanceof StoreConflict) return false;
    throw error;
  }
  const rooms: Room[] = [];
  for (const [position, name] of demoRooms.entries()) rooms.push(await store.createRoom({ eventId: event.id, name, position }));
  const speakers: Speaker[] = [];
  for (const speaker of demoSpeakers) speakers.push(await store.createSpeaker({ eventId: event.id, ...speaker }));
  const attendees: Participant[] = [];
  for (const name of DEMO_ATTENDEES) attendees.push(await store.createParticipant({ eventId: event.id, name, lang: 'fr' }));

  for (const item of demoSessions) {
    const day = addDays(firstDay, item.day - 1);
    const session = await store.createSession({
      eventId: event.id,
      roomId: rooms[item.room]?.id ?? '',
      kind: item.kind,
      title: item.title,
      description: {},
      startsAt: instantInZone(day, item.start, DEMO_TIME_ZONE).toISOString(),
      endsAt: instantInZone(day, item.end, DEMO_TIME_ZONE).toISOString(),
      status: item.status ?? 'scheduled',
      delayMinutes: 0,
      speakerIds: item.speakers.map((index) => speakers[index]?.id ?? ''),
      qa: item.qa,
    });
    for (const [index, question] of (item.questions ?? []).entries()) {
      const author = attendees[index % attendees.length];
      if (!author) continue;
      const authorKey = actorKey({ role: 'attendee', eventId: event.id, participantId: author.id });
      const { value } = await store.askQuestion({
        sessionId: session.id,
        authorKey,
        ...(author.name && !question.anonymous ? { authorName: author.name } : {}),
        text: question.text,
        lang: question.lang,
        anonymous: question.anonymous ?? false,
        status: 'approved',
        clientId: randomUUID(),
        createdAt: new Date(now.getTime() - (10 - index) * 60_000).toISOString(),
      });
      for (const voter of attendees.slice(0, question.votes)) {
        await store.voteQuestion(value.id, actorKey({ role: 'attendee', eventId: event.id, participantId: voter.id }), true);
      }
    }
  }
  return true;
}
