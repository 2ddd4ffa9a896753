import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FrameCountSnapshot } from '../wire/frame-counters.js';
import type {
  JoinResult,
  ObservationsResult,
  OpsResult,
  StormResult,
  TapsResult,
  BallotBurstResult,
  WorkerCommand,
  WorkerReply,
  WorkerResult,
} from './worker-protocol.js';

const workerEntry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'client-worker.js');

/** What each kind of command resolves with. */
interface ResultOf {
  'join-attendees': JoinResult;
  'join-staff': JoinResult;
  'raw-connect': JoinResult;
  window: FrameCountSnapshot;
  'vote-storm': StormResult;
  'ballot-burst': BallotBurstResult;
  'reaction-storm': TapsResult;
  'qa-ops': OpsResult;
  'questions-published': null;
  'raw-trigger': null;
  observations: ObservationsResult;
  close: null;
}

export interface ClientWorker {
  index: number;
  pid: number;
  /** 127.0.0.x: each worker's sockets come from their own source address (own ephemeral ports). */
  localAddress: string;
  send<C extends WorkerCommand>(command: C): Promise<ResultOf[C['kind']]>;
}

export interface WorkerPool {
  workers: ClientWorker[];
  /** Sends one command per worker (made by `make`) and waits for every reply. */
  all<C extends WorkerCommand>(make: (worker: ClientWorker) => C): Promise<ResultOf[C['kind']][]>;
  stop(): Promise<void>;
}

/** Forks `count` client workers (compiled JS next to this file). */
export function startWorkers(count: number): WorkerPool {
  const children: ChildProcess[] = [];
  const workers: ClientWorker[] = [];
  for (let index = 0; index < count; index += 1) {
    const child = fork(workerEntry, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.push(child);
    const waiting = new Map<number, { resolve: (result: WorkerResult) => void; reject: (error: Error) => void }>();
    let nextId = 0;
    child.on('message', (reply: WorkerReply) => {
      const entry = waiting.get(reply.id);
      if (!entry) return;
      waiting.delete(reply.id);
      if (reply.ok) entry.resolve(reply.result);
      else entry.reject(new Error(`worker ${index}: ${reply.error}`));
    });
    child.on('exit', (code) => {
      for (const entry of waiting.values()) entry.reject(new Error(`worker ${index} exited with ${code}`));
      waiting.clear();
    });
    const pid = child.pid;
    if (pid === undefined) throw new Error('a client worker did not start');
    workers.push({
      index,
      pid,
      localAddress: `127.0.0.${2 + index}`,
      send<C extends WorkerCommand>(command: C): Promise<ResultOf[C['kind']]> {
        const id = nextId;
        nextId += 1;
        return new Promise((resolve, reject) => {
          waiting.set(id, { resolve: resolve as (result: WorkerResult) => void, reject });
          child.send({ id, command });
        });
      },
    });
  }
  return {
    workers,
    all(make) {
      return Promise.all(workers.map((worker) => worker.send(make(worker))));
    },
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.disconnect();
              setTimeout(() => child.kill('SIGKILL'), 5000).unref();
            }),
        ),
      );
    },
  };
}
