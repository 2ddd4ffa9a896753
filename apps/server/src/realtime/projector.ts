import { isPublished, toPublicQuestion } from '@jisr/core/questions';
import { ServerEvent } from '@jisr/protocol/events';
import type { DomainEvent, DomainEventPublisher } from './domain-events.js';
import { rooms } from './rooms.js';
import type { JisrServer } from './types.js';

/**
 * Turns domain events into socket messages. Every viewer of a session receives exactly one
 * message per change, so `seq` stays gapless for everyone: staff get the question, the
 * audience gets it when published and a `question:remove` otherwise, and the author keeps
 * seeing their own pending question.
 */
export function createProjector(io: JisrServer): DomainEventPublisher {
  return {
    publish(event: DomainEvent) {
      switch (event.type) {
        case 'question.changed': {
          const { question: record, seq } = event;
          const sessionId = record.sessionId;
          const upsert = { question: toPublicQuestion(record), seq };
          const remove = { questionId: record.id, sessionId, seq };
          io.to(rooms.staff(sessionId)).emit(ServerEvent.QuestionUpsert, upsert);
          if (isPublished(record.status)) {
            io.to(rooms.audience(sessionId)).emit(ServerEvent.QuestionUpsert, upsert);
          } else if (record.status === 'pending') {
            const author = rooms.author(sessionId, record.authorKey);
            io.to(author).emit(ServerEvent.QuestionUpsert, upsert);
            io.to(rooms.audience(sessionId)).except(author).emit(ServerEvent.QuestionRemove, remove);
          } else {
            io.to(rooms.audience(sessionId)).emit(ServerEvent.QuestionRemove, remove);
          }
          return;
        }
        case 'question.removed': {
          const { question, seq } = event;
          const remove = { questionId: question.id, sessionId: question.sessionId, seq };
          io.to([rooms.staff(question.sessionId), rooms.audience(question.sessionId)]).emit(ServerEvent.QuestionRemove, remove);
          return;
        }
        case 'session.changed': {
          // The whole event hears agenda changes; viewers of this session are among them.
          io.to(rooms.event(event.session.eventId)).emit(ServerEvent.AgendaUpdate, { session: event.session, seq: event.seq });
          return;
        }
        case 'invite.revoked': {
          io.in(rooms.invite(event.inviteId)).disconnectSockets(true);
          return;
        }
      }
    },
  };
}
