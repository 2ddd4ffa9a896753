import type { MuteScope } from '@jisr/protocol/audience';

/**
 * The lengths a moderator picks from, in minutes; null is "until lifted". Three short ones
 * cover a heated exchange, the rest of a talk and the rest of a block; anything longer is a
 * decision to come back to, so it has no end by itself.
 */
export const MUTE_DURATIONS = [10, 30, 60, null] as const;
export type MuteDuration = (typeof MUTE_DURATIONS)[number];

/** Each length's dictionary key under `audience.duration`. */
export const DURATION_KEY = { 10: 'm10', 30: 'm30', 60: 'm60' } as const;

/** What the dialog sends: the scope, and minutes only for a timed mute. */
export interface MuteChoice {
  scope: MuteScope;
  minutes: number | undefined;
}
