import { randomUUID } from 'node:crypto';
import { PollSignalMessage } from '@jisr/protocol/cluster';
import type { Logger } from '../logger.js';
import type { PollSignal, PollSignals } from '../polls/poll-signals.js';
import type { ClusterRedisClient } from './redis-client.js';

export interface RedisPollSignals extends PollSignals {
  /** Subscribed and connected: marks from other nodes arrive. */
  readonly isListening: boolean;
}

/**
 * Poll signals over one Redis pub/sub channel. Publishing goes through the shared client;
 * listening takes a connection of its own (a subscribed connection can do nothing else).
 * Every node hears its own messages too: they carry the sender's id and it skips them.
 */
export async function openRedisPollSignals(
  publisher: ClusterRedisClient,
  subscriber: ClusterRedisClient,
  channel: string,
  logger: Logger,
): Promise<RedisPollSignals> {
  const node = randomUUID();
  const listeners = new Set<(signal: PollSignal) => void>();

  await subscriber.subscribe(channel, (raw) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      logger.warn({ err: error, channel }, 'poll signal is not JSON: ignored');
      return;
    }
    const message = PollSignalMessage.safeParse(parsed);
    if (!message.success) {
      logger.warn({ channel, issue: message.error.issues[0]?.message }, 'poll signal of an unknown shape: ignored');
      return;
    }
    if (message.data.node === node) return;
    const signal: PollSignal = { dirty: message.data.dirty, timers: message.data.timers };
    for (const listener of listeners) listener(signal);
  });

  return {
    get isListening() {
      return subscriber.isReady;
    },
    publish(signal) {
      const message: PollSignalMessage = { node, dirty: signal.dirty, timers: signal.timers };
      // The publisher keeps an offline queue: while Redis is away this waits for it, and
      // fails only when the node shuts down.
      publisher.publish(channel, JSON.stringify(message)).catch((error: unknown) => {
        logger.warn({ err: error, channel }, 'publishing a poll signal failed');
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
