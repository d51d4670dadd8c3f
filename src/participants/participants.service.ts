import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { DAY, MINUTE } from '../clock';
import type { Config } from '../config';
import type { DB } from '../db/database';
import type { Database, ParticipantRow, ParticipantSource } from '../db/schema';
import { NotFoundError } from '../errors';
import { findUsableLink, insertLink, type LinkPurpose } from '../links/links.queries';
import { newToken } from '../links/tokens';
import type { Mailer } from '../mail/mailer';
import type { TemplateName } from '../mail/templates';
import { markActive } from './activity';
import type { ConsentService } from './consent/consent.service';
import type { Profile } from './profile/profile.schema';
import { choicesOf, profileColumns } from './profile/profile.columns';
import * as q from './participants.queries';

export const CONFIRM_TTL = 7 * DAY;
export const MANAGE_TTL = 30 * DAY;
/** At most one link email of a kind per person in this time. */
export const LINK_MAIL_INTERVAL = 10 * MINUTE;

export interface ParticipantDeps {
  db: DB;
  mailer: Mailer;
  clock: Clock;
  config: Pick<Config, 'baseUrl'>;
  logger: Logger;
  consent: ConsentService;
}

/** Who acts: a resident through their link (null) or a staff member. */
export type Actor = { staffId: number } | null;

type Token = { token: string; hash: string };

export interface NewParticipantOptions {
  status: ParticipantRow['status'];
  source: ParticipantSource;
  recordingConsent: boolean;
  staffId: number | null;
  consentLanguage?: string;
  /** How consent was collected, when it differs from the source (an import of paper forms). */
  consentChannel?: ParticipantSource;
  importId?: number | null;
  /** More writes in the creating transaction (links, an audit row). */
  links?: (trx: Kysely<Database>, participantId: number) => Promise<void>;
  mail?: { template: TemplateName; data: Record<string, unknown> };
  /** An open transaction to run in (an import commits many people in one). */
  db?: Kysely<Database>;
}

/**
 * The participant record that every use case shares: reading a person, creating one with their
 * consent, and the links in resident emails. The use cases (signup/, me/, record/, import/ …)
 * build on it.
 */
export class ParticipantService {
  constructor(readonly d: ParticipantDeps) {}

  now(): Date {
    return this.d.clock.now();
  }

  async get(id: number): Promise<ParticipantRow> {
    const row = await q.findById(this.d.db, id);
    if (!row) throw new NotFoundError();
    return row;
  }

  /** A participant who has not been deleted, or 404. */
  async live(id: number): Promise<ParticipantRow> {
    const p = await this.get(id);
    if (p.status === 'deleted') throw new NotFoundError();
    return p;
  }

  findByEmail(email: string): Promise<ParticipantRow | undefined> {
    return q.findByEmail(this.d.db, email);
  }

  choices(id: number) {
    return q.choicesOf(this.d.db, id);
  }

  /** Creates a participant with their choices and consent event (and links and mail) in one transaction. */
  async createWithConsent(profile: Profile, o: NewParticipantOptions): Promise<number> {
    const consent = await this.d.consent.current(o.db);
    const mail =
      o.mail && profile.email
        ? await this.d.mailer.compose({
            template: o.mail.template,
            to: profile.email,
            toName: profile.firstName,
            language: profile.language!,
            data: o.mail.data as never,
          })
        : undefined;
    const now = this.now().toISOString();
    const work = async (trx: Kysely<Database>) => {
      const id = await q.insertParticipant(trx, {
        public_id: crypto.randomBytes(9).toString('base64url'),
        status: o.status,
        source: o.source,
        ...profileColumns(profile),
        recording_consent: o.recordingConsent ? 1 : 0,
        consent_version_id: consent.id,
        created_at: now,
        updated_at: now,
        confirmed_at: o.status === 'active' && o.staffId ? now : null,
        last_contacted_at: mail ? now : null,
        last_active_at: now,
        paused_until: null,
        withdrawn_at: null,
        deleted_at: null,
        created_by_staff_id: o.staffId,
        import_id: o.importId ?? null,
      });
      await q.setChoices(trx, id, choicesOf(profile));
      await this.d.consent.record(trx, {
        participantId: id,
        version: consent,
        language: o.consentLanguage ?? profile.language!,
        channel: o.consentChannel ?? o.source,
        staffId: o.staffId,
      });
      await o.links?.(trx, id);
      if (mail) await this.d.mailer.enqueue(trx, { ...mail, participantId: id });
      return id;
    };
    return o.db ? work(o.db) : this.d.db.transaction().execute(work);
  }

  // ---- Links in resident emails ----

  url(kind: 'c' | 'm' | 'e' | 'stay', token: string): string {
    return `${this.d.config.baseUrl}/me/${kind}/${token}`;
  }

  /** Stores a new link for a participant inside the caller's transaction. */
  addLink(
    trx: Kysely<Database>,
    participantId: number,
    t: Token,
    purpose: LinkPurpose,
    ttl: number,
  ) {
    return insertLink(trx, {
      tokenHash: t.hash,
      purpose,
      staffUserId: null,
      participantId,
      now: this.now(),
      ttlMs: ttl,
    });
  }

  /** The participant a usable link points to, or undefined (unknown, used, expired, deleted). */
  async participantForLink(
    hash: string,
    purpose: LinkPurpose,
  ): Promise<ParticipantRow | undefined> {
    const link = await findUsableLink(this.d.db, hash, [purpose], this.now());
    if (!link?.participant_id) return undefined;
    const p = await q.findById(this.d.db, link.participant_id);
    return p && p.status !== 'deleted' ? p : undefined;
  }

  /** A resident started a session with their manage link: a sign of life. */
  signedInByLink(id: number): Promise<void> {
    return markActive(this.d.db, id, this.now());
  }

  /** An email carrying a fresh manage link (and nothing else to act on). */
  sendManageMail(p: ParticipantRow, template: TemplateName): Promise<void> {
    const manage = newToken();
    return this.mailWithLinks(
      p,
      template,
      [{ token: manage, purpose: 'participant-manage', ttl: MANAGE_TTL }],
      { manageLink: this.url('m', manage.token) },
    );
  }

  /** An email with new links, at most one of a kind per person every few minutes. */
  async mailWithLinks(
    p: ParticipantRow,
    template: TemplateName,
    links: { token: Token; purpose: LinkPurpose; ttl: number }[],
    data: { link?: string; manageLink: string },
  ): Promise<void> {
    if (!p.email) return;
    // Asked for again and again (from many addresses, maybe by someone else): one email per
    // person every few minutes is enough; the page answers the same either way.
    const since = new Date(this.now().getTime() - LINK_MAIL_INTERVAL);
    if (await this.d.mailer.sentSince(this.d.db, p.id, [template], since)) return;
    const mail = await this.d.mailer.compose({
      template,
      to: p.email,
      toName: p.first_name,
      language: p.language,
      data: { name: p.first_name, ...data } as never,
    });
    const now = this.now();
    await this.d.db.transaction().execute(async (trx) => {
      for (const l of links) await this.addLink(trx, p.id, l.token, l.purpose, l.ttl);
      await this.d.mailer.enqueue(trx, { ...mail, participantId: p.id });
      await q.updateParticipant(trx, p.id, { last_contacted_at: now.toISOString() });
    });
  }
}
