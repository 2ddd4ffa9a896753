import http from 'node:http';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '@jisr/protocol/events';
import type { Store } from '@jisr/store/store';
import express, { type RequestHandler } from 'express';
import { Server } from 'socket.io';
import { createTokenService } from './auth/tokens.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { authRoutes } from './http/auth-routes.js';
import { eventRoutes } from './http/event-routes.js';
import { healthRoutes } from './http/health-routes.js';
import { inviteRoutes } from './http/invite-routes.js';
import { joinRoutes } from './http/join-routes.js';
import { meRoutes } from './http/me-routes.js';
import { sessionRoutes } from './http/session-routes.js';
import { apiNotFound, errorResponder } from './http/respond.js';
import type { Logger } from './logger.js';
import { registerPollHandlers } from './polls/poll-handlers.js';
import { createPollTimers } from './polls/poll-timers.js';
import { createTallyBroadcaster } from './polls/tally-broadcaster.js';
import { createAskLimiter, type AskLimiter } from './qa/ask-limiter.js';
import { registerModerationHandlers } from './qa/moderation-handlers.js';
import { loadProfanityFilter } from './qa/profanity-lists.js';
import { registerQuestionHandlers } from './qa/question-handlers.js';
import { createProjector } from './realtime/projector.js';
import { rooms } from './realtime/rooms.js';
import { socketAuth } from './realtime/socket-auth.js';
import type { JisrServer } from './realtime/types.js';
import { registerSessionHandlers } from './session/session-handlers.js';

export interface AppDeps {
  store: Store;
  config: Config;
  logger: Logger;
  clock: Clock;
  secret: string;
  /** Tests pass a tighter or looser one. */
  askLimiter?: AskLimiter;
  /** The built web app's request handler, mounted after the API; absent in API-only tests. */
  web?: RequestHandler;
}

export interface JisrApp {
  httpServer: http.Server;
  io: JisrServer;
  ctx: AppContext;
  /** Listens and resolves with the actual port (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  /** Disconnects every socket, stops accepting, and waits for open requests; leaves the store open. */
  close(): Promise<void>;
  /** The Express app: the fuzz tests read its routes. */
  express: express.Express;
}

/** Largest message a client may send: a question is 500 characters; 64 kB leaves room for any payload of v1. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/** How long a dropped socket's missed packets are kept for it (connection state recovery). */
const RECOVERY_WINDOW_MS = 2 * 60 * 1000;

/** Builds the whole server. main.ts and the tests wire the same app. */
export function createApp(deps: AppDeps): JisrApp {
  const app = express();
  const httpServer = http.createServer(app);
  const io: JisrServer = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(
    httpServer,
    {
      maxHttpBufferSize: MAX_MESSAGE_BYTES,
      serveClient: false,
      // Long-polling stays on: some venue proxies block websockets.
      transports: ['polling', 'websocket'],
      // A phone whose Wi-Fi drops for up to two minutes gets the packets it missed and
      // keeps its rooms on reconnect (DESIGN.md section 7); after that it rejoins for a snapshot.
      connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: true },
    },
  );
  const events = createProjector(io);
  const tallies = createTallyBroadcaster(io, deps.store, deps.config.TALLY_INTERVAL_MS, deps.logger);
  const ctx: AppContext = {
    store: deps.store,
    tokens: createTokenService(deps.secret),
    clock: deps.clock,
    config: deps.config,
    logger: deps.logger,
    events,
    askLimiter: deps.askLimiter ?? createAskLimiter(),
    isProfane: loadProfanityFilter(),
    tallies,
    pollTimers: createPollTimers(deps.store, events, tallies, deps.logger),
  };

  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(healthRoutes(ctx));
  const api = express.Router();
  api.use(express.json({ limit: MAX_MESSAGE_BYTES }));
  api.use(joinRoutes(ctx));
  api.use(eventRoutes(ctx));
  api.use(authRoutes(ctx));
  api.use(meRoutes(ctx));
  api.use(inviteRoutes(ctx));
  api.use(sessionRoutes(ctx));
  api.use(apiNotFound);
  api.use(errorResponder(deps.logger));
  app.use('/api', api);
  if (deps.web) app.use(deps.web);
  app.use(errorResponder(deps.logger));

  io.use(socketAuth(ctx));
  io.on('connection', (socket) => {
    const logger = deps.logger.child({ socketId: socket.id });
    registerSessionHandlers(ctx, socket, logger);
    registerQuestionHandlers(ctx, socket, logger);
    registerModerationHandlers(ctx, socket, logger);
    registerPollHandlers(ctx, socket, logger);
    const { claims } = socket.data;
    // Agenda changes and announcements reach every page of the event, not only session pages.
    if (claims.kind !== 'user') void socket.join(rooms.event(claims.eventId));
    if (claims.kind === 'staff') void socket.join(rooms.invite(claims.inviteId));
  });

  return {
    httpServer,
    io,
    ctx,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    express: app,
    },
    async close() {
      ctx.pollTimers.stop();
      ctx.tallies.stop();
      // io.close() disconnects every socket and closes the HTTP server it is attached to.
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
    },
  };
}
