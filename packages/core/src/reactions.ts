import { REACTION_KINDS, type ReactionCounts, type ReactionKind } from '@jisr/protocol/audience';

/** Adds `more` into `into` (kinds summed) and returns `into`. */
export function addReactions(into: ReactionCounts, more: ReactionCounts): ReactionCounts {
  for (const kind of REACTION_KINDS) {
    const n = more[kind];
    if (n) into[kind] = (into[kind] ?? 0) + n;
  }
  return into;
}

/** All reactions of a count, whatever the kind. */
export function totalReactions(counts: ReactionCounts): number {
  let total = 0;
  for (const kind of REACTION_KINDS) total += counts[kind] ?? 0;
  return total;
}

/** One tap, as a count. */
export function oneReaction(kind: ReactionKind): ReactionCounts {
  return { [kind]: 1 };
}

/** Reactions are for the room while the session runs: once it is over (or cancelled), a tap is refused. */
export function reactionRefusal(session: { status: string }): 'session_over' | null {
  return session.status === 'ended' || session.status === 'cancelled' ? 'session_over' : null;
}
