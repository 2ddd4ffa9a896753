/** The parts of a V8 .cpuprofile (node --cpu-prof) that a summary needs. */
interface CpuProfile {
  nodes: { id: number; hitCount?: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Samples per node id, counting only those taken inside `windows` (monotonic µs). */
function hitsWithin(profile: CpuProfile, windows: readonly (readonly [number, number])[]): { hits: Map<number, number>; seconds: number } {
  const hits = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let at = profile.startTime;
  for (let index = 0; index < samples.length; index += 1) {
    at += deltas[index] ?? 0;
    if (!windows.some(([from, to]) => at >= from && at <= to)) continue;
    const id = samples[index] ?? 0;
    hits.set(id, (hits.get(id) ?? 0) + 1);
  }
  const seconds = windows.reduce((sum, [from, to]) => sum + Math.max(0, Math.min(to, profile.endTime) - Math.max(from, profile.startTime)), 0) / 1e6;
  return { hits, seconds };
}

/** Where a function lives: a package, the server's own code, or Node itself. */
function owner(url: string): string {
  if (!url) return '(native/gc)';
  const inModules = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules?.[1]) return inModules[1];
  if (url.startsWith('node:')) return 'node core';
  const inRepo = /\/(apps|packages)\/([^/]+)\//.exec(url);
  if (inRepo) return `${inRepo[1]}/${inRepo[2]}`;
  return url.split('/').slice(-1)[0] ?? url;
}

/**
 * The top self-time functions and owners of a profile, in one line: where a saturated
 * server spends its CPU (idle time left out).
 */
export function summarizeProfile(profile: CpuProfile, windows: readonly (readonly [number, number])[] = [], top = 8): string {
  const within = windows.length > 0 && profile.samples ? hitsWithin(profile, windows) : null;
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let busy = 0;
  let total = 0;
  for (const node of profile.nodes) {
    const hits = within ? (within.hits.get(node.id) ?? 0) : (node.hitCount ?? 0);
    const { functionName, url, lineNumber } = node.callFrame;
    total += hits;
    if (hits === 0 || functionName === '(idle)' || functionName === '(program)') continue;
    busy += hits;
    const file = url.split('/').slice(-1)[0] ?? '';
    const name = `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
    byOwner.set(owner(url), (byOwner.get(owner(url)) ?? 0) + hits);
  }
  const share = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, hits]) => `${name} ${((hits / Math.max(1, busy)) * 100).toFixed(1)}%`)
      .join(', ');
  const seconds = within ? within.seconds : (profile.endTime - profile.startTime) / 1e6;
  const span = within ? `${seconds.toFixed(1)} s of measured phases` : `${seconds.toFixed(0)} s (whole process)`;
  return `${span}, ${((busy / Math.max(1, total)) * 100).toFixed(0)}% of samples busy; busy time by owner: ${share(byOwner)}; top functions (self): ${share(byFunction)}`;
}
