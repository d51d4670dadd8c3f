import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import type { NewSessionReminder, ReminderSkipReason } from '../../db/schema';
import { ValidationError } from '../../errors';
import type { Mailer } from '../../mail/mailer';
import { channelFor, dueAt, offsetsOf, planReminders, staleReason } from './reminder.rules';
import {
  callsToMake,
  claimReminder,
  dueEmailReminders,
  insertReminders,
  markCall,
  moveReminder,
  movedReminders,
  pendingReminders,
  planCandidates,
  skipReminders,
  staleReminders,
  switchToCall,
  type DueReminder,
} from './reminders.queries';
import { newToken } from '../../links/tokens';
import { addInvitationLink } from '../invitations/invitation-links';
import { invitationOf } from '../invitations/invitations.queries';
import { composeSessionMail } from './session-mail';

export interface ReminderDeps {
  db: DB;
  clock: Clock;
  mailer: Mailer;
  cityTimeZone: string;
  /** For the /r/ link in each reminder (cancel or switch). */
  baseUrl: string;
}

export type CallOutcome = 'called' | 'unreached';

/**
 * Reminders as rows due at a time. `run` (the job, every minute) plans the rows of new
 * confirmed registrations, re-plans those of moved sessions, skips what must no longer go out,
 * then sends what is due: each email is claimed (pending → sent, one row changed) and written to
 * the outbox in one transaction, so a crash loses none and doubles none, and two runners never
 * send one twice. People reached by phone appear on the calls page once their row is due.
 */
export class ReminderService {
  constructor(private readonly d: ReminderDeps) {}

  private now() {
    return this.d.clock.now().toISOString();
  }

  async run(): Promise<{ planned: number; skipped: number; sent: number }> {
    const planned = await this.plan();
    await this.replanMoved();
    const skipped = await this.skipStale();
    const sent = await this.sendDue();
    return { planned, skipped, sent };
  }

  /** One row per study offset for each confirmed registration of a session ahead; twice is once. */
  async plan(): Promise<number> {
    const now = this.now();
    const rows: NewSessionReminder[] = [];
    const wanted = new Map<number, number[]>();
    for (const c of await planCandidates(this.d.db, now)) {
      const offsets = offsetsOf(c.reminder_offsets);
      wanted.set(c.id, offsets);
      const planned = planReminders({
        registrationId: c.id,
        registeredAt: c.created_at,
        seatedAt: c.updated_at,
        startsAt: c.starts_at,
        offsets,
        channel: channelFor(c),
      });
      for (const p of planned)
        rows.push({
          registration_id: p.registrationId,
          kind: 'reminder',
          offset_hours: p.offsetHours,
          registered_at: p.registeredAt,
          due_at: p.dueAt,
          session_starts_at: p.startsAt,
          channel: p.channel,
          status: p.status,
          skip_reason: p.skipReason,
          created_at: now,
          done_at: p.status === 'skipped' ? now : null,
        });
    }
    await insertReminders(this.d.db, rows);
    await this.skipDroppedOffsets(wanted);
    return rows.length;
  }

  /** An offset taken off the study after its rows were planned: those rows no longer go out. */
  private async skipDroppedOffsets(wanted: Map<number, number[]>) {
    const dropped = (await pendingReminders(this.d.db))
      .filter((r) => wanted.has(r.registration_id))
      .filter((r) => !wanted.get(r.registration_id)!.includes(r.offset_hours))
      .map((r) => r.id);
    await skipReminders(this.d.db, dropped, 'offset', this.now());
  }

  /** Marks skipped what must no longer go out (started, cancelled, no longer confirmed …). */
  async skipStale(): Promise<number> {
    const now = this.now();
    const by = new Map<ReminderSkipReason, number[]>();
    for (const r of await staleReminders(this.d.db, now)) {
      const reason = staleReason(r, now);
      if (reason) by.set(reason, [...(by.get(reason) ?? []), r.id]);
    }
    let n = 0;
    for (const [reason, ids] of by) n += await skipReminders(this.d.db, ids, reason, now);
    return n;
  }

  /** A session moved after its reminders were planned: they follow it. */
  private async replanMoved() {
    for (const r of await movedReminders(this.d.db))
      await moveReminder(this.d.db, r.id, dueAt(r.starts_at, r.offset_hours), r.starts_at);
  }

  /** Sends due email reminders, each exactly once; returns how many this runner sent. */
  async sendDue(limit = 50): Promise<number> {
    let sent = 0;
    let failure: unknown = null;
    for (const r of await dueEmailReminders(this.d.db, this.now(), limit)) {
      // One row that fails (rolled back, still pending) does not hold up the others.
      try {
        if (await this.sendOne(r)) sent++;
      } catch (err) {
        failure ??= err;
      }
    }
    // The runner logs it; the row is tried again on the next run.
    if (failure) throw failure;
    return sent;
  }

  private async sendOne(r: DueReminder): Promise<boolean> {
    // No email any more, or they now prefer a call: the reminder goes on the calls page.
    if (!r.email || channelFor(r) === 'call') {
      await switchToCall(this.d.db, r.id);
      return false;
    }
    // A fresh link to their registration page (cancel or switch), stored with the claim.
    const invitation = await invitationOf(this.d.db, r.study_id, r.participant_id);
    const token = invitation ? newToken() : null;
    const mail = await composeSessionMail(this.d.mailer, {
      template: 'session-reminder',
      link: token && `${this.d.baseUrl}/r/${token.token}`,
      person: {
        id: r.participant_id,
        first_name: r.first_name,
        email: r.email,
        language: r.language,
      },
      session: r,
      seated: true,
      zone: this.d.cityTimeZone,
    });
    return this.d.db.transaction().execute(async (trx) => {
      // Claimed by another runner, or the registration or session changed: nothing is written.
      if (!(await claimReminder(trx, r.id, this.now()))) return false;
      if (invitation && token) await addInvitationLink(trx, invitation, this.d.clock.now(), token);
      await this.d.mailer.enqueue(trx, mail);
      return true;
    });
  }

  /** Calls to make now; a facilitator's are those of the sessions they run. */
  calls(facilitatorId: number | null) {
    return callsToMake(this.d.db, this.now(), facilitatorId);
  }

  /** Records the outcome of a call and who made it; refused when someone else recorded it first. */
  async recordCall(
    id: number,
    outcome: CallOutcome,
    staffId: number,
    facilitatorId: number | null,
  ): Promise<void> {
    const done = await markCall(this.d.db, {
      id,
      outcome,
      staffId,
      now: this.now(),
      facilitatorId,
    });
    if (!done)
      throw new ValidationError({
        reminderId:
          'This call is no longer on the list: someone recorded it already, or its session has started',
      });
  }
}
