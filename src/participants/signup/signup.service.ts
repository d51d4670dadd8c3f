import type { ParticipantRow } from '../../db/schema';
import { isUniqueViolation } from '../../db/errors';
import { redeemLink } from '../../links/links.queries';
import { markActive } from '../activity';
import { newToken } from '../../links/tokens';
import * as q from '../participants.queries';
import { CONFIRM_TTL, MANAGE_TTL, type ParticipantService } from '../participants.service';
import type { Profile } from '../profile/profile.schema';

export type JoinOutcome = 'check-email' | 'thanks-phone';

/** Joining the panel on /join and confirming the address (double opt-in). */
export class SignupService {
  constructor(private readonly people: ParticipantService) {}

  /**
   * /join. The answer never reveals whether the email was known: a new address gets a
   * confirmation link, a known one an email with its manage link, and both see "check your email".
   */
  async join(profile: Profile, opts: { recordingConsent: boolean }): Promise<JoinOutcome> {
    const { db, logger } = this.people.d;
    if (profile.email) {
      const existing = await q.findByEmail(db, profile.email);
      if (existing) {
        await this.sendExistingMemberMail(existing);
        return 'check-email';
      }
    } else if (profile.phone && (await q.findByPhone(db, profile.phone))) {
      // Phone-only and already known: nothing new to store; staff will call as planned.
      return 'thanks-phone';
    }
    const status = profile.email ? 'pending' : 'active';
    let id: number;
    try {
      id = await this.create(profile, opts.recordingConsent);
    } catch (err) {
      // The same address sent twice at once (a double click): the second is a known member.
      const existing =
        isUniqueViolation(err) && profile.email
          ? await q.findByEmail(db, profile.email)
          : undefined;
      if (!existing) throw err;
      await this.sendExistingMemberMail(existing);
      return 'check-email';
    }
    logger.info({ event: 'participant.join', participantId: id, status }, 'joined');
    return profile.email ? 'check-email' : 'thanks-phone';
  }

  /** A new participant: pending with a confirmation email, or active when phone-only. */
  private create(profile: Profile, recordingConsent: boolean): Promise<number> {
    const p = this.people;
    const confirm = profile.email ? newToken() : undefined;
    const manage = newToken();
    return p.createWithConsent(profile, {
      status: confirm ? 'pending' : 'active',
      source: 'web',
      recordingConsent,
      staffId: null,
      links: async (trx, participantId) => {
        if (!confirm) return;
        await p.addLink(trx, participantId, confirm, 'participant-confirm', CONFIRM_TTL);
        await p.addLink(trx, participantId, manage, 'participant-manage', MANAGE_TTL);
      },
      mail: confirm
        ? {
            template: 'participant-confirm',
            data: {
              name: profile.firstName,
              link: p.url('c', confirm.token),
              manageLink: p.url('m', manage.token),
            },
          }
        : undefined,
    });
  }

  private async sendExistingMemberMail(existing: ParticipantRow): Promise<void> {
    const p = this.people;
    if (existing.status !== 'pending')
      return p.sendManageMail(existing, 'participant-already-member');
    // Not confirmed yet: send a fresh confirmation link instead.
    const confirm = newToken();
    const manage = newToken();
    await p.mailWithLinks(
      existing,
      'participant-confirm',
      [
        { token: confirm, purpose: 'participant-confirm', ttl: CONFIRM_TTL },
        { token: manage, purpose: 'participant-manage', ttl: MANAGE_TTL },
      ],
      { link: p.url('c', confirm.token), manageLink: p.url('m', manage.token) },
    );
  }

  /** Double opt-in: redeems the confirmation link once; the person becomes active. */
  async confirm(hash: string): Promise<ParticipantRow | undefined> {
    const people = this.people;
    const p = await people.participantForLink(hash, 'participant-confirm');
    if (!p) return undefined;
    const now = people.now();
    const ok = await people.d.db.transaction().execute(async (trx) => {
      if (!(await redeemLink(trx, hash, now))) return false;
      if (p.status === 'pending')
        await q.updateParticipant(trx, p.id, {
          status: 'active',
          confirmed_at: now.toISOString(),
          updated_at: now.toISOString(),
        });
      await markActive(trx, p.id, now);
      return true;
    });
    return ok ? people.get(p.id) : undefined;
  }
}
