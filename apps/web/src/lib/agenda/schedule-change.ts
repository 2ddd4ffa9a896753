import { effectiveEnd, effectiveStart } from '@jisr/core/agenda';
import type { Session } from '@jisr/protocol/event';

/**
 * What changed in a session, as an attendee cares about it. Q&A switches and the like are
 * no news for the agenda: they change nothing about where to be, and when.
 */
export type ScheduleChangeKind = 'rescheduled' | 'moved' | 'moved-rescheduled' | 'cancelled' | 'restored' | 'started' | 'ended';

export interface ScheduleChange {
  kind: ScheduleChangeKind;
  before: Session;
  after: Session;
}

/** The change between two versions of one session, or null when nothing worth telling changed. */
export function scheduleChange(before: Session, after: Session): ScheduleChange | null {
  const change = (kind: ScheduleChangeKind): ScheduleChange => ({ kind, before, after });
  if (after.status === 'cancelled') return before.status === 'cancelled' ? null : change('cancelled');
  if (before.status === 'cancelled') return change('restored');
  const moved = before.roomId !== after.roomId;
  const shifted =
    effectiveStart(before).getTime() !== effectiveStart(after).getTime() ||
    effectiveEnd(before).getTime() !== effectiveEnd(after).getTime();
  if (moved && shifted) return change('moved-rescheduled');
  if (moved) return change('moved');
  if (shifted) return change('rescheduled');
  if (after.status === 'live' && before.status !== 'live') return change('started');
  if (after.status === 'ended' && before.status !== 'ended') return change('ended');
  return null;
}

/** Whether a change deserves a notice: moves, new times and cancellations always; a start or end only for a starred session. */
export function isNoticeworthy(change: ScheduleChange, starred: boolean): boolean {
  if (change.kind === 'started' || change.kind === 'ended') return starred;
  return true;
}

/** How to say the parts of a notice in the viewer's language (the page's Locale). */
export interface NoticeWords {
  title: (session: Session) => string;
  time: (instant: Date) => string;
  room: (roomId: string) => string;
}

/** The message of a notice: a catalog key under `notice` and its parameters. */
export interface NoticeText {
  key: `notice.${ScheduleChangeKind}`;
  params: Record<string, string>;
}

/** "Panel 2 now starts 14:40 in Salle B": the key and the words to fill it with. */
export function noticeText(change: ScheduleChange, words: NoticeWords): NoticeText {
  const { after } = change;
  return {
    key: `notice.${change.kind}`,
    params: {
      title: words.title(after),
      time: words.time(effectiveStart(after)),
      room: words.room(after.roomId),
    },
  };
}

/** A title or room name isolated (U+2068...U+2069): a French title inside an Arabic sentence keeps its direction. */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
