import { ClientEvent } from '@jisr/protocol/events';
import { sleep } from '../measure/clock.js';
import { ScenarioReport, type ScenarioResult } from '../report/results.js';
import { benchEvent } from '../server/demo-staff.js';
import { connectModerator, joinAttendees, startWorkersAndNode, stopNodes, workersFor, type BenchOptions } from './common.js';
import { reportQa } from './qa-figures.js';
import { runQa, seedQuestions } from './qa-run.js';

/** One op in five is a new question, the rest upvotes: a lively Q&A. */
const ASK_EVERY = 5;
const SEEDED = 3;

/**
 * Scenario 3: a moderated Q&A. Attendees ask and upvote at R/s; a moderator approves every
 * question as it arrives; what matters is how soon the others' phones show it.
 */
export async function qaScenario(options: BenchOptions): Promise<ScenarioResult> {
  const clients = options.clients ?? (options.quick ? 200 : 2000);
  const rate = options.rate ?? (options.quick ? 40 : 200);
  const seconds = options.seconds ?? (options.quick ? 3 : 10);
  const workers = workersFor(clients);
  const report = new ScenarioReport('qa', 'Moderated Q&A: questions and upvotes, a moderator approving', {
    clients,
    rate,
    seconds,
    askEvery: ASK_EVERY,
    workers,
  });
  const { pool, node } = await startWorkersAndNode(options, workers);
  try {
    const event = await benchEvent(node.url);
    const sessionId = event.moderatedSessionId;
    const moderator = await connectModerator(node.url, event, sessionId);
    let approvals = 0;
    moderator.onPending((questionId) => {
      moderator.client.emit(ClientEvent.QuestionModerate, { questionId, action: 'approve' }, (ack) => {
        if (!ack.ok) return;
        approvals += 1;
        void pool.all(() => ({ kind: 'questions-published' as const, questionIds: [questionId] }));
      });
    });
    const seeded = await seedQuestions(node.url, event, sessionId, SEEDED);
    const deadline = Date.now() + 10_000;
    while (approvals < SEEDED && Date.now() < deadline) await sleep(50);
    if (approvals < SEEDED) throw new Error('the moderator could not approve the seeded questions');
    await joinAttendees(pool, [node.url], event, clients, [sessionId]);
    const qa = await runQa({
      pool,
      sessionId,
      rate,
      seconds,
      askEvery: ASK_EVERY,
      questionIds: seeded,
      serverPids: [node.pid],
      nodeOfWorker: () => node.url,
    });
    reportQa(report, '', qa, clients);
    report.figure('approvals', approvals, 'count', 'questions the moderator approved');
    report.note(
      'Each asker asks once per run, within the ask limit of 5 questions a minute per attendee (never raised for the benchmark); ask -> screen includes the moderator bot approving on sight.',
    );
    moderator.close();
    await pool.all(() => ({ kind: 'close' as const }));
    return report.finish();
  } finally {
    await pool.stop();
    await stopNodes(report, options, [node]);
  }
}
