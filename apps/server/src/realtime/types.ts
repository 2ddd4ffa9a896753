import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '@jisr/protocol/events';
import type { Server, Socket } from 'socket.io';

export type JisrServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type JisrSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
