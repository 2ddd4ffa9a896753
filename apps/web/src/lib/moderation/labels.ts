/** Longest label, as the protocol's QuestionLabel allows. */
export const LABEL_MAX_LENGTH = 24;

/**
 * The labels after adding what the moderator typed, or null when there is nothing to send:
 * an empty or too long label, one already there (in any case), or a full list. The server
 * checks the same rules; catching them here saves a round trip and a confusing error.
 */
export function addLabel(labels: readonly string[], raw: string, max: number): string[] | null {
  const label = raw.trim().replace(/\s+/g, ' ');
  if (label.length === 0 || label.length > LABEL_MAX_LENGTH || labels.length >= max) return null;
  const key = label.toLocaleLowerCase();
  if (labels.some((existing) => existing.toLocaleLowerCase() === key)) return null;
  return [...labels, label];
}
