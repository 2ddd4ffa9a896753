/** With BENCH_TRACE=1, each step of a scenario is printed with the time it took (to stderr). */
const enabled = process.env['BENCH_TRACE'] === '1';
let last = Date.now();

export function trace(step: string): void {
  const now = Date.now();
  if (enabled) process.stderr.write(`  ${step} (+${((now - last) / 1000).toFixed(1)} s)\n`);
  last = now;
}
