import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import {
  cancelQueuedTo,
  hasRecentMailTo,
  insertMessage,
  mailTo,
  scrubMailTo,
} from './outbox.queries';
import { renderMail, stripLineBreaks, type TemplateData, type TemplateName } from './templates';

export interface Attachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

export interface MailRequest<N extends TemplateName> {
  template: N;
  to: string;
  toName?: string | null;
  language: string;
  data: TemplateData<N>;
  attachments?: Attachment[];
  staffUserId?: number | null;
}

/** A rendered message, ready to be written in the same transaction as the action causing it. */
export interface ComposedMail {
  template: string;
  to: string;
  toName: string | null;
  language: string;
  subject: string;
  text: string;
  html: string;
  attachments: Attachment[];
  staffUserId: number | null;
  /** The resident it is for: deletion cancels or blanks their mail. */
  participantId?: number | null;
  /** Blank the address and body once sent (the goodbye to someone deleted). */
  scrubAfterSend?: boolean;
}

/**
 * Writes mail to the outbox; the job runner sends it later. Compose (render) first, outside the
 * transaction, then enqueue inside it, so the message exists exactly when the action committed.
 * With no SMTP_URL the message is `kept`: stored and shown on the staff Mail log, never sent.
 */
export class Mailer {
  constructor(
    private readonly config: Pick<Config, 'smtpUrl' | 'baseUrl' | 'cityNames'>,
    private readonly clock: Clock,
  ) {}

  get delivers(): boolean {
    return Boolean(this.config.smtpUrl);
  }

  async compose<N extends TemplateName>(req: MailRequest<N>): Promise<ComposedMail> {
    const rendered = await renderMail(req.template, req.language, req.data, this.config.cityNames);
    return {
      template: req.template,
      to: stripLineBreaks(req.to),
      toName: req.toName ? stripLineBreaks(req.toName) : null,
      language: req.language,
      ...rendered,
      attachments: req.attachments ?? [],
      staffUserId: req.staffUserId ?? null,
    };
  }

  async enqueue(db: Kysely<Database>, mail: ComposedMail): Promise<number> {
    const now = this.clock.now().toISOString();
    return insertMessage(db, {
      message_id: `<${crypto.randomUUID()}@${new URL(this.config.baseUrl).hostname}>`,
      template: mail.template,
      // Kept (never sent) mail to someone deleted keeps no address at all.
      to_address: mail.scrubAfterSend && !this.delivers ? '(deleted)' : mail.to,
      to_name: mail.toName,
      language: mail.language,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      attachments: JSON.stringify(mail.attachments),
      status: this.delivers ? 'queued' : 'kept',
      next_attempt_at: now,
      lease_owner: null,
      lease_until: null,
      last_error: null,
      staff_user_id: mail.staffUserId,
      participant_id: mail.participantId ?? null,
      scrub_after_send: mail.scrubAfterSend ? 1 : 0,
      created_at: now,
      sent_at: null,
    });
  }

  // ---- What other features may ask about one resident's mail (this feature owns the outbox) ----

  /** Cancels mail not yet sent to a resident (they withdrew or are being deleted). */
  cancelFor(db: Kysely<Database>, participantId: number): Promise<void> {
    return cancelQueuedTo(db, participantId);
  }

  /** Blanks the content of every message to a resident: the log keeps only that mail existed. */
  scrubFor(db: Kysely<Database>, participantId: number): Promise<void> {
    return scrubMailTo(db, participantId);
  }

  /** Whether one of these emails was written to a resident after `since`. */
  sentSince(
    db: Kysely<Database>,
    participantId: number,
    templates: TemplateName[],
    since: Date,
  ): Promise<boolean> {
    return hasRecentMailTo(db, participantId, templates, since.toISOString());
  }

  /** The messages written to a resident, newest first (the Mail log has the bodies). */
  listFor(db: Kysely<Database>, participantId: number) {
    return mailTo(db, participantId);
  }
}
