import type { Poll } from '@jisr/protocol/poll';
import type { Actor } from './actor.js';

/** Drafts are the moderators' work in progress: nobody else sees them. */
export function isPollVisible(poll: Poll, viewer: Actor): boolean {
  if (poll.state !== 'draft') return true;
  return viewer.role === 'organizer' || viewer.role === 'moderator';
}

/**
 * May this viewer see the poll's results now? Staff and speakers always (they run the
 * room); everyone else as the poll's setting says: live, after close, or once revealed.
 */
export function resultsVisibleTo(poll: Poll, viewer: Actor): boolean {
  if (viewer.role === 'organizer' || viewer.role === 'moderator' || viewer.role === 'speaker') return true;
  if (poll.state === 'draft') return false;
  switch (poll.settings.results) {
    case 'live':
      return true;
    case 'after_close':
      return poll.state === 'closed' || poll.revealed;
    case 'hidden':
      return poll.revealed;
  }
}

/** The poll as this viewer may see it: a quiz keeps its answer from attendees until it closes. */
export function toVisiblePoll(poll: Poll, viewer: Actor): Poll {
  const staff = viewer.role === 'organizer' || viewer.role === 'moderator';
  if (staff || poll.state === 'closed' || poll.settings.correctOption === undefined) return poll;
  const { correctOption: _hidden, ...settings } = poll.settings;
  return { ...poll, settings };
}
