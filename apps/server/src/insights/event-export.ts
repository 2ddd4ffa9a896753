import { toPublicQuestion } from '@jisr/core/questions';
import { effectiveEnd, effectiveStart } from '@jisr/core/agenda';
import { contentFallbacks, pickText } from '@jisr/core/localize';
import { zonedIsoOrEmpty } from '@jisr/core/zoned-iso';
import type { Session } from '@jisr/protocol/event';
import type { InsightsResponse } from '@jisr/protocol/insights';
import type { Poll, Tally } from '@jisr/protocol/poll';
import type { Question } from '@jisr/protocol/question';
import type { EventRecord } from '@jisr/store/store';
import { stringify } from 'csv-stringify/sync';
import type { AppContext } from '../context.js';
import { spreadsheetSafe } from '../http/csv-cell.js';
import { publicEvent } from '../http/public-event.js';
import { readInsights } from './insights-reader.js';
import { feedbackCsvRows, readEventFeedback, type FeedbackExportRow } from '../feedback/feedback-export.js';
import type { SurveyWithResults } from '@jisr/protocol/survey';
import { readEventSurveys, surveyCsvRows } from '../surveys/survey-export.js';

/**
 * The whole event for the organizer's records. Anonymous questions stay anonymous (the
 * public shape has no author then); no token, no participant id, no voter: ballots only
 * as aggregated tallies; the only names are those attendees chose to show.
 */
export interface EventExport {
  exportedAt: string;
  event: ReturnType<typeof publicEvent>;
  rooms: Awaited<ReturnType<AppContext['store']['listRooms']>>;
  sessions: Session[];
  questions: Question[];
  polls: { poll: Poll; tally: Tally }[];
  insights: InsightsResponse;
  /** Every session's feedback, one entry per give, never who gave it. */
  feedback: FeedbackExportRow[];
  /** Event surveys with their results, never who answered. */
  surveys: SurveyWithResults[];
}

export async function exportEvent(ctx: AppContext, event: EventRecord): Promise<EventExport> {
  const [rooms, sessions, insights] = await Promise.all([ctx.store.listRooms(event.id), ctx.store.listSessions(event.id), readInsights(ctx, event)]);
  const questions: Question[] = [];
  const polls: { poll: Poll; tally: Tally }[] = [];
  for (const session of sessions) {
    const [records, sessionPolls] = await Promise.all([ctx.store.listQuestions(session.id), ctx.store.listPolls(session.id)]);
    questions.push(...records.map(toPublicQuestion));
    for (const poll of sessionPolls) {
      const tally = await ctx.tallies.current(poll.id);
      if (tally) polls.push({ poll, tally });
    }
  }
  const feedback = await readEventFeedback(ctx, sessions);
  const surveys = await readEventSurveys(ctx, event);
  return { exportedAt: ctx.clock.now().toISOString(), event: publicEvent(event), rooms, sessions, questions, polls, insights, feedback, surveys };
}

/** UTF-8 with a byte-order mark (Excel shows Arabic right only with it), CRLF, formula-safe. */
export function csv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${stringify(rows as string[][], { record_delimiter: '\r\n' })}`;
}

/** The CSV files of the zip: questions, polls (aggregated), sessions with attendance, feedback. */
export function exportCsvFiles(data: EventExport): { name: string; data: string }[] {
  const lang = data.event.defaultLang;
  const fallbacks = contentFallbacks(data.event);
  const title = (session: Session | undefined) => spreadsheetSafe(session ? pickText(session.title, lang, fallbacks) : '');
  const byId = new Map(data.sessions.map((session) => [session.id, session]));
  // Every time on the event's clock with its offset (2027-01-15T09:00:00+01:00), not in UTC.
  const at = (instant: string | undefined) => zonedIsoOrEmpty(instant, data.event.timeZone);
  const questions = [
    ['session_id', 'session', 'question_id', 'asked_at', 'status', 'votes', 'language', 'author', 'question', 'reply', 'answered_at'],
    ...data.questions.map((q) => [
      q.sessionId,
      title(byId.get(q.sessionId)),
      q.id,
      at(q.createdAt),
      q.status,
      String(q.votes),
      q.lang,
      spreadsheetSafe(q.anonymous ? '' : (q.authorName ?? '')),
      spreadsheetSafe(q.text),
      spreadsheetSafe(q.reply ?? ''),
      at(q.answeredAt),
    ]),
  ];
  const polls = [
    ['session_id', 'session', 'poll_id', 'kind', 'state', 'prompt', 'answer', 'count', 'total_ballots'],
    ...data.polls.flatMap(({ poll, tally }) => {
      const head = [poll.sessionId, title(byId.get(poll.sessionId)), poll.id, poll.kind, poll.state, spreadsheetSafe(poll.prompt)];
      const answers: [string, string][] =
        poll.kind === 'wordcloud'
          ? (tally.words ?? []).map((w) => [w.word, String(w.count)])
          : poll.kind === 'ranking'
            ? (tally.ranking ?? []).map((r) => [poll.options.find((o) => o.id === r.optionId)?.label ?? r.optionId, String(r.score)])
            : poll.kind === 'rating' || poll.kind === 'text'
              ? Object.entries(tally.counts).map(([value, n]) => [value, String(n)])
              : poll.options.map((o) => [o.label, String(tally.counts[o.id] ?? 0)]);
      if (answers.length === 0) answers.push(['', '']);
      return answers.map(([answer, n]) => [...head, spreadsheetSafe(answer), n, String(tally.total)]);
    }),
  ];
  const figures = new Map(data.insights.sessions.map((s) => [s.sessionId, s]));
  const sessions = [
    ['session_id', 'session', 'room', 'starts_at', 'ends_at', 'delay_minutes', 'shown_starts_at', 'shown_ends_at', 'status', 'joins', 'participants', 'peak_live', 'questions', 'approved', 'answered', 'upvotes', 'ballots'],
    ...data.sessions.map((session) => {
      const f = figures.get(session.id);
      const room = data.rooms.find((r) => r.id === session.roomId);
      return [
        session.id,
        title(session),
        spreadsheetSafe(room ? pickText(room.name, lang, fallbacks) : ''),
        at(session.startsAt),
        at(session.endsAt),
        // The announced delay, and the times the phones and screens showed with it.
        String(session.delayMinutes),
        at(effectiveStart(session).toISOString()),
        at(effectiveEnd(session).toISOString()),
        session.status,
        ...[f?.joins, f?.participants, f?.livePeak, f?.asked, f?.approved, f?.answered, f?.upvotes, f?.ballots].map((n) => String(n ?? 0)),
      ];
    }),
  ];
  return [
    { name: 'questions.csv', data: csv(questions) },
    { name: 'polls.csv', data: csv(polls) },
    { name: 'sessions.csv', data: csv(sessions) },
    { name: 'feedback.csv', data: csv(feedbackCsvRows(data.feedback, (id) => title(byId.get(id)), data.event.timeZone)) },
    { name: 'surveys.csv', data: csv(surveyCsvRows(data.surveys, data.event)) },
  ];
}
