import { Writable } from 'node:stream';
import { createLogger, scrub } from '../../src/logger';

describe('scrub', () => {
  it('removes email addresses', () => {
    expect(scrub('550 5.1.1 <maria.lopez+panel@lacity.org>: Recipient address rejected')).toBe(
      '550 5.1.1 <[email]>: Recipient address rejected',
    );
    expect(scrub('to a@b.co and "x.y@example.gov"')).toBe('to [email] and "[email]"');
  });

  it('removes long tokens', () => {
    const token = 'Qm9iYnlfVGFibGVzLWlzLWEtdG9rZW4tMTIzNDU2Nzg5';
    expect(scrub(`GET /set-password?token=${token} failed`)).toBe(
      'GET /set-password?token=[token] failed',
    );
    expect(scrub('a'.repeat(64))).toBe('[token]');
  });

  it('keeps ordinary text, ids and short words', () => {
    const text = 'Connection timeout after 30000ms (outbox 42, attempt 3)';
    expect(scrub(text)).toBe(text);
    expect(scrub('x'.repeat(31))).toBe('x'.repeat(31));
  });
});

describe('createLogger', () => {
  it('scrubs err strings and redacts personal fields', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.warn(
      { err: 'rejected maria@lacity.org', email: 'maria@lacity.org', outboxId: 7 },
      'mail not sent',
    );
    const entry = JSON.parse(lines.join(''));
    expect(entry.err).toBe('rejected [email]');
    expect(entry.email).toBe('[redacted]');
    expect(entry.outboxId).toBe(7);
    expect(lines.join('')).not.toContain('maria');
  });
});
