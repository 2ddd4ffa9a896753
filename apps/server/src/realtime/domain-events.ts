import type { QuestionRecord } from '@jisr/core/questions';
import type { MuteRecord } from '@jisr/core/mutes';
import type { AgendaChange, AgendaRefreshReason, Announcement } from '@jisr/protocol/agenda';
import type { Session } from '@jisr/protocol/event';
import type { Poll } from '@jisr/protocol/poll';
import type { TextAnswer } from '@jisr/protocol/poll-answers';
import type { SpeakerNote } from '@jisr/protocol/stage';
import type { StageRecord } from '@jisr/store/stage-record';

/**
 * What happened, said in the domain's words. Handlers publish these; the projector alone
 * decides which sockets hear what.
 */
export type DomainEvent =
  | { type: 'question.changed'; question: QuestionRecord; seq: number }
  | { type: 'question.removed'; question: QuestionRecord; seq: number }
  | { type: 'session.changed'; session: Session; seq: number; change?: AgendaChange }
  | { type: 'agenda.refresh'; eventId: string; reason: AgendaRefreshReason }
  | { type: 'announcement.made'; announcement: Announcement }
  | { type: 'announcement.removed'; announcement: Announcement }
  | { type: 'poll.changed'; poll: Poll; seq: number }
  | { type: 'poll.removed'; poll: Poll; seq: number }
  /** The session's stage moved (by a moderator's choice or by their last action). */
  | { type: 'stage.changed'; sessionId: string; record: StageRecord; seq: number }
  /** A moderator's private note to the session's speakers. */
  | { type: 'speaker.noted'; note: SpeakerNote }
  /** An open-text answer arrived, or a moderator hid or showed it again (staff only). */
  | { type: 'answer.changed'; pollId: string; sessionId: string; answer: TextAnswer; replaces?: string }
  | { type: 'invite.revoked'; inviteId: string }
  /** A new event: its owner's open sockets start following it. */
  | { type: 'event.created'; eventId: string; ownerId: string }
  /** The event and all it held are gone: its pages refetch (and find nothing), its sockets close. */
  | { type: 'event.deleted'; eventId: string; ownerId: string }
  /** A co-organizer joined: their open sockets start following the event. */
  | { type: 'organizer.joined'; eventId: string; userId: string }
  /** A co-organizer was removed: their sockets reconnect, and follow only what they still run. */
  | { type: 'organizer.removed'; eventId: string; userId: string }
  /** A session's live data was wiped (a rehearsal reset): its viewers take a fresh snapshot. */
  | { type: 'session.reset'; eventId: string; sessionId: string; seq: number }
  /** A moderator muted a question's author, or lifted a mute (staff hear it; nobody hears who). */
  | { type: 'mute.changed'; mute: MuteRecord; lifted: boolean };

export interface DomainEventPublisher {
  publish(event: DomainEvent): void;
}
