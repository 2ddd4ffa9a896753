import { ServerEvent } from '@jisr/protocol/events';
import type { ScenarioReport } from '../report/results.js';
import type { QaOutcome } from './qa-run.js';

/** The figures of a Q&A run (asks and upvotes), under `prefix`. */
export function reportQa(report: ScenarioReport, prefix: string, qa: QaOutcome, clients: number, label = ''): void {
  const name = (key: string) => `${prefix}${key}`;
  const say = (text: string) => (label ? `${label}: ${text}` : text);
  const upserts = qa.counts.events[ServerEvent.QuestionUpsert] ?? { frames: 0, bytes: 0 };
  const serverCpuSeconds = qa.serverCpu.reduce((sum, window) => sum + window.cpuSeconds, 0);
  report.figure(name('opsSent'), qa.sent, 'count', say('asks and upvotes sent'));
  report.figure(name('opsAcked'), qa.ok, 'count', say('asks and upvotes acked ok'));
  if (qa.askAck.count > 0) {
    report.latency(name('askAck'), qa.askAck, say('ask ack latency'));
    report.latency(name('askToScreen'), qa.askToScreen, say('ask sent -> published question on other phones'));
  }
  report.latency(name('upvoteAck'), qa.upvoteAck, say('upvote ack latency'));
  report.latency(name('upvoteToScreen'), qa.upvoteToScreen, say('upvote sent -> new count on other phones'));
  report.figure(name('unseen'), qa.unseen, 'count', say('(change, phone) pairs never shown'));
  report.figure(name('deliveries'), upserts.frames / qa.windowSeconds, 'per s', say('question messages delivered per second (all clients)'));
  report.figure(name('deliveriesPerClient'), upserts.frames / Math.max(1, clients) / qa.windowSeconds, 'per client per s', say('question messages per client per second'));
  report.figure(name('frameBytes'), upserts.frames > 0 ? upserts.bytes / upserts.frames : 0, 'bytes', say('average question:upsert frame'));
  report.figure(name('serverCpu'), (serverCpuSeconds / qa.windowSeconds) * 100, '%', say('server CPU (100 = one core)'));
  report.figure(name('cpuPerDelivered'), (serverCpuSeconds / Math.max(1, qa.counts.frames)) * 1e6, 'CPU µs', say('server CPU per delivered message'));
  report.figure(name('peakRss'), Math.max(...qa.serverCpu.map((window) => window.peakRssMb)), 'MB', say('server peak RSS'));
  report.figure(name('clientCpu'), (qa.clientCpuSeconds / qa.windowSeconds) * 100, '%', say('load generator CPU (all workers)'));
  report.figure(name('maxSendLag'), qa.maxSendLagMs, 'ms', say('largest lateness of a scheduled send'));
  for (const [code, count] of Object.entries(qa.errors)) report.note(say(`${count} ops failed with ${code}`));
}
