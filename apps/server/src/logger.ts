import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout. Tokens and passwords are redacted wherever they appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'jisr' },
    redact: {
      paths: ['token', '*.token', 'password', '*.password', 'req.headers.authorization', 'auth.token'],
      censor: '[redacted]',
    },
  });
}
