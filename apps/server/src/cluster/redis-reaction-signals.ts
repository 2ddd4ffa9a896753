import { randomUUID } from 'node:crypto';
import { ReactionSignalMessage } from '@jisr/protocol/cluster';
import type { ReactionSignals } from '../audience/reaction-signals.js';
import type { Logger } from '../logger.js';
import type { ClusterRedisClient } from './redis-client.js';

/**
 * Reaction signals over one Redis pub/sub channel, on the connection the poll signals
 * already subscribe with (a subscribed connection may hold several channels). Every node
 * hears its own messages too: they carry the sender's id and it skips them.
 */
export async function openRedisReactionSignals(
  publisher: ClusterRedisClient,
  subscriber: ClusterRedisClient,
  channel: string,
  logger: Logger,
): Promise<ReactionSignals> {
  const node = randomUUID();
  const listeners = new Set<(signal: Record<string, ReactionSignalMessage['sessions'][string]>) => void>();

  await subscriber.subscribe(channel, (raw) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      logger.warn({ err: error, channel }, 'reaction signal is not JSON: ignored');
      return;
    }
    const message = ReactionSignalMessage.safeParse(parsed);
    if (!message.success) {
      logger.warn({ channel, issue: message.error.issues[0]?.message }, 'reaction signal of an unknown shape: ignored');
      return;
    }
    if (message.data.node === node) return;
    for (const listener of listeners) listener(message.data.sessions);
  });

  return {
    publish(sessions) {
      const message: ReactionSignalMessage = { node, sessions };
      publisher.publish(channel, JSON.stringify(message)).catch((error: unknown) => {
        logger.warn({ err: error, channel }, 'publishing a reaction signal failed');
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
