import type { BenchRun, ScenarioResult } from './results.js';

const MET = { true: 'met', false: 'missed', null: 'not judged (quick run, or nodes saturated)' } as const;

function formatValue(value: number): string {
  return Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en') : String(value);
}

function scenarioTable(scenario: ScenarioResult): string[] {
  const lines = [`### ${scenario.name}: ${scenario.title}`, ''];
  const parameters = Object.entries(scenario.parameters)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  lines.push(`Parameters: ${parameters || 'none'}; took ${scenario.seconds} s.`, '');
  if (scenario.status !== 'ok') {
    lines.push(`**${scenario.status}**: ${scenario.reason ?? ''}`, '');
    return lines;
  }
  lines.push('| figure | value | unit |', '|---|---:|---|');
  for (const figure of Object.values(scenario.figures)) lines.push(`| ${figure.label} | ${formatValue(figure.value)} | ${figure.unit} |`);
  lines.push('');
  for (const note of scenario.notes) lines.push(`- ${note}`);
  if (scenario.notes.length > 0) lines.push('');
  return lines;
}

/** The run as Markdown: machine, targets, then one table per scenario. */
export function toMarkdown(run: BenchRun): string {
  const { machine } = run;
  const lines = [
    `Run ${run.runAt} (${run.mode} mode, ${run.seconds} s) on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB RAM, Node ${machine.node}, ${machine.os}; load average ${machine.loadAverage.start} at the start, ${machine.loadAverage.end} at the end.`,
    '',
    '| target | actual | result |',
    '|---|---|---|',
  ];
  for (const scenario of run.scenarios) {
    for (const target of scenario.targets) lines.push(`| ${target.target} | ${target.actual} | ${MET[String(target.met) as keyof typeof MET]} |`);
  }
  lines.push('');
  for (const scenario of run.scenarios) lines.push(...scenarioTable(scenario));
  return lines.join('\n');
}
