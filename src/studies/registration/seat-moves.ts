import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import type {
  Database,
  RegistrationChannel,
  RegistrationRow,
  StudySessionRow,
} from '../../db/schema';
import { ValidationError } from '../../errors';
import type { ComposedMail } from '../../mail/mailer';
import { findById } from '../../participants/participants.queries';
import type { Kysely } from 'kysely';
import { addInvitationLink } from '../invitations/invitation-links';
import { insertInvitations, invitationOf } from '../invitations/invitations.queries';
import { interpretationOf } from '../sessions/sessions.queries';
import { findStudy } from '../studies.queries';
import type { MailSession, RegistrationMail } from './registration.mail';
import { isLateCancellation } from './registration.rules';
import {
  findRegistration,
  firstWaitlisted,
  insertRegistration,
  moveStatus,
  releaseSeat,
  reopenRegistration,
} from './registrations.queries';

/*
 * The steps registering, cancelling and switching share, each inside the caller's transaction
 * or just before it: taking up a place, cancelling one (its seat to the first waitlisted
 * person, who is told), the invitation a registration answers, and the session as emails show it.
 */

export interface RegistrationDeps {
  db: DB;
  clock: Clock;
  cityTimeZone: string;
  /** The emails of a registration (confirmation, waitlist, cancellation, promotion). */
  mail: RegistrationMail;
}

export interface Cancelled {
  cancelled: RegistrationRow;
  /** The waitlisted person who got the seat, to be told (the resident slice sends the email). */
  promoted: RegistrationRow | null;
}

/** A new registration, or a cancelled one of the same session taken up again. */
export async function placeIn(
  trx: Kysely<Database>,
  held: RegistrationRow | undefined,
  sessionId: number,
  participantId: number,
  f: {
    status: 'confirmed' | 'waitlisted';
    accommodations: string | null;
    channel: RegistrationChannel;
    at: string;
  },
): Promise<RegistrationRow> {
  const fields = { accommodations: f.accommodations, channel: f.channel };
  if (held) {
    // A cancelled registration is taken up again; if it changed meanwhile, roll back.
    if (!(await reopenRegistration(trx, held.id, { ...fields, status: f.status, at: f.at })))
      throw new RegistrationChanged();
    return (await findRegistration(trx, held.id))!;
  }
  return insertRegistration(trx, {
    ...fields,
    session_id: sessionId,
    participant_id: participantId,
    status: f.status,
    created_at: f.at,
  });
}

/**
 * Inside a transaction: cancels a confirmed or waitlisted registration (late within 24 hours
 * of the start) and passes a confirmed seat to the first waitlisted person, or back to the
 * session. The promoted person's email is rendered here, since who it is is known only now
 * (rendering does no network I/O; it is queued in the same transaction).
 */
export async function cancelInside(
  d: RegistrationDeps,
  trx: Kysely<Database>,
  reg: RegistrationRow,
  session: StudySessionRow,
  now: Date,
): Promise<Cancelled> {
  const at = now.toISOString();
  const late = isLateCancellation(session.starts_at, now) ? 1 : 0;
  const moved = await moveStatus(trx, reg.id, reg.status, {
    status: 'cancelled',
    cancelled_at: at,
    late_cancellation: late,
    updated_at: at,
  });
  if (!moved) throw changedMeanwhile();
  let promoted: RegistrationRow | null = null;
  if (reg.status === 'confirmed') {
    // The seat passes on unchanged (seats_taken stays); a waitlisted row taken by another
    // cancellation at the same moment is skipped.
    for (;;) {
      const next = await firstWaitlisted(trx, session.id);
      if (!next) break;
      if (await moveStatus(trx, next.id, 'waitlisted', { status: 'confirmed', updated_at: at })) {
        promoted = { ...next, status: 'confirmed', updated_at: at };
        break;
      }
    }
    if (promoted) await tellPromoted(d, trx, promoted, session, now);
    else await releaseSeat(trx, session.id);
  }
  const cancelled = {
    ...reg,
    status: 'cancelled' as const,
    cancelled_at: at,
    late_cancellation: late,
    updated_at: at,
  };
  return { cancelled, promoted };
}

/** The email to someone who just got a seat from the waitlist, queued in the same transaction. */
async function tellPromoted(
  d: RegistrationDeps,
  trx: Kysely<Database>,
  promoted: RegistrationRow,
  session: StudySessionRow,
  now: Date,
): Promise<void> {
  const person = await findById(trx, promoted.participant_id);
  if (!person?.email) return;
  const invitation = await invitationFor(d, session.study_id, person.id, 'web', trx);
  const mail = await d.mail.compose({
    kind: 'promoted',
    person,
    at: await mailSession(d, session, trx),
    link: await addInvitationLink(trx, invitation, now),
    accommodations: promoted.accommodations,
  });
  await sendMail(d, trx, mail);
}

/** The person's invitation to the study; someone registered without one gets one now. */
export async function invitationFor(
  d: RegistrationDeps,
  studyId: number,
  participantId: number,
  channel: RegistrationChannel,
  db: Kysely<Database> = d.db,
) {
  const found = await invitationOf(db, studyId, participantId);
  if (found) return found;
  await insertInvitations(db, [
    {
      study_id: studyId,
      participant_id: participantId,
      draw_id: null,
      channel: channel === 'web' ? 'email' : 'phone',
      invited_at: d.clock.now().toISOString(),
    },
  ]);
  return (await invitationOf(db, studyId, participantId))!;
}

export async function mailSession(
  d: RegistrationDeps,
  session: StudySessionRow,
  db: Kysely<Database> = d.db,
): Promise<MailSession> {
  const [interp, study] = await Promise.all([
    interpretationOf(db, [session.id]),
    findStudy(db, session.study_id),
  ]);
  return { session, interpretation: interp.get(session.id) ?? [], studyTitle: study!.title };
}

export async function sendMail(
  d: RegistrationDeps,
  trx: Kysely<Database>,
  mail: ComposedMail | undefined,
): Promise<void> {
  if (mail) await d.mail.enqueue(trx, mail);
}

/** A cancelled registration was taken up by someone else first. */
export class RegistrationChanged extends Error {}

export const changedMeanwhile = () =>
  new ValidationError({ registrationId: 'This registration changed meanwhile: look again' });
