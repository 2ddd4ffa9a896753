import type { ModerationAction, QuestionStatus } from '@jisr/protocol/question';

/** A question change in core's words (the store's QuestionChange has the same shape). */
export interface PlannedChange {
  status?: QuestionStatus;
  pinned?: boolean;
  answeredAt?: string | null;
  held?: boolean;
}

export interface ModerationPlan {
  change: PlannedChange;
  /** The states the question must be in for the action to make sense. */
  from: readonly QuestionStatus[];
}

/**
 * What each moderation action does. Pinning approves (a moderator may put a waiting
 * question straight on the screen); answering, rejecting and archiving take it off the
 * screen; restoring brings it back to the published list.
 */
export function planModeration(action: ModerationAction, now: Date): ModerationPlan {
  switch (action) {
    case 'approve':
      return { from: ['pending', 'rejected'], change: { status: 'approved', held: false } };
    case 'reject':
      return { from: ['pending', 'approved'], change: { status: 'rejected', pinned: false } };
    case 'answer':
      return { from: ['approved'], change: { status: 'answered', answeredAt: now.toISOString(), pinned: false } };
    case 'pin':
      return { from: ['pending', 'approved'], change: { status: 'approved', pinned: true, held: false } };
    case 'unpin':
      return { from: ['approved', 'answered'], change: { pinned: false } };
    case 'archive':
      return { from: ['pending', 'approved', 'answered', 'rejected'], change: { status: 'archived', pinned: false } };
    case 'restore':
      return { from: ['archived', 'rejected', 'answered'], change: { status: 'approved', answeredAt: null } };
  }
}

/** Authors may edit or delete their question until it is answered or taken down. */
export const AUTHOR_EDITABLE: readonly QuestionStatus[] = ['pending', 'approved'];

/**
 * The status an edited question takes: in a moderated session an edit goes back to the
 * queue (or a harmless approved question could be turned into anything); a question the
 * filter holds waits for review wherever it is asked.
 */
export function statusAfterEdit(current: QuestionStatus, moderated: boolean, held: boolean): QuestionStatus {
  if (held || moderated) return 'pending';
  return current;
}

/** Labels as stored: trimmed, case-insensitive duplicates collapsed to the first spelling. */
export function normalizeLabels(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of labels) {
    const label = raw.trim();
    const key = label.toLocaleLowerCase();
    if (label.length === 0 || seen.has(key)) continue;
    seen.add(key);
    result.push(label);
  }
  return result;
}
