import fs from 'node:fs';

/** Linux reports process CPU time in clock ticks: 100 per second on every common kernel build. */
const TICKS_PER_SECOND = 100;

export interface ProcSample {
  /** user + system CPU time since the process started, in seconds. */
  cpuSeconds: number;
  /** Resident set size in MB. */
  rssMb: number;
}

/** Reads /proc/<pid>/stat (utime, stime) and /proc/<pid>/status (VmRSS); null once the process is gone. */
export function readProc(pid: number): ProcSample | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { cpuSeconds: (utime + stime) / TICKS_PER_SECOND, rssMb: rssKb / 1024 };
  } catch {
    return null;
  }
}

export interface ProcWindow {
  cpuSeconds: number;
  /** Average CPU over the window, 100 = one core busy. */
  cpuPercent: number;
  peakRssMb: number;
  endRssMb: number;
  seconds: number;
}

/**
 * Samples processes every `everyMs` while a measurement runs: CPU seconds spent in the
 * window and the peak RSS. `stop()` returns one window per pid, in the order given.
 */
export function sampleProcesses(pids: readonly number[], everyMs = 250): { stop(): ProcWindow[] } {
  const startedAt = Date.now();
  const first = pids.map((pid) => readProc(pid));
  const peak = first.map((sample) => sample?.rssMb ?? 0);
  const timer = setInterval(() => {
    pids.forEach((pid, index) => {
      const sample = readProc(pid);
      if (sample && sample.rssMb > (peak[index] ?? 0)) peak[index] = sample.rssMb;
    });
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const seconds = (Date.now() - startedAt) / 1000;
      return pids.map((pid, index) => {
        const last = readProc(pid);
        const cpuSeconds = last && first[index] ? last.cpuSeconds - (first[index]?.cpuSeconds ?? 0) : 0;
        const endRssMb = last?.rssMb ?? 0;
        return {
          cpuSeconds,
          cpuPercent: seconds > 0 ? (cpuSeconds / seconds) * 100 : 0,
          peakRssMb: Math.max(peak[index] ?? 0, endRssMb),
          endRssMb,
          seconds,
        };
      });
    },
  };
}

/** CPU and RSS of `pids` between two epoch times (ms), sampled in the background. */
export async function sampleBetween(pids: readonly number[], from: number, to: number): Promise<ProcWindow[]> {
  const wait = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - (performance.timeOrigin + performance.now()))));
  await wait(from);
  const sampler = sampleProcesses(pids);
  await wait(to);
  return sampler.stop();
}

/**
 * How long the process's main thread (a Node process's event loop) has waited for a CPU while
 * runnable, in ms (/proc/<pid>/schedstat, second field); null once the process is gone. On a
 * shared machine this says how much of an event-loop delay was other work holding the cores.
 */
export function runQueueWaitMs(pid: number): number | null {
  try {
    const [, waitNs] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ');
    return Number(waitNs) / 1e6;
  } catch {
    return null;
  }
}
