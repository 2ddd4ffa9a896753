import { rankByAttendance, rankByEngagement, summarizeInsights } from '@jisr/core/insights';
import { isPublished, toPublicQuestion } from '@jisr/core/questions';
import type { InsightsResponse, ReportResponse } from '@jisr/protocol/insights';
import type { EventRecord } from '@jisr/store/store';
import type { AppContext } from '../context.js';
import { publicEvent } from '../http/public-event.js';
import { STALE_AFTER_MS } from './insights-recorder.js';
import { readFeedbackSummaries } from '../feedback/feedback-export.js';

/** How many questions per session the report shows. */
export const TOP_QUESTIONS = 5;

/**
 * The dashboard's figures: the counted map (one read), plus the moderation queue of the
 * sessions still to come or running (ended and cancelled ones have nobody moderating).
 */
export async function readInsights(ctx: AppContext, event: EventRecord): Promise<InsightsResponse> {
  const [counts, sessions, rooms] = await Promise.all([
    ctx.store.getInsights(event.id),
    ctx.store.listSessions(event.id),
    ctx.store.listRooms(event.id),
  ]);
  const waiting: Record<string, number> = {};
  await Promise.all(
    sessions
      .filter((session) => session.status === 'live' || session.status === 'scheduled')
      .map(async (session) => {
        const questions = await ctx.store.listQuestions(session.id);
        waiting[session.id] = questions.filter((question) => question.status === 'pending' && question.mergedInto === undefined).length;
      }),
  );
  const feedback = await readFeedbackSummaries(ctx, sessions);
  return { ...summarizeInsights({ eventId: event.id, counts, sessions, rooms, waiting, now: ctx.clock.now(), staleAfterMs: STALE_AFTER_MS }), feedback };
}

/** The post-event report: the figures, the rankings, each session's top questions and every poll's results. */
export async function readReport(ctx: AppContext, event: EventRecord): Promise<ReportResponse> {
  const [insights, rooms] = await Promise.all([readInsights(ctx, event), ctx.store.listRooms(event.id)]);
  const topQuestions: Record<string, ReportResponse['topQuestions'][string]> = {};
  const polls: ReportResponse['polls'] = [];
  for (const { sessionId } of insights.sessions) {
    const [questions, sessionPolls] = await Promise.all([ctx.store.listQuestions(sessionId), ctx.store.listPolls(sessionId)]);
    topQuestions[sessionId] = questions
      // A merged question lives on in the one it was merged into (which counts its voters).
      .filter((question) => isPublished(question.status) && question.mergedInto === undefined)
      .sort((a, b) => b.votes - a.votes || a.createdAt.localeCompare(b.createdAt))
      .slice(0, TOP_QUESTIONS)
      .map(toPublicQuestion);
    for (const poll of sessionPolls) {
      if (poll.state === 'draft') continue;
      const tally = await ctx.tallies.current(poll.id);
      if (!tally) continue;
      // Open text has no chart: the report is where its answers are read.
      polls.push(poll.kind === 'text' ? { poll, tally, answers: await ctx.store.listTextAnswers(poll.id) } : { poll, tally });
    }
  }
  return {
    event: publicEvent(event),
    insights,
    byAttendance: rankByAttendance(insights.sessions),
    byEngagement: rankByEngagement(insights.sessions),
    topQuestions,
    polls,
    rooms,
  };
}
