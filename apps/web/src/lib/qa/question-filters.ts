import type { Lang } from '@jisr/protocol/common';
import type { Question } from '@jisr/protocol/question';

/** The languages questions are written in, most used first (the filter's chips). */
export function languagesOf(questions: readonly Question[]): Lang[] {
  const counts = new Map<Lang, number>();
  for (const question of questions) counts.set(question.lang, (counts.get(question.lang) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([lang]) => lang);
}

/** The attendee's two lists: what is still open for votes, and what the speakers answered. */
export const ATTENDEE_TABS = ['open', 'answered'] as const;
export type AttendeeTab = (typeof ATTENDEE_TABS)[number];

export function attendeeTabOf(question: Question): AttendeeTab {
  return question.status === 'answered' ? 'answered' : 'open';
}

/** One tab's questions in one language (null: all), keeping the given order. */
export function attendeeView(questions: readonly Question[], tab: AttendeeTab, lang: Lang | null): Question[] {
  return questions.filter((question) => attendeeTabOf(question) === tab && (lang === null || question.lang === lang));
}

export function countByAttendeeTab(questions: readonly Question[]): Record<AttendeeTab, number> {
  const counts: Record<AttendeeTab, number> = { open: 0, answered: 0 };
  for (const question of questions) counts[attendeeTabOf(question)] += 1;
  return counts;
}
