import { DateTime } from 'luxon';
import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import type { ParticipantRow } from '../../db/schema';
import { recordAudit } from '../../audit/audit.queries';
import { NotFoundError, ValidationError } from '../../web/errors';
import type { ConsentService } from '../consent/consent.service';
import { contactsOf, insertContact } from './contacts.queries';
import { residentDate } from '../../i18n/dates';
import { choicesOf, findByEmail, updateParticipant } from '../participants.queries';
import type { ParticipantService } from '../participants.service';
import type { Profile } from '../profile/profile.schema';
import type { ContactInput, StaffEntryInput, StatusInput } from './record.schema';
import { mailOf } from './record.queries';

export interface StaffParticipantDeps {
  db: DB;
  clock: Clock;
  participants: ParticipantService;
  consent: ConsentService;
  cityTimeZone: string;
}

/** Staff tried to add someone whose email address is already in the panel. */
export class DuplicateEmailError extends ValidationError {
  constructor(readonly existingId: number) {
    super({ email: 'This email address is already used by someone in the panel' });
  }
}

/** Someone who has left the panel cannot be paused: they rejoin (active) first. */
const CANNOT_PAUSE_WITHDRAWN = 'Someone who has left the panel must be made active before pausing';

/**
 * What organizers do with one participant: see everything about them (audit-logged), correct
 * their profile, change their status, log contacts, add people met in person, delete.
 * The resident-side rules stay in ParticipantService; this class composes them for staff.
 */
export class StaffParticipantService {
  constructor(private readonly d: StaffParticipantDeps) {}

  /** A participant who has not been deleted, or 404. */
  async live(id: number): Promise<ParticipantRow> {
    const p = await this.d.participants.get(id);
    if (p.status === 'deleted') throw new NotFoundError();
    return p;
  }

  /** Everything the participant page shows; viewing personal data is audit-logged. */
  async record(id: number, staffId: number) {
    const participant = await this.d.participants.get(id);
    const consent = await this.d.consent.history(id);
    await recordAudit(this.d.db, {
      actorStaffId: staffId,
      action: 'participant.view',
      subjectType: 'participant',
      subjectId: id,
      at: this.d.clock.now(),
    });
    if (participant.status === 'deleted')
      return { participant, consent, choices: null, contacts: [], mail: [] };
    const [choices, contacts, mail] = await Promise.all([
      choicesOf(this.d.db, id),
      contactsOf(this.d.db, id),
      mailOf(this.d.db, id),
    ]);
    return { participant, consent, choices, contacts, mail };
  }

  async forEdit(id: number) {
    const participant = await this.live(id);
    return { participant, choices: await choicesOf(this.d.db, id) };
  }

  /** Profile correction by staff; ParticipantService audits it as 'participant.edit'. */
  async update(id: number, profile: Profile, recordingConsent: boolean, staffId: number) {
    await this.live(id);
    await this.d.participants.updateProfile(id, profile, { staffId }, { recordingConsent });
  }

  /**
   * Staff-assisted entry: an active participant whose consent staff record on their behalf,
   * with the source as the consent channel. An email already in the panel is refused, naming
   * who holds it (staff may see that; a resident on /join never does).
   */
  async create(profile: Profile, entry: StaffEntryInput, staffId: number): Promise<number> {
    const taken = profile.email ? await findByEmail(this.d.db, profile.email) : undefined;
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
          recordAudit(trx, {
            actorStaffId: staffId,
            action: 'participant.create',
            subjectType: 'participant',
            subjectId: participantId,
            details: { source: entry.source },
            at: this.d.clock.now(),
          }),
      });
    } catch (err) {
      // Two staff adding the same address at once: the unique index decides.
      const again =
        isUniqueViolation(err) && profile.email
          ? await findByEmail(this.d.db, profile.email)
          : undefined;
      if (again) throw new DuplicateEmailError(again.id);
      throw err;
    }
  }

  /** Sets active, paused (for some months) or withdrawn; returns false when nothing changed. */
  async setStatus(id: number, change: StatusInput, staffId: number): Promise<boolean> {
    const p = await this.live(id);
    const { status, months } = change;
    if (status === 'withdrawn') {
      if (p.status === 'withdrawn') return false;
      await this.d.participants.withdraw(id, { staffId }); // audited as 'participant.withdraw'
      return true;
    }
    if (status === 'paused' && p.status === 'withdrawn')
      throw new ValidationError({ status: CANNOT_PAUSE_WITHDRAWN });
    if (status === 'active' && p.status === 'active') return false;
    // Back to active, someone who had withdrawn gives consent again, recorded by staff.
    const current =
      status === 'active' && p.status === 'withdrawn' ? await this.d.consent.current() : null;
    const at = this.d.clock.now();
    const now = at.toISOString();
    await this.d.db.transaction().execute(async (trx) => {
      await updateParticipant(
        trx,
        id,
        status === 'paused'
          ? {
              status,
              paused_until: DateTime.fromJSDate(at)
                .plus({ months: months! })
                .toJSDate()
                .toISOString(),
              updated_at: now,
            }
          : {
              status,
              paused_until: null,
              withdrawn_at: null,
              ...(p.status === 'pending' ? { confirmed_at: now } : {}),
              ...(current ? { consent_version_id: current.id } : {}),
              updated_at: now,
            },
      );
      if (current)
        await this.d.consent.record(trx, {
          participantId: id,
          version: current,
          language: p.language,
          channel: 'phone',
          staffId,
        });
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'participant.status',
        subjectType: 'participant',
        subjectId: id,
        details: { from: p.status, to: status, ...(months ? { months } : {}) },
        at,
      });
    });
    return true;
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
    if (withdraw) await this.d.participants.withdraw(id, { staffId });
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
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'participant.contact',
        subjectType: 'participant',
        subjectId: id,
        details: { contactId, channel: c.channel, outcome: c.outcome },
        at: now,
      });
    });
    return { withdrawn: withdraw };
  }

  /** Deletion on the person's request, taken by staff; audited as 'participant.delete'. */
  async delete(id: number, staffId: number): Promise<void> {
    await this.live(id);
    await this.d.participants.deleteParticipant(id, { staffId }, (date, lang) =>
      residentDate(date, lang, this.d.cityTimeZone),
    );
  }
}
