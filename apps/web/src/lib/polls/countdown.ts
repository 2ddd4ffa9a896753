/**
 * The moments of a timed poll worth saying out loud. The badge counts every second; a live
 * region doing the same would talk over everything else (WCAG 4.1.3, 2.2.1). So it speaks
 * at these marks: one minute left, ten seconds left, closed (the card says the first two;
 * the close is said by the room's news).
 */
export type CountdownMoment = 'minute' | 'seconds' | 'closed';

const MARKS: readonly { at: number; moment: CountdownMoment }[] = [
  { at: 60, moment: 'minute' },
  { at: 10, moment: 'seconds' },
  { at: 0, moment: 'closed' },
];

/**
 * The moment crossed between two readings of the seconds left (`before` null: the first
 * reading, which says nothing: a poll opened with 8 s left is news already announced;
 * `now` null: the poll is no longer open, so it closed).
 * A jump over several marks (a phone waking up) says only the last one.
 */
export function countdownMoment(before: number | null, now: number | null): CountdownMoment | null {
  // No time left to count any more: the poll closed (its timer ran out, or a moderator closed it).
  if (before !== null && before > 0 && now === null) return 'closed';
  if (before === null || now === null || now >= before) return null;
  let crossed: CountdownMoment | null = null;
  for (const mark of MARKS) if (before > mark.at && now <= mark.at) crossed = mark.moment;
  return crossed;
}
