import type { ReactionBurst } from '@jisr/protocol/audience';
import { ClientEvent, ServerEvent, type QuestionUpsert } from '@jisr/protocol/events';
import type { Tally } from '@jisr/protocol/poll';
import { clock, sleepUntil } from '../measure/clock.js';
import { encodeHistogram, newHistogram, recordMs } from '../measure/latency.js';
import { joinAsAttendee } from '../server/demo-staff.js';
import { countsBetween, FrameCounters } from '../wire/frame-counters.js';
import { RawClient } from '../wire/raw-client.js';
import { WireClient, type EventListener } from '../wire/wire-client.js';
import { ballotBurst } from './ballot-burst.js';
import { runOpenLoop } from './open-loop.js';
import { qaOps, reactionStorm, voteStorm, type QaState } from './worker-ops.js';
import type {
  JoinResult,
  ObservationsResult,
  Observer,
  ObserverRole,
  WorkerCommand,
  WorkerReply,
  WorkerRequest,
  WorkerResult,
} from './worker-protocol.js';

/**
 * A client worker: a process holding a share of the simulated attendees (and screens, and
 * baseline clients), run by bench.ts over IPC. Most sockets only count what they receive;
 * every `sampleEvery`-th one decodes and timestamps it.
 */

const counters = new FrameCounters();
const attendees: WireClient[] = [];
const staff: WireClient[] = [];
const rawClients: RawClient[] = [];
const observers: Observer[] = [];
let tallies: ObservationsResult['tallies'] = [];
let questions: ObservationsResult['questions'] = [];
let bursts: ObservationsResult['bursts'] = [];
let rawHistogram = newHistogram();
const qa: QaState = { published: [], nextVoter: new Map(), nextAsker: 0 };

function observe(role: ObserverRole, url: string): EventListener {
  const id = `${role}:${process.pid}:${observers.length}`;
  observers.push({ id, role, url });
  return (name, payload, at) => {
    if (name === ServerEvent.PollTally) {
      const tally = payload as Tally;
      tallies.push([id, tally.pollId, tally.total, at]);
    } else if (name === ServerEvent.QuestionUpsert) {
      const { question } = payload as QuestionUpsert;
      questions.push([id, question.id, question.status, question.votes, at]);
    } else if (name === ServerEvent.ReactionBurst) {
      const { counts } = payload as ReactionBurst;
      bursts.push([id, Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0), at]);
    }
  };
}

/** Runs `task(0..count-1)` with at most `concurrency` at once; collects failures. */
async function inBatches(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<JoinResult> {
  const started = clock.now();
  let next = 0;
  let connected = 0;
  let failed = 0;
  const errors: string[] = [];
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      try {
        await task(index);
        connected += 1;
      } catch (error) {
        failed += 1;
        if (errors.length < 3) errors.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return { connected, failed, errors, seconds: (clock.now() - started) / 1000 };
}

async function openSessions(client: WireClient, sessionIds: readonly string[]): Promise<void> {
  for (const sessionId of sessionIds) await client.request(ClientEvent.SessionJoin, { sessionId });
}

async function run(command: WorkerCommand): Promise<WorkerResult> {
  switch (command.kind) {
    case 'join-attendees':
      return inBatches(command.count, command.concurrency, async (index) => {
        const sampled = command.sampleEvery > 0 && index % command.sampleEvery === 0;
        const { token } = await joinAsAttendee(command.url, command.code, `Attendee ${process.pid}-${index}`);
        const client = new WireClient({
          url: command.url,
          token,
          localAddress: command.localAddress,
          counters,
          ...(sampled ? { onEvent: observe('attendee', command.url) } : {}),
        });
        await client.connect();
        attendees.push(client);
        await openSessions(client, command.sessionIds);
      });
    case 'join-staff':
      return inBatches(command.tokens.length, 8, async (index) => {
        const client = new WireClient({
          url: command.url,
          token: command.tokens[index] ?? '',
          localAddress: command.localAddress,
          counters,
          onEvent: observe(command.role, command.url),
        });
        await client.connect();
        staff.push(client);
        await openSessions(client, command.sessionIds);
      });
    case 'raw-connect':
      return inBatches(command.count, command.concurrency, async (index) => {
        const sampled = command.sampleEvery > 0 && index % command.sampleEvery === 0;
        const onFrame = (data: Buffer) => {
          const at = clock.now();
          const { due } = JSON.parse(data.toString('utf8')) as { due: number };
          recordMs(rawHistogram, at - due);
        };
        const client = new RawClient(command.url, counters, command.localAddress, sampled ? onFrame : undefined);
        await client.connect();
        rawClients.push(client);
      });
    case 'window': {
      await sleepUntil(command.from);
      const before = counters.snapshot();
      await sleepUntil(command.to);
      return countsBetween(before, counters.snapshot());
    }
    case 'vote-storm':
      return voteStorm(attendees, command);
    case 'ballot-burst':
      return ballotBurst(attendees, command);
    case 'reaction-storm':
      return reactionStorm(attendees, command);
    case 'qa-ops':
      return qaOps(attendees, qa, command);
    case 'questions-published':
      for (const questionId of command.questionIds) if (!qa.published.includes(questionId)) qa.published.push(questionId);
      return null;
    case 'raw-trigger': {
      const sender = rawClients[0];
      if (!sender) throw new Error('no baseline client to send triggers from');
      await runOpenLoop(command.count, (op) => command.startAt + (op * 1000) / command.rate, (op, due) => {
        sender.send(JSON.stringify({ op, due }));
      });
      return null;
    }
    case 'observations': {
      const result: ObservationsResult = { observers: [...observers], tallies, questions, bursts, rawHistogram: encodeHistogram(rawHistogram) };
      tallies = [];
      questions = [];
      bursts = [];
      rawHistogram = newHistogram();
      return result;
    }
    case 'close':
      for (const client of [...attendees, ...staff]) client.close();
      for (const client of rawClients) client.close();
      return null;
  }
}

process.on('message', (request: WorkerRequest) => {
  const reply = (message: WorkerReply) => process.send?.(message);
  run(request.command).then(
    (result) => reply({ id: request.id, ok: true, result }),
    (error: unknown) => reply({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
// The bench process going away ends the worker with it.
process.on('disconnect', () => process.exit(0));
