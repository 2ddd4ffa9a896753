import type { Actor } from '@jisr/core/actor';
import { toStaffMute } from '@jisr/core/mutes';
import { isPollVisible, toVisiblePoll } from '@jisr/core/polls';
import { isPublished, toPublicQuestion, toStaffQuestion } from '@jisr/core/questions';
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
          if (record.mergedInto !== undefined) {
            // Merged: it leaves every list; its author and voters follow the question that stayed.
            const merged = { questionId: record.id, sessionId, seq, intoId: record.mergedInto };
            io.to([rooms.staff(sessionId), rooms.audience(sessionId)]).emit(ServerEvent.QuestionRemove, merged);
            return;
          }
          // Only staff get the "possibly the same as" hints; everyone else the public question.
          const upsert = { question: toPublicQuestion(record), seq };
          const remove = { questionId: record.id, sessionId, seq };
          io.to(rooms.staff(sessionId)).emit(ServerEvent.QuestionUpsert, { question: toStaffQuestion(record), seq });
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
        case 'stage.changed': {
          // Every viewer of the session hears it (one message each, seq stays gapless): what
          // is on stage is what the hall sees, so the audience may read the staged answers.
          const { sessionId, record, seq } = event;
          const message = { sessionId, stage: record.stage, ...(record.answers ? { answers: record.answers } : {}), seq };
          io.to([rooms.staff(sessionId), rooms.audience(sessionId)]).emit(ServerEvent.StageUpdate, message);
          return;
        }
        case 'speaker.noted': {
          // The speakers, and the staff (so a second moderator sees what was said); never the audience.
          const { note } = event;
          io.to([rooms.stage(note.sessionId), rooms.staff(note.sessionId)]).emit(ServerEvent.SpeakerNote, note);
          return;
        }
        case 'answer.changed': {
          // Open-text answers are the moderators' to read: the hall sees only those put on stage.
          const { pollId, sessionId, answer, replaces } = event;
          io.to(rooms.staff(sessionId)).emit(ServerEvent.PollAnswer, { pollId, sessionId, answer, ...(replaces ? { replaces } : {}) });
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
        case 'organizer.joined': {
          io.in(rooms.organizer(event.userId)).socketsJoin(rooms.event(event.eventId));
          return;
        }
        case 'organizer.removed': {
          // Their sockets may sit in staff rooms of the event's sessions: a reconnection rejoins only what they may.
          io.in(rooms.organizer(event.userId)).disconnectSockets(true);
          return;
        }
        case 'session.reset': {
          const { sessionId, seq } = event;
          io.to([rooms.staff(sessionId), rooms.audience(sessionId)]).emit(ServerEvent.SessionReset, { sessionId, seq });
          return;
        }
        case 'mute.changed': {
          // Staff of the session it was made in; the record loses who it is about here, once.
          const { mute, lifted } = event;
          io.to(rooms.staff(mute.sessionId)).emit(lifted ? ServerEvent.ParticipantUnmuted : ServerEvent.ParticipantMuted, { mute: toStaffMute(mute) });
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
