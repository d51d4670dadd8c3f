import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import type { ParticipantRow } from '../../db/schema';
import { auditParticipant } from '../../audit/audit.queries';
import { ValidationError } from '../../errors';
import { markActive } from '../activity';
import type { ConsentService } from '../consent/consent.service';
import type { DeletionService } from '../deletion.service';
import { invitationsOfParticipant } from '../../studies/invitations/invitations.queries';
import { registrationsOfParticipant } from '../../studies/registration/registrations.queries';
import { choicesOf } from '../participants.queries';
import type { ParticipantService } from '../participants.service';
import type { ProfileService } from '../profile/profile.service';
import type { Profile } from '../profile/profile.schema';
import type { StatusService } from '../status.service';
import { contactsOf, insertContact } from './contacts.queries';
import type { ContactInput, StaffEntryInput, StatusInput } from './record.schema';

export interface RecordDeps {
  db: DB;
  clock: Clock;
  participants: ParticipantService;
  consent: ConsentService;
  profiles: ProfileService;
  statuses: StatusService;
  deletion: DeletionService;
}

/** Staff tried to add someone whose email address is already in the panel. */
export class DuplicateEmailError extends ValidationError {
  constructor(readonly existingId: number) {
    super({ email: 'This email address is already used by someone in the panel' });
  }
}

/**
 * What organizers do with one participant: see everything about them (audit-logged), correct
 * their profile, change their status, log contacts, add people met in person, delete.
 * The rules are the resident's own (status, profile, deletion services); this class composes
 * them for staff.
 */
export class RecordService {
  constructor(private readonly d: RecordDeps) {}

  /** A participant who has not been deleted, or 404. */
  live(id: number): Promise<ParticipantRow> {
    return this.d.participants.live(id);
  }

  /** Everything the participant page shows; viewing personal data is audit-logged. */
  async record(id: number, staffId: number) {
    const participant = await this.d.participants.get(id);
    const consent = await this.d.consent.history(id);
    await auditParticipant(this.d.db, {
      by: staffId,
      action: 'participant.view',
      participantId: id,
      at: this.d.clock.now(),
    });
    if (participant.status === 'deleted')
      return {
        participant,
        consent,
        choices: null,
        contacts: [],
        mail: [],
        registrations: [],
        invitations: [],
      };
    const [choices, contacts, mail, registrations, invitations] = await Promise.all([
      choicesOf(this.d.db, id),
      contactsOf(this.d.db, id),
      this.d.participants.d.mailer.listFor(this.d.db, id),
      // The studies feature's queries for this page: their sessions and how each stands, and
      // their invitations with how each came out.
      registrationsOfParticipant(this.d.db, id),
      invitationsOfParticipant(this.d.db, id),
    ]);
    return { participant, consent, choices, contacts, mail, registrations, invitations };
  }

  async forEdit(id: number) {
    const participant = await this.live(id);
    return { participant, choices: await choicesOf(this.d.db, id) };
  }

  /** Profile correction by staff; ProfileService audits it as 'participant.edit'. */
  async update(id: number, profile: Profile, recordingConsent: boolean, staffId: number) {
    await this.live(id);
    await this.d.profiles.update(id, profile, { staffId }, { recordingConsent });
  }

  /**
   * Staff-assisted entry: an active participant whose consent staff record on their behalf,
   * with the source as the consent channel. An email already in the panel is refused, naming
   * who holds it (staff may see that; a resident on /join never does).
   */
  async create(profile: Profile, entry: StaffEntryInput, staffId: number): Promise<number> {
    const taken = profile.email ? await this.d.participants.findByEmail(profile.email) : undefined;
    if (taken) throw new DuplicateEmailError(taken.id);
    try {
      return await this.d.participants.createWithConsent(profile, {
        status: 'active',
        source: entry.source,
        staffId,
        consentLanguage: entry.consentLanguage,
        recordingConsent: entry.recordingConsent,
        // Runs inside the creating transaction, so the audit row and the person come together.
        links: (trx, participantId) =>
          auditParticipant(trx, {
            by: staffId,
            action: 'participant.create',
            participantId,
            details: { source: entry.source },
            at: this.d.clock.now(),
          }),
      });
    } catch (err) {
      // Two staff adding the same address at once: the unique index decides.
      const again =
        isUniqueViolation(err) && profile.email
          ? await this.d.participants.findByEmail(profile.email)
          : undefined;
      if (again) throw new DuplicateEmailError(again.id);
      throw err;
    }
  }

  /** Sets active, paused (for some months) or withdrawn; returns false when nothing changed. */
  setStatus(id: number, change: StatusInput, staffId: number): Promise<boolean> {
    return this.d.statuses.setByStaff(id, change, staffId);
  }

  /**
   * Logs a contact. "Asked not to be contacted" withdraws the person first, so that their wish
   * holds even if logging the call were to fail.
   */
  async recordContact(
    id: number,
    c: ContactInput,
    staffId: number,
  ): Promise<{ withdrawn: boolean }> {
    const p = await this.live(id);
    const withdraw = c.outcome === 'do_not_contact' && p.status !== 'withdrawn';
    if (withdraw) await this.d.statuses.withdraw(id, { staffId });
    const now = this.d.clock.now();
    await this.d.db.transaction().execute(async (trx) => {
      const contactId = await insertContact(trx, {
        participantId: id,
        at: now.toISOString(),
        staffId,
        channel: c.channel,
        outcome: c.outcome,
        note: c.note,
      });
      await markActive(trx, id, now);
      await auditParticipant(trx, {
        by: staffId,
        action: 'participant.contact',
        participantId: id,
        details: { contactId, channel: c.channel, outcome: c.outcome },
        at: now,
      });
    });
    return { withdrawn: withdraw };
  }

  /** Deletion on the person's request, taken by staff; audited as 'participant.delete'. */
  async delete(id: number, staffId: number): Promise<void> {
    await this.live(id);
    await this.d.deletion.delete(id, { staffId });
  }
}
