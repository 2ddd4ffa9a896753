import { z } from 'zod';

/** Ids in one signal: a node's polls dirtied within one tally interval, far below this. */
const MAX_IDS = 10_000;

/**
 * What one server node tells the others about polls, over Redis pub/sub (DESIGN.md section
 * 6): polls whose tally changed, and polls whose close timer was set or dropped. Not seen by
 * clients; parsed like any input, since anything on the channel can publish.
 * @example { node: 'b1f0…', dirty: ['poll_1'], timers: [] }
 */
export const PollSignalMessage = z.object({
  /** The sending node, so that it can ignore its own messages. */
  node: z.string().min(1).max(100),
  dirty: z.array(z.string().min(1).max(100)).max(MAX_IDS),
  timers: z.array(z.string().min(1).max(100)).max(MAX_IDS),
});
export type PollSignalMessage = z.infer<typeof PollSignalMessage>;
