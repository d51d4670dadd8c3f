import { recordAudit } from '../../audit/audit.queries';
import type { NewSessionReminder, StudySessionRow } from '../../db/schema';
import { ValidationError } from '../../errors';
import type { ComposedMail, Mailer } from '../../mail/mailer';
import { channelFor } from '../reminders/reminder.rules';
import { insertReminders, skipRemindersOfSession } from '../reminders/reminders.queries';
import { composeSessionMail } from '../reminders/session-mail';
import type { StudiesService } from '../studies.service';
import { isFrozen } from '../study.rules';
import {
  cancelRegistrationsOf,
  cancelSessionRow,
  openSessionsOfStudy,
  registeredPeople,
  type RegisteredPerson,
} from './cancel.queries';
import type { SessionService } from './session.service';

export interface SessionCancelDeps {
  studies: StudiesService;
  sessions: SessionService;
  mailer: Mailer;
  cityTimeZone: string;
}

/** What a cancellation did, for the flash. */
export interface CancelOutcome {
  emailed: number;
  toCall: number;
}

/** Field the refusals are shown on (the confirmation checkbox). */
const FIELD = 'confirm';

/** Who is told what: by email (their mail composed), or by a call from staff. */
interface Notice {
  person: RegisteredPerson;
  mail: ComposedMail | null;
}

/**
 * Cancelling a session (organizers): refused once it has started, when it is already cancelled,
 * or in an archived study. Mail is composed first; then one short transaction cancels the
 * session (conditional on it still being scheduled and ahead), every confirmed and waitlisted
 * registration, gives the seats back, skips pending reminders, writes a notice row per person
 * (sent, or a call to make) with their email, and audits it.
 */
export class SessionCancellation {
  constructor(private readonly d: SessionCancelDeps) {}

  private get db() {
    return this.d.studies.d.db;
  }

  /** Why this session cannot be cancelled now, or null when it can. */
  async refusal(studyId: number, sessionId: number): Promise<string | null> {
    const { study } = await this.d.studies.get(studyId);
    const { session } = await this.d.sessions.get(study.id, sessionId);
    return refusalOf(study.status, session, this.d.studies.d.clock.now().toISOString());
  }

  /** The people to be told: how many by email, how many by phone (for the confirmation page). */
  async preview(sessionId: number) {
    const people = (await registeredPeople(this.db, sessionId)).filter(reachable);
    const byEmail = people.filter((p) => channelFor(p) === 'email').length;
    return {
      confirmed: countOf(people, 'confirmed'),
      waitlisted: countOf(people, 'waitlisted'),
      byEmail,
      byPhone: people.length - byEmail,
    };
  }

  async cancel(
    studyId: number,
    sessionId: number,
    note: string | null,
    staffId: number,
  ): Promise<CancelOutcome> {
    const why = await this.refusal(studyId, sessionId);
    if (why) throw new ValidationError({ [FIELD]: why });
    const { session } = await this.d.sessions.get(studyId, sessionId);
    const at = this.d.studies.d.clock.now();
    const now = at.toISOString();
    const others = await openSessionsOfStudy(this.db, studyId, sessionId, now);
    const notices: Notice[] = [];
    for (const person of (await registeredPeople(this.db, sessionId)).filter(reachable)) {
      const email = channelFor(person) === 'email' ? person.email : null;
      const mail = email
        ? await composeSessionMail(this.d.mailer, {
            template: 'session-cancelled',
            person: { ...person, email },
            session,
            seated: false,
            zone: this.d.cityTimeZone,
            note,
            others,
          })
        : null;
      notices.push({ person, mail });
    }
    return this.db.transaction().execute(async (trx) => {
      if (!(await cancelSessionRow(trx, sessionId, now)))
        throw new ValidationError({
          [FIELD]: 'This session changed meanwhile (cancelled, or started): look again',
        });
      const cancelled = await cancelRegistrationsOf(trx, sessionId, now);
      await skipRemindersOfSession(trx, sessionId, now);
      const byRegistration = new Map(notices.map((n) => [n.person.registration_id, n]));
      const rows: NewSessionReminder[] = [];
      const mails: ComposedMail[] = [];
      for (const r of cancelled) {
        const n = byRegistration.get(r.id);
        if (n?.person.person_status === 'withdrawn' || n?.person.person_status === 'deleted')
          continue;
        // Someone who registered after the mail was composed is called instead.
        const mail = n?.mail ?? null;
        if (mail) mails.push(mail);
        rows.push(
          noticeRow(r.id, n?.person.created_at ?? now, session, mail ? 'email' : 'call', now),
        );
      }
      await insertReminders(trx, rows);
      for (const mail of mails) await this.d.mailer.enqueue(trx, mail);
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'session.cancel',
        subjectType: 'session',
        subjectId: sessionId,
        details: {
          studyId,
          registrations: cancelled.length,
          emailed: mails.length,
          toCall: rows.length - mails.length,
        },
        at,
      });
      return { emailed: mails.length, toCall: rows.length - mails.length };
    });
  }
}

function countOf(people: RegisteredPerson[], status: string) {
  return people.filter((p) => p.status === status).length;
}

/** Withdrawn and deleted people are not contacted. */
function reachable(p: RegisteredPerson) {
  return p.person_status !== 'withdrawn' && p.person_status !== 'deleted';
}

/** Why a session cannot be cancelled: archived study, already cancelled, already started. */
export function refusalOf(
  studyStatus: Parameters<typeof isFrozen>[0],
  session: Pick<StudySessionRow, 'status' | 'starts_at'>,
  now: string,
): string | null {
  if (isFrozen(studyStatus))
    return 'This study is archived: its sessions can no longer be cancelled';
  if (session.status === 'cancelled') return 'This session is already cancelled';
  if (session.starts_at <= now)
    return 'This session has already started: it can no longer be cancelled';
  return null;
}

function noticeRow(
  registrationId: number,
  registeredAt: string,
  session: Pick<StudySessionRow, 'starts_at'>,
  channel: 'email' | 'call',
  now: string,
): NewSessionReminder {
  return {
    registration_id: registrationId,
    kind: 'session_cancelled',
    offset_hours: 0,
    registered_at: registeredAt,
    due_at: now,
    session_starts_at: session.starts_at,
    channel,
    status: channel === 'email' ? 'sent' : 'pending',
    skip_reason: null,
    created_at: now,
    done_at: channel === 'email' ? now : null,
  };
}
