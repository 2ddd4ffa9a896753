import { summarizeFeedback } from '@jisr/core/feedback';
import { zonedIsoOrEmpty } from '@jisr/core/zoned-iso';
import type { Session } from '@jisr/protocol/event';
import type { FeedbackSummary } from '@jisr/protocol/feedback';
import type { AppContext } from '../context.js';
import { spreadsheetSafe } from '../http/csv-cell.js';

/** One give as the organizer's records keep it: never who gave it. */
export interface FeedbackExportRow {
  sessionId: string;
  rating: number;
  comment?: string;
  /** The profanity filter caught the comment (speakers never saw it). */
  held?: boolean;
  givenAt: string;
}

/** Every session's feedback, in agenda order, oldest give first, without the givers. */
export async function readEventFeedback(ctx: AppContext, sessions: readonly Session[]): Promise<FeedbackExportRow[]> {
  const perSession = await Promise.all(sessions.map((session) => ctx.store.listFeedback(session.id)));
  return perSession.flat().map(({ sessionId, rating, comment, held, givenAt }) => ({
    sessionId,
    rating,
    ...(comment === undefined ? {} : { comment }),
    ...(held ? { held } : {}),
    givenAt,
  }));
}

/** The organizers' summaries (held comments included, marked), for the sessions someone rated. */
export async function readFeedbackSummaries(ctx: AppContext, sessions: readonly Session[]): Promise<FeedbackSummary[]> {
  const perSession = await Promise.all(sessions.map(async (session) => summarizeFeedback(session.id, await ctx.store.listFeedback(session.id), 'organizer')));
  return perSession.filter((summary) => summary.count > 0);
}

/** `feedback.csv`: one row per give, times on the event's clock like the other CSVs, formula-safe. */
export function feedbackCsvRows(rows: readonly FeedbackExportRow[], titleOf: (sessionId: string) => string, timeZone: string): string[][] {
  return [
    ['session_id', 'session', 'given_at', 'rating', 'comment', 'held'],
    ...rows.map((row) => [
      row.sessionId,
      titleOf(row.sessionId),
      zonedIsoOrEmpty(row.givenAt, timeZone),
      String(row.rating),
      spreadsheetSafe(row.comment ?? ''),
      row.held ? 'yes' : '',
    ]),
  ];
}
