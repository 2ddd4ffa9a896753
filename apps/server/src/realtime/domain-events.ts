import type { QuestionRecord } from '@jisr/core/questions';
import type { Session } from '@jisr/protocol/event';
import type { Poll } from '@jisr/protocol/poll';

/**
 * What happened, said in the domain's words. Handlers publish these; the projector alone
 * decides which sockets hear what.
 */
export type DomainEvent =
  | { type: 'question.changed'; question: QuestionRecord; seq: number }
  | { type: 'question.removed'; question: QuestionRecord; seq: number }
  | { type: 'session.changed'; session: Session; seq: number }
  | { type: 'poll.changed'; poll: Poll; seq: number }
  | { type: 'poll.removed'; poll: Poll; seq: number }
  | { type: 'invite.revoked'; inviteId: string };

export interface DomainEventPublisher {
  publish(event: DomainEvent): void;
}
