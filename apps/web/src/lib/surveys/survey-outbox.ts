import { SurveyAnswerInput } from '@jisr/protocol/survey';
import type { ExtraItemParser, OutboxItem } from '$lib/realtime/outbox.js';

/**
 * The localStorage key of an event's survey answers: surveys belong to no session, so they
 * have an outbox of their own, kept and sent by the same rules (here, not in outbox.ts: the
 * session page carries nothing of surveys).
 */
export function surveyOutboxKey(eventId: string): string {
  return `jisr:outbox:v1:${eventId}:surveys`;
}

export function surveyItem(input: SurveyAnswerInput, at: Date = new Date()): OutboxItem {
  return { kind: 'survey', id: input.clientId, input, at: at.toISOString() };
}

/** Reads a kept survey answer back (the session outbox's parser knows no survey). */
export const parseSurveyItem: ExtraItemParser = (kind, input, at) => {
  if (kind !== 'survey') return null;
  const parsed = SurveyAnswerInput.safeParse(input);
  return parsed.success ? surveyItem(parsed.data, at) : null;
};
