import { REACTION_KINDS, type ReactionCounts, type ReactionKind } from '@jisr/protocol/audience';

/**
 * Each reaction's colour. The pictures are drawn in SVG (ReactionIcon.svelte), not emoji: a
 * projector's Linux box often has no colour emoji font, and a row of empty boxes on the wall
 * is worse than no burst. Names come from the dictionaries (`reactions.<kind>`).
 */
export const REACTION_COLOR: Record<ReactionKind, string> = {
  clap: '#b7791f',
  heart: '#c92a4b',
  laugh: '#d9480f',
  think: '#1864ab',
  up: '#2b7a4b',
};

/** One picture floating up the screen's margin. */
export interface BurstSprite {
  kind: ReactionKind;
  /** Where across the margin it rises, 0 (the stage's side) to 1 (the outer edge). */
  lane: number;
  /** When it starts after the burst arrived, in ms: a burst reads as a flurry, not a block. */
  delay: number;
  /** Its size against the margin's width (a bigger count, a bigger picture). */
  scale: number;
}

/** Light on purpose: a burst never draws more than this many pictures, however many taps it carries. */
export const BURST_MAX_SPRITES = 8;
/** One kind's pictures in one burst at most: four claps already read as applause. */
const PER_KIND_MAX = 4;

/** A small repeatable spread (no Math.random: the same burst draws the same way in tests). */
function spread(seed: number, at: number): number {
  const x = Math.sin(seed * 12.9898 + at * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

/**
 * The pictures a burst draws: per kind, one more for each doubling of its count (1, 2-3, 4-7,
 * 8+), the most tapped kinds first, BURST_MAX_SPRITES in all. `seed` varies the lanes and
 * delays from one burst to the next.
 */
export function burstSprites(counts: ReactionCounts, seed: number): BurstSprite[] {
  const kinds = REACTION_KINDS.filter((kind) => (counts[kind] ?? 0) > 0).sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0));
  const sprites: BurstSprite[] = [];
  for (const kind of kinds) {
    const n = counts[kind] ?? 0;
    const many = Math.min(PER_KIND_MAX, 1 + Math.floor(Math.log2(n)));
    for (let i = 0; i < many && sprites.length < BURST_MAX_SPRITES; i += 1) {
      const at = sprites.length;
      sprites.push({
        kind,
        lane: spread(seed, at),
        delay: Math.round(spread(seed + 1, at) * 400),
        scale: Math.min(1.4, 0.8 + 0.1 * Math.log2(n + 1)),
      });
    }
  }
  return sprites;
}
