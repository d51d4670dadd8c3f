import type { ParticipantRow } from '../../db/schema';
import { isUniqueViolation } from '../../db/errors';
import { ValidationError } from '../../errors';
import { auditParticipant } from '../../audit/audit.queries';
import { findUsableLink, insertLink, redeemLink } from '../../links/links.queries';
import { newToken } from '../../links/tokens';
import { markActive } from '../activity';
import * as q from '../participants.queries';
import { CONFIRM_TTL, type Actor, type ParticipantService } from '../participants.service';
import { choicesOf, profileColumns } from './profile.columns';
import type { Profile } from './profile.schema';

/** Changes to a person's profile, by themselves (/me) or by staff, and email changes. */
export class ProfileService {
  constructor(private readonly people: ParticipantService) {}

  /**
   * Saves a profile. Staff change an email address directly (a taken one is refused). A
   * resident's new address is not used until they follow the link sent to it, and the answer is
   * the same whether or not the address is taken, so this never reveals who is in the panel.
   * Returns whether an email change is waiting for confirmation.
   */
  async update(
    id: number,
    profile: Profile,
    actor: Actor,
    extra: { recordingConsent?: boolean } = {},
  ): Promise<{ emailChangePending: boolean }> {
    const { db, mailer } = this.people.d;
    const existing = await this.people.get(id);
    const newEmail = profile.email && profile.email !== existing.email ? profile.email : null;
    const other = newEmail ? await q.findByEmail(db, newEmail) : undefined;
    if (actor && other && other.id !== id)
      throw new ValidationError({ email: 'fields.email.taken' });
    const byResident = !actor && newEmail !== null;
    const change =
      byResident && !other ? await this.composeEmailChange(existing, newEmail!) : undefined;
    const now = this.people.now();
    try {
      await db.transaction().execute(async (trx) => {
        await q.updateParticipant(trx, id, {
          ...profileColumns(profile),
          ...(byResident ? { email: existing.email } : {}),
          ...(extra.recordingConsent === undefined
            ? {}
            : { recording_consent: extra.recordingConsent ? 1 : 0 }),
          updated_at: now.toISOString(),
        });
        await q.setChoices(trx, id, choicesOf(profile));
        await markActive(trx, id, now);
        if (change) {
          await insertLink(trx, { ...change.link, participantId: id, now, ttlMs: CONFIRM_TTL });
          await mailer.enqueue(trx, { ...change.mail, participantId: id });
        }
        if (actor)
          await auditParticipant(trx, {
            by: actor.staffId,
            action: 'participant.edit',
            participantId: id,
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
    const mail = await this.people.d.mailer.compose({
      template: 'participant-email-change',
      to: email,
      toName: p.first_name,
      language: p.language,
      data: { name: p.first_name, link: this.people.url('e', token), manageLink: '' },
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
    const { db } = this.people.d;
    const now = this.people.now();
    const link = await findUsableLink(db, hash, ['participant-email'], now);
    if (!link?.participant_id || !link.payload) return undefined;
    const p = await q.findById(db, link.participant_id);
    if (!p || p.status === 'deleted') return undefined;
    try {
      const ok = await db.transaction().execute(async (trx) => {
        if (!(await redeemLink(trx, hash, now))) return false;
        await q.updateParticipant(trx, p.id, {
          email: link.payload,
          ...(p.status === 'pending'
            ? { status: 'active' as const, confirmed_at: now.toISOString() }
            : {}),
          updated_at: now.toISOString(),
        });
        await markActive(trx, p.id, now);
        return true;
      });
      return ok ? this.people.get(p.id) : undefined;
    } catch (err) {
      if (isUniqueViolation(err)) return undefined; // taken meanwhile: the link simply does not work
      throw err;
    }
  }
}
