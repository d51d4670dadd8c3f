import pino, { type Logger } from 'pino';

/**
 * JSON lines, UTC timestamps. Never log names, emails, phones, passwords or tokens: call sites
 * log ids, and these paths are censored in case an object slips through.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      base: { app: 'civic-panel' },
      redact: {
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          'email',
          '*.email',
          'phone',
          '*.phone',
          'name',
          '*.name',
          'req.headers.cookie',
          'req.headers.authorization',
          'to',
          '*.to',
        ],
        censor: '[redacted]',
      },
      formatters: {
        log: (obj) => (typeof obj.err === 'string' ? { ...obj, err: scrub(obj.err) } : obj),
      },
    },
    destination,
  );
}

/** Removes email addresses and long tokens from free text (e.g. an SMTP error message). */
export function scrub(text: string): string {
  return text
    .replace(/[^\s<>"']+@[^\s<>"']+/g, '[email]')
    .replace(/[A-Za-z0-9_-]{32,}/g, '[token]');
}
