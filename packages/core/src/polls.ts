import type { Poll } from '@jisr/protocol/poll';
import type { Actor } from './actor.js';

/** Drafts are the moderators' work in progress: nobody else sees them. */
export function isPollVisible(poll: Poll, viewer: Actor): boolean {
  if (poll.state !== 'draft') return true;
  return viewer.role === 'organizer' || viewer.role === 'moderator';
}
