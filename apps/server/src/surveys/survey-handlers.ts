import { actorKey, type Actor } from '@jisr/core/actor';
import { isMutedInEvent } from '@jisr/core/mutes';
import { can } from '@jisr/core/permissions';
import { hasOpenText, storedAnswers, surveyAnswersRefusal, surveyVisibleToAttendees, type SurveyAnswerRecord, type SurveyAnswerRefusal } from '@jisr/core/surveys';
import { ClientEvent } from '@jisr/protocol/events';
import type { SurveyAnswered } from '@jisr/protocol/survey';
import type { EventRecord } from '@jisr/store/store';
import { MUTED_MESSAGE } from '../audience/mute-check.js';
import { actorFor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { ClientEventHandlers } from '../realtime/handle.js';
import type { JisrSocket } from '../realtime/types.js';

const ANSWER_REFUSALS: Record<SurveyAnswerRefusal, string> = {
  unknown_question: 'names a question this survey does not have',
  duplicate_question: 'answers the same question twice',
  wrong_shape: 'does not fit this kind of question',
  unknown_option: 'names an option this question does not have',
  duplicate_option: 'names an option twice',
  too_many_choices: 'has more choices than this question allows',
  out_of_range: 'is outside the scale',
  incomplete_ranking: 'must rank every option',
  no_words: 'has no word to count',
};

/** The attendee's event (their token names it) and their actor, or `forbidden`: surveys are the audience's. */
async function attendeeIn(ctx: AppContext, socket: JisrSocket, eventId?: string): Promise<{ event: EventRecord; actor: Actor }> {
  const { claims } = socket.data;
  const forbidden = new AppError('forbidden', 'Only the event’s attendees answer its surveys.');
  if (claims.kind !== 'participant') throw forbidden;
  const event = await ctx.store.getEvent(eventId ?? claims.eventId);
  if (!event) throw new AppError('not_found', 'No such event.', 'eventId');
  const actor = actorFor(socket.data, event);
  if (!actor || !can(actor, 'survey:answer', { eventId: event.id })) throw forbidden;
  return { event, actor };
}

const answered = (record: SurveyAnswerRecord): SurveyAnswered => ({ surveyId: record.surveyId, answeredAt: record.answeredAt });

/**
 * Event surveys for attendees (DESIGN 4b, issue 22): the open ones of their event, and one
 * answer each, not changeable (as Slido's). A handler reads: parse (handle.ts), authorize,
 * core's ballot rules per question, the event-wide mute (open text only, as asks), the
 * profanity filter (a caught text is kept, marked held for organizers), one store call that
 * checks "open" and "once" in the same step. A resend of the stored answer (same clientId)
 * gets it back whatever changed meanwhile, like a resent question.
 */
export function surveyHandlers(ctx: AppContext): ClientEventHandlers {
  return {
    [ClientEvent.SurveyList]: async (input, socket) => {
      const { event, actor } = await attendeeIn(ctx, socket, input.eventId);
      const surveys = (await ctx.store.listSurveys(event.id)).filter((survey) => surveyVisibleToAttendees(survey.state));
      const key = actorKey(actor);
      return Promise.all(surveys.map(async (survey) => ({ ...survey, answered: (await ctx.store.getSurveyAnswer(event.id, survey.id, key)) !== null })));
    },

    [ClientEvent.SurveyAnswer]: async (input, socket) => {
      const { event, actor } = await attendeeIn(ctx, socket);
      const survey = await ctx.store.getSurvey(event.id, input.surveyId);
      if (!survey) throw new AppError('not_found', 'No such survey.', 'surveyId');
      const authorKey = actorKey(actor);
      const stored = await ctx.store.getSurveyAnswer(event.id, survey.id, authorKey);
      if (stored?.clientId === input.clientId) return answered(stored);
      if (stored) throw new AppError('conflict', 'You answered this survey already.');
      if (survey.state !== 'open') throw new AppError('closed', 'This survey is closed.');
      const refusal = surveyAnswersRefusal(survey, input.answers);
      if (refusal) throw new AppError('invalid_input', `${refusal.field}: ${ANSWER_REFUSALS[refusal.reason]}`, refusal.field);
      if (hasOpenText(input.answers) && actor.participantId && isMutedInEvent(await ctx.store.listMutes(event.id), actor.participantId, ctx.clock.now())) {
        throw new AppError('muted', MUTED_MESSAGE);
      }
      const result = await ctx.store.answerSurvey(event.id, {
        surveyId: survey.id,
        authorKey,
        answers: storedAnswers(survey, input.answers, ctx.isProfane),
        clientId: input.clientId,
        answeredAt: ctx.clock.now().toISOString(),
      });
      if (result.outcome === 'closed') throw new AppError('closed', 'This survey is closed.');
      if (result.outcome === 'answered_before') throw new AppError('conflict', 'You answered this survey already.');
      return answered(result.value);
    },
  };
}
