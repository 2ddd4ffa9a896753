import { dayInZone } from '@jisr/core/agenda';
import { instantInZone } from '@jisr/core/time-zones';
import type { SessionCreateRequest } from '@jisr/protocol/admin';
import type { SessionEditRequest } from '@jisr/protocol/agenda';
import type { LocalizedText } from '@jisr/protocol/common';
import type { QaSettings, Session, SessionKind } from '@jisr/protocol/event';

/** What the session form edits: planned times as the event's wall clock, the rest as is. */
export interface SessionFormValues {
  title: LocalizedText;
  description: LocalizedText;
  kind: SessionKind;
  roomId: string;
  /** 'YYYY-MM-DD' at the event. */
  day: string;
  /** 'HH:MM' at the event. */
  start: string;
  end: string;
  speakerIds: string[];
  qa: QaSettings;
}

const clock = new Map<string, Intl.DateTimeFormat>();

/** 'HH:MM' (24-hour) of an instant in a zone. */
export function wallClock(instant: Date, timeZone: string): string {
  let format = clock.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clock.set(timeZone, format);
  }
  return format.format(instant);
}

export function sessionFormValues(session: Session, timeZone: string): SessionFormValues {
  const start = new Date(session.startsAt);
  return {
    title: { ...session.title },
    description: { ...session.description },
    kind: session.kind,
    roomId: session.roomId,
    day: dayInZone(start, timeZone),
    start: wallClock(start, timeZone),
    end: wallClock(new Date(session.endsAt), timeZone),
    speakerIds: [...session.speakerIds],
    qa: { ...session.qa },
  };
}

/** A new session: after the last one of the day in that room would be nicer, but the first hour of the event is a fine start. */
export function blankSessionValues(day: string, roomId: string, qa: QaSettings): SessionFormValues {
  return { title: {}, description: {}, kind: 'talk', roomId, day, start: '09:00', end: '10:00', speakerIds: [], qa: { ...qa } };
}

/** Planned start and end as ISO instants: the wall clock read in the event's zone (DST included). */
export function plannedTimes(values: Pick<SessionFormValues, 'day' | 'start' | 'end'>, timeZone: string): { startsAt: string; endsAt: string } {
  return {
    startsAt: instantInZone(values.day, values.start, timeZone).toISOString(),
    endsAt: instantInZone(values.day, values.end, timeZone).toISOString(),
  };
}

function nonEmpty(text: LocalizedText): LocalizedText {
  return Object.fromEntries(Object.entries(text).filter(([, value]) => value?.trim())) as LocalizedText;
}

export function sessionCreateRequest(values: SessionFormValues, timeZone: string): SessionCreateRequest {
  return {
    roomId: values.roomId,
    kind: values.kind,
    title: nonEmpty(values.title),
    description: nonEmpty(values.description),
    ...plannedTimes(values, timeZone),
    speakerIds: values.speakerIds,
    qa: values.qa,
  };
}

/** Only what changed against the saved session. */
export function sessionEditRequest(session: Session, values: SessionFormValues, timeZone: string): SessionEditRequest {
  const next = sessionCreateRequest(values, timeZone);
  const patch: SessionEditRequest = {};
  const differs = (a: unknown, b: unknown): boolean => JSON.stringify(a) !== JSON.stringify(b);
  if (differs(next.title, nonEmpty(session.title))) patch.title = next.title;
  if (differs(next.description, nonEmpty(session.description))) patch.description = next.description ?? {};
  if (next.kind !== session.kind) patch.kind = next.kind ?? 'talk';
  if (next.roomId !== session.roomId) patch.roomId = next.roomId;
  if (Date.parse(next.startsAt) !== Date.parse(session.startsAt)) patch.startsAt = next.startsAt;
  if (Date.parse(next.endsAt) !== Date.parse(session.endsAt)) patch.endsAt = next.endsAt;
  if (differs(next.speakerIds, session.speakerIds)) patch.speakerIds = next.speakerIds ?? [];
  if (differs(next.qa, session.qa)) patch.qa = values.qa;
  return patch;
}
