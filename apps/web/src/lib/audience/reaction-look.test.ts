import { describe, expect, it } from 'vitest';
import { BURST_MAX_SPRITES, burstSprites } from './reaction-look.js';

describe('burstSprites', () => {
  it('draws one picture more per doubling of a kind’s count, the most tapped kind first', () => {
    const sprites = burstSprites({ up: 1, clap: 8, heart: 2 }, 1);
    expect(sprites.map((sprite) => sprite.kind)).toEqual(['clap', 'clap', 'clap', 'clap', 'heart', 'heart', 'up']);
    // A bigger count, a bigger picture, within bounds.
    expect(sprites[0]?.scale).toBeGreaterThan(sprites.at(-1)?.scale ?? 0);
    for (const sprite of sprites) {
      expect(sprite.lane).toBeGreaterThanOrEqual(0);
      expect(sprite.lane).toBeLessThan(1);
      expect(sprite.delay).toBeGreaterThanOrEqual(0);
      expect(sprite.delay).toBeLessThanOrEqual(400);
      expect(sprite.scale).toBeLessThanOrEqual(1.4);
    }
  });

  it('stays light however big the burst', () => {
    expect(burstSprites({ clap: 5000, heart: 900, laugh: 300, think: 40, up: 2000 }, 7)).toHaveLength(BURST_MAX_SPRITES);
    expect(burstSprites({}, 7)).toEqual([]);
  });

  it('draws the same burst the same way for the same seed', () => {
    expect(burstSprites({ clap: 3 }, 42)).toEqual(burstSprites({ clap: 3 }, 42));
  });
});
