import type { Actor } from '@jisr/core/actor';
import { isPollVisible, toVisiblePoll } from '@jisr/core/polls';
import { isPublished, toPublicQuestion } from '@jisr/core/questions';
import { ServerEvent } from '@jisr/protocol/events';
import type { DomainEvent, DomainEventPublisher } from './domain-events.js';
import { rooms } from './rooms.js';
import type { JisrServer } from './types.js';

/** What the audience room may see is what an attendee may see (screens and speakers see no more there). */
const AUDIENCE: Actor = { role: 'attendee', eventId: '' };

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
        case 'poll.changed': {
          const { poll, seq } = event;
          const staff = rooms.staff(poll.sessionId);
          io.to(staff).emit(ServerEvent.PollUpsert, { poll, seq });
          // Drafts stay with the moderators; the audience still hears that seq moved on.
          if (isPollVisible(poll, AUDIENCE)) {
            io.to(rooms.audience(poll.sessionId)).emit(ServerEvent.PollUpsert, { poll: toVisiblePoll(poll, AUDIENCE), seq });
          } else {
            io.to(rooms.audience(poll.sessionId)).emit(ServerEvent.PollRemove, { pollId: poll.id, sessionId: poll.sessionId, seq });
          }
          return;
        }
        case 'poll.removed': {
          const { poll, seq } = event;
          const message = { pollId: poll.id, sessionId: poll.sessionId, seq };
          io.to([rooms.staff(poll.sessionId), rooms.audience(poll.sessionId)]).emit(ServerEvent.PollRemove, message);
          return;
        }
        case 'session.changed': {
          // The whole event hears agenda changes; viewers of this session are among them.
          const { session, seq, change } = event;
          io.to(rooms.event(session.eventId)).emit(ServerEvent.AgendaUpdate, { session, seq, ...(change ? { change } : {}) });
          return;
        }
        case 'agenda.refresh': {
          io.to(rooms.event(event.eventId)).emit(ServerEvent.AgendaRefresh, { eventId: event.eventId, reason: event.reason });
          return;
        }
        case 'announcement.made': {
          io.to(rooms.event(event.announcement.eventId)).emit(ServerEvent.Announcement, event.announcement);
          return;
        }
        case 'announcement.removed': {
          const { id, eventId } = event.announcement;
          io.to(rooms.event(eventId)).emit(ServerEvent.AnnouncementRemove, { id, eventId });
          return;
        }
        case 'event.created': {
          io.in(rooms.organizer(event.ownerId)).socketsJoin(rooms.event(event.eventId));
          return;
        }
        case 'event.deleted': {
          const room = rooms.event(event.eventId);
          io.to(room).emit(ServerEvent.AgendaRefresh, { eventId: event.eventId, reason: 'event' });
          // Its attendees and invited staff are gone with it; the owner's sockets only stop following it.
          io.in(room).except(rooms.organizer(event.ownerId)).disconnectSockets(true);
          io.in(rooms.organizer(event.ownerId)).socketsLeave(room);
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
