import WebSocket from 'ws';
import type { FrameCounters } from './frame-counters.js';

/** A plain websocket client of the raw-ws baseline server: counts frames, or hands them over when sampled. */
export class RawClient {
  private ws: WebSocket | null = null;

  constructor(
    private readonly url: string,
    private readonly counters: FrameCounters,
    private readonly localAddress: string,
    private readonly onFrame?: (data: Buffer) => void,
  ) {}

  connect(timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, { perMessageDeflate: false, localAddress: this.localAddress });
      this.ws = ws;
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error(`no websocket open within ${timeoutMs} ms`));
      }, timeoutMs);
      ws.once('open', () => {
        clearTimeout(timer);
        resolve();
      });
      ws.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      ws.on('close', () => {
        this.counters.disconnects += 1;
      });
      ws.on('message', (data: Buffer) => {
        this.counters.frames += 1;
        this.counters.bytes += data.length;
        this.counters.count('broadcast', data.length);
        this.onFrame?.(data);
      });
    });
  }

  send(text: string): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(text);
  }

  close(): void {
    this.ws?.terminate();
  }
}
