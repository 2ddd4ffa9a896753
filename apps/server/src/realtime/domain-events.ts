import type { QuestionRecord } from '@jisr/core/questions';

/**
 * What happened, said in the domain's words. Handlers publish these; the projector alone
 * decides which sockets hear what.
 */
export type DomainEvent = { type: 'question.changed'; question: QuestionRecord; seq: number };

export interface DomainEventPublisher {
  publish(event: DomainEvent): void;
}
