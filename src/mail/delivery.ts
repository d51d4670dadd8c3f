import crypto from 'node:crypto';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { HOUR, MINUTE } from '../clock';
import type { DB } from '../db/database';
import type { OutboxRow } from '../db/schema';
import type { Attachment } from './mailer';
import { maskLinks } from './redact';
import { scrub } from '../logger';
import { leaseNextDue, markAttemptFailed, markSent, scrubRecipient } from './outbox.queries';

export interface MailTransport {
  sendMail(message: SendMailOptions): Promise<unknown>;
  close?(): void;
}

export function smtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport(smtpUrl);
}

export interface DeliveryOptions {
  db: DB;
  transport: MailTransport;
  clock: Clock;
  logger: Logger;
  from: string;
  maxAttempts?: number;
  baseDelayMs?: number;
  leaseMs?: number;
}

/** Sends due outbox rows with retries and exponential backoff; `failed` after maxAttempts. */
export class OutboxDelivery {
  readonly owner = `worker-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly leaseMs: number;

  constructor(private readonly o: DeliveryOptions) {
    this.maxAttempts = o.maxAttempts ?? 6;
    this.baseDelayMs = o.baseDelayMs ?? MINUTE;
    this.leaseMs = o.leaseMs ?? 5 * MINUTE;
  }

  /** Delay before attempt n+1 after n failures: 1, 2, 4, 8 … minutes, at most 6 hours. */
  backoff(failures: number): number {
    return Math.min(this.baseDelayMs * 2 ** (failures - 1), 6 * HOUR);
  }

  /** Sends what is due now, up to `max` messages. Returns how many were sent and failed. */
  async deliverDue(max = 20): Promise<{ sent: number; retried: number; failed: number }> {
    const tally = { sent: 0, retried: 0, failed: 0 };
    for (let i = 0; i < max; i++) {
      const row = await leaseNextDue(this.o.db, this.owner, this.o.clock.now(), this.leaseMs);
      if (!row) break;
      try {
        await this.o.transport.sendMail(toNodemailer(row, this.o.from));
        await markSent(this.o.db, row.id, this.owner, this.o.clock.now(), {
          text: maskLinks(row.text_body),
          html: maskLinks(row.html_body),
        });
        if (row.scrub_after_send) await scrubRecipient(this.o.db, row.id);
        tally.sent++;
        this.o.logger.info({ outboxId: row.id, template: row.template }, 'mail sent');
      } catch (err) {
        const attempts = row.attempts + 1;
        const failed = attempts >= this.maxAttempts;
        const now = this.o.clock.now();
        const message = err instanceof Error ? err.message : String(err);
        await markAttemptFailed(this.o.db, row.id, this.owner, {
          status: failed ? 'failed' : 'queued',
          attempts,
          nextAttemptAt: new Date(now.getTime() + this.backoff(attempts)),
          // SMTP errors often quote the address: never keep it for someone who was deleted.
          error: row.scrub_after_send ? 'not delivered' : scrub(message),
        });
        if (failed && row.scrub_after_send) await scrubRecipient(this.o.db, row.id);
        if (failed) tally.failed++;
        else tally.retried++;
        this.o.logger.warn(
          { outboxId: row.id, attempts, failed, err: scrub(message) },
          'mail not sent',
        );
        // The server is probably down: stop this round instead of failing every message at once.
        break;
      }
    }
    return tally;
  }
}

function toNodemailer(row: OutboxRow, from: string): SendMailOptions {
  const attachments = JSON.parse(row.attachments) as Attachment[];
  return {
    from,
    to: row.to_name ? { name: row.to_name, address: row.to_address } : row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    messageId: row.message_id,
    headers: { 'Content-Language': row.language },
    attachments: attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.content, 'base64'),
    })),
  };
}
