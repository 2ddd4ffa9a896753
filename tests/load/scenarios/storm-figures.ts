import { ServerEvent } from '@jisr/protocol/events';
import type { ScenarioReport } from '../report/results.js';
import type { StormOutcome } from './storm-run.js';

/** The figures every vote storm reports, under `prefix` (e.g. `sqlite.`). */
export function reportStorm(report: ScenarioReport, prefix: string, storm: StormOutcome, clients: number, label = ''): void {
  const name = (key: string) => `${prefix}${key}`;
  const say = (text: string) => (label ? `${label}: ${text}` : text);
  const tallies = storm.counts.events[ServerEvent.PollTally] ?? { frames: 0, bytes: 0 };
  const serverCpuSeconds = storm.serverCpu.reduce((sum, window) => sum + window.cpuSeconds, 0);
  report.figure(name('votesSent'), storm.sent, 'count', say('votes sent'));
  report.figure(name('votesAcked'), storm.ok, 'count', say('votes acked ok'));
  report.figure(name('voteErrors'), storm.sent - storm.ok, 'count', say('votes refused or timed out'));
  report.figure(name('ackedPerSecond'), storm.ackedPerSecond, 'per s', say('votes acked per second'));
  report.latency(name('ack'), storm.ack, say('vote ack latency (from scheduled send)'));
  report.latency(name('voteToScreen'), storm.voteToScreen, say('vote-to-screen latency'));
  report.figure(name('unseenVotes'), storm.unseenVotes, 'count', say('(vote, screen) pairs never shown'));
  report.figure(name('tallyRate'), tallies.frames / Math.max(1, clients) / storm.windowSeconds, 'per client per s', say('tally messages per client per second'));
  report.figure(name('tallyDeliveries'), tallies.frames / storm.windowSeconds, 'per s', say('tally messages delivered per second (all clients)'));
  report.figure(name('serverCpu'), (serverCpuSeconds / storm.windowSeconds) * 100, '%', say('server CPU during the storm (100 = one core)'));
  report.figure(name('serverCpuSeconds'), serverCpuSeconds, 'CPU s', say('server CPU seconds'));
  report.figure(name('cpuPerDelivered'), (serverCpuSeconds / Math.max(1, storm.counts.frames)) * 1e6, 'CPU µs', say('server CPU per delivered message'));
  report.figure(name('peakRss'), Math.max(...storm.serverCpu.map((window) => window.peakRssMb)), 'MB', say('server peak RSS'));
  report.figure(name('clientCpu'), (storm.clientCpuSeconds / storm.windowSeconds) * 100, '%', say('load generator CPU (all workers)'));
  report.figure(name('maxSendLag'), storm.maxSendLagMs, 'ms', say('largest lateness of a scheduled send'));
  for (const [code, count] of Object.entries(storm.errors)) report.note(say(`${count} votes failed with ${code}`));
}
