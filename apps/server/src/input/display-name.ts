import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

/**
 * A name a person chose for themselves (attendee display name, staff name): shown on the
 * room screen, leaderboards and exports, so it goes through the profanity filter as
 * questions do. A question is held for a moderator; a name has no moderator, so it is
 * refused and the person picks another.
 */
export function acceptableName<T extends string | undefined>(ctx: AppContext, name: T): T {
  if (name !== undefined && ctx.isProfane(name)) throw new AppError('invalid_input', 'name: choose another name', 'name');
  return name;
}
