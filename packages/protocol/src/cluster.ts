import { z } from 'zod';
import { ReactionCounts } from './audience.js';

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

/** Sessions in one reaction signal: a node's sessions with taps within one burst interval, far below this. */
const MAX_SESSIONS = 10_000;

/**
 * What one node tells the others about reactions, over Redis pub/sub, once per burst
 * interval at most: the taps it took since its last signal, by session and kind. Each node
 * adds what it hears to its own next burst, which it sends to its own sockets only, so a
 * screen hears one burst per interval however many nodes took taps. Parsed like any input.
 * @example { node: 'b1f0…', sessions: { se_1: { clap: 40 } } }
 */
export const ReactionSignalMessage = z.object({
  node: z.string().min(1).max(100),
  sessions: z
    .record(z.string().min(1).max(100), ReactionCounts)
    .refine((sessions) => Object.keys(sessions).length <= MAX_SESSIONS, 'too many sessions'),
});
export type ReactionSignalMessage = z.infer<typeof ReactionSignalMessage>;
