import crypto from 'node:crypto';
import { DateTime } from 'luxon';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { DAY, MINUTE } from '../clock';
import type { Config } from '../config';
import type { DB } from '../db/database';
import type { Database, ParticipantRow, ParticipantSource } from '../db/schema';
import { recordAudit } from '../audit/audit.queries';
import {
  deleteParticipantLinks,
  findUsableLink,
  insertLink,
  redeemLink,
  type LinkPurpose,
} from '../links/links.queries';
import { newToken } from '../links/tokens';
import type { Mailer } from '../mail/mailer';
import type { TemplateName } from '../mail/templates';
import { isUniqueViolation } from '../db/errors';
import { NotFoundError, ValidationError } from '../web/errors';
import type { ConsentService } from './consent/consent.service';
import type { Profile } from './profile/profile.schema';
import * as q from './participants.queries';
import { purgeStalePending } from './maintenance';
import { choicesOf, profileColumns } from './profile/profile.columns';

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

export type JoinOutcome = 'check-email' | 'thanks-phone';

/** The panel's rules: joining, confirming, self-service, staff entry, deletion. */
export class ParticipantService {
  constructor(private readonly d: ParticipantDeps) {}

  private now(): Date {
    return this.d.clock.now();
  }

  async get(id: number): Promise<ParticipantRow> {
    const row = await q.findById(this.d.db, id);
    if (!row) throw new NotFoundError();
    return row;
  }

  async choices(id: number) {
    return q.choicesOf(this.d.db, id);
  }

  /**
   * /join. The answer never reveals whether the email was known: a new address gets a
   * confirmation link, a known one an email with its manage link, and both see "check your email".
   */
  async join(profile: Profile, opts: { recordingConsent: boolean }): Promise<JoinOutcome> {
    if (profile.email) {
      const existing = await q.findByEmail(this.d.db, profile.email);
      if (existing) {
        await this.sendExistingMemberMail(existing);
        return 'check-email';
      }
    } else if (profile.phone && (await q.findByPhone(this.d.db, profile.phone))) {
      // Phone-only and already known: nothing new to store; staff will call as planned.
      return 'thanks-phone';
    }
    const status = profile.email ? 'pending' : 'active';
    const confirm = profile.email ? newToken() : undefined;
    const manage = newToken();
    let id: number;
    try {
      id = await this.createWithConsent(profile, {
        status,
        source: 'web',
        recordingConsent: opts.recordingConsent,
        staffId: null,
        links: async (trx, participantId) => {
          if (!confirm) return;
          await insertLink(trx, {
            tokenHash: confirm.hash,
            purpose: 'participant-confirm',
            staffUserId: null,
            participantId,
            now: this.now(),
            ttlMs: CONFIRM_TTL,
          });
          await insertLink(trx, {
            tokenHash: manage.hash,
            purpose: 'participant-manage',
            staffUserId: null,
            participantId,
            now: this.now(),
            ttlMs: MANAGE_TTL,
          });
        },
        mail: confirm
          ? {
              template: 'participant-confirm',
              data: {
                name: profile.firstName,
                link: this.url('c', confirm.token),
                manageLink: this.url('m', manage.token),
              },
            }
          : undefined,
      });
    } catch (err) {
      // The same address sent twice at once (a double click): the second is a known member.
      const existing =
        isUniqueViolation(err) && profile.email
          ? await q.findByEmail(this.d.db, profile.email)
          : undefined;
      if (!existing) throw err;
      await this.sendExistingMemberMail(existing);
      return 'check-email';
    }
    this.d.logger.info({ event: 'participant.join', participantId: id, status }, 'joined');
    return profile.email ? 'check-email' : 'thanks-phone';
  }

  private async sendExistingMemberMail(p: ParticipantRow): Promise<void> {
    if (p.status === 'pending') {
      // Not confirmed yet: send a fresh confirmation link instead.
      const confirm = newToken();
      const manage = newToken();
      await this.mailWithLinks(
        p,
        'participant-confirm',
        [
          { token: confirm, purpose: 'participant-confirm', ttl: CONFIRM_TTL },
          { token: manage, purpose: 'participant-manage', ttl: MANAGE_TTL },
        ],
        { link: this.url('c', confirm.token), manageLink: this.url('m', manage.token) },
      );
      return;
    }
    await this.sendManageMail(p, 'participant-already-member');
  }

  /** "Get my link": emails a manage link if the address belongs to someone in the panel. */
  async requestManageLink(email: string): Promise<void> {
    const p = await q.findByEmail(this.d.db, email.trim().toLowerCase());
    if (p && p.status !== 'deleted') await this.sendManageMail(p, 'participant-manage-link');
  }

  private async sendManageMail(p: ParticipantRow, template: TemplateName): Promise<void> {
    const manage = newToken();
    await this.mailWithLinks(
      p,
      template,
      [{ token: manage, purpose: 'participant-manage', ttl: MANAGE_TTL }],
      {
        manageLink: this.url('m', manage.token),
      },
    );
  }

  private async mailWithLinks(
    p: ParticipantRow,
    template: TemplateName,
    links: { token: { token: string; hash: string }; purpose: LinkPurpose; ttl: number }[],
    data: { link?: string; manageLink: string },
  ): Promise<void> {
    if (!p.email) return;
    // Asked for again and again (from many addresses, maybe by someone else): one email per
    // person every few minutes is enough; the page answers the same either way.
    const since = new Date(this.now().getTime() - LINK_MAIL_INTERVAL).toISOString();
    if (await q.hasRecentMail(this.d.db, p.id, [template], since)) return;
    const mail = await this.d.mailer.compose({
      template,
      to: p.email,
      toName: p.first_name,
      language: p.language,
      data: { name: p.first_name, ...data } as never,
    });
    const now = this.now();
    await this.d.db.transaction().execute(async (trx) => {
      for (const l of links)
        await insertLink(trx, {
          tokenHash: l.token.hash,
          purpose: l.purpose,
          staffUserId: null,
          participantId: p.id,
          now,
          ttlMs: l.ttl,
        });
      await this.d.mailer.enqueue(trx, { ...mail, participantId: p.id });
      await q.updateParticipant(trx, p.id, { last_contacted_at: now.toISOString() });
    });
  }

  /** Creates a participant with their choices and consent event (and links and mail) in one transaction. */
  async createWithConsent(
    profile: Profile,
    o: {
      status: ParticipantRow['status'];
      source: ParticipantSource;
      recordingConsent: boolean;
      staffId: number | null;
      consentLanguage?: string;
      /** How consent was collected, when it differs from the source (an import of paper forms). */
      consentChannel?: ParticipantSource;
      importId?: number | null;
      links?: (trx: Kysely<Database>, participantId: number) => Promise<void>;
      mail?: { template: TemplateName; data: Record<string, unknown> };
      db?: Kysely<Database>;
    },
  ): Promise<number> {
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

  // ---- Links ----

  url(kind: 'c' | 'm' | 'e', token: string): string {
    return `${this.d.config.baseUrl}/me/${kind}/${token}`;
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

  /** Double opt-in: redeems the confirmation link once; the person becomes active. */
  async confirm(hash: string): Promise<ParticipantRow | undefined> {
    const p = await this.participantForLink(hash, 'participant-confirm');
    if (!p) return undefined;
    const now = this.now().toISOString();
    const ok = await this.d.db.transaction().execute(async (trx) => {
      if (!(await redeemLink(trx, hash, this.now()))) return false;
      if (p.status === 'pending')
        await q.updateParticipant(trx, p.id, {
          status: 'active',
          confirmed_at: now,
          updated_at: now,
        });
      return true;
    });
    return ok ? this.get(p.id) : undefined;
  }

  // ---- Self-service ----

  async needsReconsent(p: ParticipantRow): Promise<boolean> {
    const current = await this.d.consent.current();
    return p.consent_version_id !== current.id;
  }

  async reconsent(id: number, language: string): Promise<void> {
    const current = await this.d.consent.current();
    await this.d.db.transaction().execute(async (trx) => {
      await this.d.consent.record(trx, {
        participantId: id,
        version: current,
        language,
        channel: 'web',
      });
      await q.updateParticipant(trx, id, {
        consent_version_id: current.id,
        updated_at: this.now().toISOString(),
      });
    });
  }

  /**
   * Saves a profile. Staff change an email address directly (a taken one is refused). A
   * resident's new address is not used until they follow the link sent to it, and the answer is
   * the same whether or not the address is taken, so this never reveals who is in the panel.
   * Returns whether an email change is waiting for confirmation.
   */
  async updateProfile(
    id: number,
    profile: Profile,
    actor: Actor,
    extra: { recordingConsent?: boolean } = {},
  ): Promise<{ emailChangePending: boolean }> {
    const existing = await this.get(id);
    const newEmail = profile.email && profile.email !== existing.email ? profile.email : null;
    const other = newEmail ? await q.findByEmail(this.d.db, newEmail) : undefined;
    if (actor && other && other.id !== id)
      throw new ValidationError({ email: 'fields.email.taken' });
    const byResident = !actor && newEmail !== null;
    const columns = {
      ...profileColumns(profile),
      ...(byResident ? { email: existing.email } : {}),
    };
    const change =
      byResident && !other ? await this.composeEmailChange(existing, newEmail!) : undefined;
    const now = this.now();
    try {
      await this.d.db.transaction().execute(async (trx) => {
        await q.updateParticipant(trx, id, {
          ...columns,
          ...(extra.recordingConsent === undefined
            ? {}
            : { recording_consent: extra.recordingConsent ? 1 : 0 }),
          updated_at: now.toISOString(),
        });
        await q.setChoices(trx, id, choicesOf(profile));
        if (change) {
          await insertLink(trx, { ...change.link, participantId: id, now, ttlMs: CONFIRM_TTL });
          await this.d.mailer.enqueue(trx, { ...change.mail, participantId: id });
        }
        if (actor)
          await recordAudit(trx, {
            actorStaffId: actor.staffId,
            action: 'participant.edit',
            subjectType: 'participant',
            subjectId: id,
            at: now,
          });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ValidationError({ email: 'fields.email.taken' });
      throw err;
    }
    return { emailChangePending: byResident };
  }

  private async composeEmailChange(p: ParticipantRow, email: string) {
    const { token, hash } = newToken();
    const mail = await this.d.mailer.compose({
      template: 'participant-email-change',
      to: email,
      toName: p.first_name,
      language: p.language,
      data: { name: p.first_name, link: this.url('e', token), manageLink: '' },
    });
    return {
      mail,
      link: {
        tokenHash: hash,
        purpose: 'participant-email' as const,
        staffUserId: null,
        payload: email,
      },
    };
  }

  /** Follows an email-change link (once): the new address replaces the old one if still free. */
  async confirmEmailChange(hash: string): Promise<ParticipantRow | undefined> {
    const link = await findUsableLink(this.d.db, hash, ['participant-email'], this.now());
    if (!link?.participant_id || !link.payload) return undefined;
    const p = await q.findById(this.d.db, link.participant_id);
    if (!p || p.status === 'deleted') return undefined;
    try {
      const ok = await this.d.db.transaction().execute(async (trx) => {
        if (!(await redeemLink(trx, hash, this.now()))) return false;
        await q.updateParticipant(trx, p.id, {
          email: link.payload,
          ...(p.status === 'pending'
            ? { status: 'active' as const, confirmed_at: this.now().toISOString() }
            : {}),
          updated_at: this.now().toISOString(),
        });
        return true;
      });
      return ok ? this.get(p.id) : undefined;
    } catch (err) {
      if (isUniqueViolation(err)) return undefined; // taken meanwhile: the link simply does not work
      throw err;
    }
  }

  /** Pauses contact; only someone in the panel (active or already paused) can pause. */
  async pause(id: number, months: number): Promise<Date | undefined> {
    const until = DateTime.fromJSDate(this.now()).plus({ months }).toJSDate();
    const r = await this.d.db
      .updateTable('participants')
      .set({
        status: 'paused',
        paused_until: until.toISOString(),
        updated_at: this.now().toISOString(),
      })
      .where('id', '=', id)
      .where('status', 'in', ['active', 'paused'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1 ? until : undefined;
  }

  /** Ends a pause. Someone who left the panel comes back through rejoin (with consent), not this. */
  async resume(id: number): Promise<boolean> {
    const r = await this.d.db
      .updateTable('participants')
      .set({ status: 'active', paused_until: null, updated_at: this.now().toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'paused')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async withdraw(id: number, actor: Actor = null): Promise<void> {
    const p = await this.get(id);
    const current = await this.d.consent.current();
    const now = this.now();
    await this.d.db.transaction().execute(async (trx) => {
      await q.updateParticipant(trx, id, {
        status: 'withdrawn',
        withdrawn_at: now.toISOString(),
        paused_until: null,
        updated_at: now.toISOString(),
      });
      await q.cancelQueuedMail(trx, id);
      await this.d.consent.record(trx, {
        participantId: id,
        version: current,
        language: p.language,
        channel: actor ? 'phone' : 'web',
        staffId: actor?.staffId,
        action: 'withdrawn',
      });
      if (actor)
        await recordAudit(trx, {
          actorStaffId: actor.staffId,
          action: 'participant.withdraw',
          subjectType: 'participant',
          subjectId: id,
          at: now,
        });
    });
  }

  /** Someone who left comes back, agreeing to the current consent text. */
  async rejoin(id: number, language: string): Promise<void> {
    if ((await this.get(id)).status !== 'withdrawn') return;
    const current = await this.d.consent.current();
    const now = this.now().toISOString();
    await this.d.db.transaction().execute(async (trx) => {
      await q.updateParticipant(trx, id, {
        status: 'active',
        withdrawn_at: null,
        consent_version_id: current.id,
        updated_at: now,
      });
      await this.d.consent.record(trx, {
        participantId: id,
        version: current,
        language,
        channel: 'web',
      });
    });
  }

  /**
   * Deletes a person: every personal field and free text is blanked, links, contact notes and
   * queued mail go, and mail already logged is blanked. What remains is de-identified (codes,
   * district, demographics, consent history). A last email confirms it to the old address and
   * is itself blanked once sent.
   */
  async deleteParticipant(
    id: number,
    actor: Actor,
    formatDate: (d: Date, lang: string) => string,
  ): Promise<void> {
    const p = await this.get(id);
    if (p.status === 'deleted') return;
    const now = this.now();
    const goodbye = p.email
      ? await this.d.mailer.compose({
          template: 'participant-deleted',
          to: p.email,
          toName: null,
          language: p.language,
          data: { name: null, manageLink: '', date: formatDate(now, p.language) },
        })
      : undefined;
    await this.d.db.transaction().execute(async (trx) => {
      await q.cancelQueuedMail(trx, id);
      await q.scrubMail(trx, id);
      await deleteParticipantLinks(trx, id);
      await trx.deleteFrom('contact_log').where('participant_id', '=', id).execute();
      // An import not yet committed may hold their row: it is dropped (drafts live 24 h anyway).
      if (p.email)
        await trx
          .deleteFrom('import_drafts')
          .where((eb) => eb(eb.fn('instr', [eb.ref('rows_json'), eb.val(p.email)]), '>', 0))
          .execute();
      await q.updateParticipant(trx, id, {
        status: 'deleted',
        first_name: null,
        last_name: null,
        email: null,
        phone: null,
        zip: null,
        needs_other: null,
        contact_preference: null,
        paused_until: null,
        deleted_at: now.toISOString(),
        updated_at: now.toISOString(),
      });
      if (goodbye) await this.d.mailer.enqueue(trx, { ...goodbye, scrubAfterSend: true });
      await recordAudit(trx, {
        actorStaffId: actor?.staffId ?? null,
        action: 'participant.delete',
        subjectType: 'participant',
        subjectId: id,
        details: { by: actor ? 'staff' : 'resident' },
        at: now,
      });
    });
    // Their browser sessions end too.
    await this.d.db.deleteFrom('sessions').where('participant_id', '=', id).execute();
    this.d.logger.info({ event: 'participant.delete', participantId: id }, 'participant deleted');
  }

  async purgeStalePending(): Promise<number> {
    return purgeStalePending(this.d.db, this.now());
  }
}
