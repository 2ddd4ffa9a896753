/** Frames and bytes a worker's sockets received, in total and per server event name. */
export interface FrameCountSnapshot {
  frames: number;
  bytes: number;
  disconnects: number;
  events: Record<string, { frames: number; bytes: number }>;
}

/** Shared by every socket of a worker: counting is all most sockets do with a frame. */
export class FrameCounters {
  frames = 0;
  bytes = 0;
  disconnects = 0;
  private readonly events = new Map<string, { frames: number; bytes: number }>();

  count(name: string, bytes: number): void {
    const entry = this.events.get(name);
    if (entry) {
      entry.frames += 1;
      entry.bytes += bytes;
    } else {
      this.events.set(name, { frames: 1, bytes });
    }
  }

  snapshot(): FrameCountSnapshot {
    const events: FrameCountSnapshot['events'] = {};
    for (const [name, entry] of this.events) events[name] = { ...entry };
    return { frames: this.frames, bytes: this.bytes, disconnects: this.disconnects, events };
  }
}

/** What arrived between two snapshots. */
export function countsBetween(before: FrameCountSnapshot, after: FrameCountSnapshot): FrameCountSnapshot {
  const events: FrameCountSnapshot['events'] = {};
  for (const [name, entry] of Object.entries(after.events)) {
    const earlier = before.events[name] ?? { frames: 0, bytes: 0 };
    events[name] = { frames: entry.frames - earlier.frames, bytes: entry.bytes - earlier.bytes };
  }
  return {
    frames: after.frames - before.frames,
    bytes: after.bytes - before.bytes,
    disconnects: after.disconnects - before.disconnects,
    events,
  };
}

/** Sums the counts of several workers. */
export function sumCounts(parts: readonly FrameCountSnapshot[]): FrameCountSnapshot {
  const total: FrameCountSnapshot = { frames: 0, bytes: 0, disconnects: 0, events: {} };
  for (const part of parts) {
    total.frames += part.frames;
    total.bytes += part.bytes;
    total.disconnects += part.disconnects;
    for (const [name, entry] of Object.entries(part.events)) {
      const sum = (total.events[name] ??= { frames: 0, bytes: 0 });
      sum.frames += entry.frames;
      sum.bytes += entry.bytes;
    }
  }
  return total;
}
