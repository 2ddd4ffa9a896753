import type { LatencySummary } from '../measure/latency.js';

export type Unit = 'ms' | 'MB' | 'KB' | 'count' | 'per s' | 'per client per s' | '%' | 'ratio' | 'CPU s' | 'CPU µs' | 'bytes' | 's';

export interface Figure {
  value: number;
  unit: Unit;
  label: string;
}

/** A target from the issue, reported against (never asserted). */
export interface TargetCheck {
  target: string;
  /** null: the run was too small to judge it (quick mode). */
  met: boolean | null;
  /** The figure(s) it was judged on. */
  actual: string;
}

export type ScenarioStatus = 'ok' | 'not run' | 'failed';

export interface ScenarioResult {
  name: string;
  title: string;
  status: ScenarioStatus;
  /** Why a scenario was not run. */
  reason?: string;
  parameters: Record<string, number | string>;
  figures: Record<string, Figure>;
  targets: TargetCheck[];
  notes: string[];
  seconds: number;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  os: string;
  /** 1-minute load average at the start and the end of the run: other work on the machine skews every figure. */
  loadAverage: { start: number; end: number };
}

export interface BenchRun {
  runAt: string;
  mode: 'quick' | 'full';
  machine: Machine;
  seconds: number;
  scenarios: ScenarioResult[];
}

/** Collects one scenario's figures and target checks. */
export class ScenarioReport {
  readonly result: ScenarioResult;
  private readonly startedAt = Date.now();

  constructor(name: string, title: string, parameters: Record<string, number | string>) {
    this.result = { name, title, status: 'ok', parameters, figures: {}, targets: [], notes: [], seconds: 0 };
  }

  figure(key: string, value: number, unit: Unit, label: string): number {
    this.result.figures[key] = { value: round(value), unit, label };
    return value;
  }

  latency(key: string, summary: LatencySummary, label: string): LatencySummary {
    this.figure(`${key}.p50`, summary.p50, 'ms', `${label} p50`);
    this.figure(`${key}.p90`, summary.p90, 'ms', `${label} p90`);
    this.figure(`${key}.p99`, summary.p99, 'ms', `${label} p99`);
    this.figure(`${key}.max`, summary.max, 'ms', `${label} max`);
    this.figure(`${key}.count`, summary.count, 'count', `${label}: samples`);
    return summary;
  }

  target(target: string, met: boolean | null, actual: string): void {
    this.result.targets.push({ target, met, actual });
  }

  note(text: string): void {
    this.result.notes.push(text);
  }

  notRun(reason: string): ScenarioResult {
    this.result.status = 'not run';
    this.result.reason = reason;
    return this.finish();
  }

  failed(error: unknown): ScenarioResult {
    this.result.status = 'failed';
    this.result.reason = error instanceof Error ? error.message : String(error);
    return this.finish();
  }

  finish(): ScenarioResult {
    this.result.seconds = round((Date.now() - this.startedAt) / 1000);
    return this.result;
  }
}

/** Three significant digits are all a benchmark on a shared machine can claim. */
export function round(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return Number(value.toFixed(Math.min(digits, 3)));
}
