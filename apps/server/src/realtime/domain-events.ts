import type { QuestionRecord } from '@jisr/core/questions';
import type { AgendaChange, AgendaRefreshReason, Announcement } from '@jisr/protocol/agenda';
import type { Session } from '@jisr/protocol/event';
import type { Poll } from '@jisr/protocol/poll';

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
  | { type: 'invite.revoked'; inviteId: string }
  /** A new event: its owner's open sockets start following it. */
  | { type: 'event.created'; eventId: string; ownerId: string }
  /** The event and all it held are gone: its pages refetch (and find nothing), its sockets close. */
  | { type: 'event.deleted'; eventId: string; ownerId: string };

export interface DomainEventPublisher {
  publish(event: DomainEvent): void;
}
