import { recordAudit } from '../../audit/audit.queries';
import { DAY, type Clock } from '../../clock';
import type { Config } from '../../config';
import type { DB } from '../../db/database';
import type { CallOutcome, StudyRow } from '../../db/schema';
import { NotFoundError, ValidationError } from '../../errors';
import { insertLink } from '../../links/links.queries';
import { newToken } from '../../links/tokens';
import type { ComposedMail, Mailer } from '../../mail/mailer';
import { mailTemplates, type TemplateName } from '../../mail/templates';
import { updateParticipant } from '../../participants/participants.queries';
import { MANAGE_TTL } from '../../participants/participants.service';
import type { ReferenceData } from '../../reference/reference.queries';
import { requestTypeLabel } from '../../reference/reference.labels';
import type { RegistrationService } from '../registration/registration.service';
import { parseQueryString, type SampleDrawer } from '../sampling/draw';
import type { SessionService } from '../sessions/session.service';
import type { StudiesService } from '../studies.service';
import type { StudyLists } from '../studies.queries';
import { addInvitationLink } from './invitation-links';
import {
  channelFor,
  invitationCounts,
  invitationOutcome,
  needsManageLink,
  type InvitationCounts,
} from './invitation.rules';
import {
  claimReminder,
  drawByFingerprint,
  dueForReminder,
  findInvitation,
  insertDrawOnce,
  insertInvitations,
  invitationsOfStudy,
  markRegisteredByPhone,
  markSentMany,
  peopleToInvite,
  recordCall,
  studyCallList,
} from './invitations.queries';

/** Builds the resident's manage link (`/me/m/<token>`): the participants feature's. */
export interface ManageLinks {
  url(kind: 'm', token: string): string;
}

export interface InvitationDeps {
  db: DB;
  clock: Clock;
  mailer: Mailer;
  config: Pick<Config, 'baseUrl'>;
  ref: ReferenceData;
  studies: StudiesService;
  sessions: SessionService;
  registrations: RegistrationService;
  drawer: SampleDrawer;
  manageLinks: ManageLinks;
}

export interface Sent {
  byEmail: number;
  byPhone: number;
  /** Drawn, but already invited to this study (they keep their first invitation). */
  alreadyInvited: number;
  /** True when this very draw had been sent already: nothing was done. */
  repeated: boolean;
}

/** The field the send and reminder refusals are shown on. */
export const SEND_FIELD = 'send';
export const REMINDER_FIELD = 'days';

/** Every email a resident can get (each carries a link to their details, or is this invitation). */
const RESIDENT_TEMPLATES = (Object.keys(mailTemplates) as TemplateName[]).filter(
  (n) => !n.startsWith('staff-'),
);

const RECRUITING_ONLY =
  'Invitations are sent only while a study is recruiting: move this study to recruiting first';

/**
 * Invitations of a study: sending a previewed draw (by email in each person's language, or onto
 * the study's call list), reminders to those who have not answered, and the call list's work
 * (recording a call, registering someone while on the phone).
 */
export class InvitationService {
  constructor(private readonly d: InvitationDeps) {}

  /**
   * Sends the draw the preview showed: redrawn from the same query string (same seed), refused
   * if its fingerprint differs (the pool changed since), stored once (UNIQUE fingerprint per
   * study), one invitation per person (an earlier one is kept), emails composed first and written
   * with the links and invitations in one short transaction.
   */
  async send(
    studyId: number,
    query: string,
    fingerprint: string,
    staffId: number,
    service311: string,
  ): Promise<Sent> {
    const { study, lists } = await this.d.studies.get(studyId);
    if (study.status !== 'recruiting') throw new ValidationError({ [SEND_FIELD]: RECRUITING_ONLY });
    const parsed = parseQueryString(query);
    const form = this.d.drawer.validate(parsed, service311);
    if (!form.ok) throw new ValidationError(form.errors);
    if (await drawByFingerprint(this.d.db, studyId, fingerprint))
      return { byEmail: 0, byPhone: 0, alreadyInvited: 0, repeated: true };
    const drawn = await this.d.drawer.draw(studyId, parsed, form.data);
    if (drawn.fingerprint !== fingerprint)
      throw new ValidationError({
        [SEND_FIELD]:
          'The pool changed since the preview (people joined, left or were invited): nothing was sent. Check the new draw below and send it again',
      });
    const ids = drawn.result.ids;
    if (!ids.length)
      throw new ValidationError({ [SEND_FIELD]: 'No one was drawn: nothing to send' });

    const people = await peopleToInvite(this.d.db, ids);
    const mailedBefore = await this.everMailed(people.filter((p) => p.source !== 'web'));
    const now = this.d.clock.now();
    const at = now.toISOString();
    // Composed before the transaction: the links are made now and stored inside it.
    const mails = new Map<number, Prepared>();
    for (const p of people)
      if (channelFor(p) === 'email')
        mails.set(
          p.id,
          await this.prepare(study, lists, p, {
            reminder: false,
            manage: needsManageLink(p, mailedBefore.has(p.id)),
          }),
        );

    return this.d.db.transaction().execute(async (trx) => {
      const drawId = await insertDrawOnce(trx, {
        study_id: studyId,
        seed: form.data.seed,
        size: drawn.result.size,
        over_recruit_rate: drawn.result.overRecruit,
        cool_down_days: drawn.coolDownDays,
        query,
        invited_count: ids.length,
        created_by: staffId,
        created_at: at,
        fingerprint,
      });
      // The same draw sent at the same moment from another tab: it is stored once.
      if (drawId === undefined)
        return { byEmail: 0, byPhone: 0, alreadyInvited: 0, repeated: true };
      const created = await insertInvitations(
        trx,
        people.map((p) => ({
          study_id: studyId,
          participant_id: p.id,
          draw_id: drawId,
          channel: mails.has(p.id) ? ('email' as const) : ('phone' as const),
          invited_at: at,
        })),
      );
      const mailed: number[] = [];
      for (const inv of created) {
        const m = mails.get(inv.participant_id);
        if (!m || inv.channel !== 'email') continue;
        await this.store(trx, inv, m, now);
        await updateParticipant(trx, inv.participant_id, { last_contacted_at: at });
        mailed.push(inv.id);
      }
      await markSentMany(trx, mailed, at);
      const byEmail = mailed.length;
      const byPhone = created.filter((c) => c.channel === 'phone').length;
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'invitations.send',
        subjectType: 'study',
        subjectId: studyId,
        details: { drawId, byEmail, byPhone },
        at: now,
      });
      return { byEmail, byPhone, alreadyInvited: ids.length - created.length, repeated: false };
    });
  }

  /**
   * One more email to each email invitation not answered for `days` days: a new /r/ link; each
   * taken by a conditional update on its last_sent_at, so two presses at once send it once.
   */
  async remind(studyId: number, days: number, staffId: number): Promise<number> {
    const { study, lists } = await this.d.studies.get(studyId);
    if (study.status !== 'recruiting' && study.status !== 'running')
      throw new ValidationError({
        [REMINDER_FIELD]: 'Reminders go out only while the study is recruiting or running',
      });
    const now = this.d.clock.now();
    const due = await this.dueForReminder(studyId, days);
    const prepared: { inv: (typeof due)[number]; mail: Prepared }[] = [];
    for (const inv of due) {
      const person = { ...inv, id: inv.participant_id };
      prepared.push({
        inv,
        mail: await this.prepare(study, lists, person, { reminder: true, manage: false }),
      });
    }
    const at = now.toISOString();
    return this.d.db.transaction().execute(async (trx) => {
      let sent = 0;
      for (const { inv, mail } of prepared) {
        if (!(await claimReminder(trx, inv.id, inv.last_sent_at!, at))) continue;
        await this.store(trx, inv, mail, now);
        await updateParticipant(trx, inv.participant_id, { last_contacted_at: at });
        sent++;
      }
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'invitations.remind',
        subjectType: 'study',
        subjectId: studyId,
        details: { days, sent },
        at: now,
      });
      return sent;
    });
  }

  /** The email invitations a reminder would go to now. */
  dueForReminder(studyId: number, days: number) {
    const before = new Date(this.d.clock.now().getTime() - days * DAY).toISOString();
    return dueForReminder(this.d.db, studyId, before);
  }

  /** The study page's figures: invited by email / by phone, answered, registered, declined. */
  async counts(studyId: number): Promise<InvitationCounts> {
    const { invitations, registrations } = await invitationsOfStudy(this.d.db, studyId);
    const byPerson = new Map<number, (typeof registrations)[number]['status'][]>();
    for (const r of registrations)
      byPerson.set(r.participant_id, [...(byPerson.get(r.participant_id) ?? []), r.status]);
    return invitationCounts(
      invitations.map((i) => ({
        channel: i.channel,
        outcome: invitationOutcome(i.response, byPerson.get(i.participant_id) ?? []),
      })),
    );
  }

  /** The study's call list: its phone invitations not answered yet, and the sessions to offer. */
  async callList(studyId: number) {
    const [people, sessions] = await Promise.all([
      studyCallList(this.d.db, studyId),
      this.d.sessions.ofStudy(studyId),
    ]);
    return { people, sessions: sessions.filter((s) => s.status === 'scheduled') };
  }

  /**
   * Records a call on one of the study's unanswered invitations (who and when, audited); when
   * the person was reached (or said no), they were contacted.
   */
  async recordCall(
    studyId: number,
    invitationId: number,
    outcome: CallOutcome,
    staffId: number,
  ): Promise<void> {
    const invitation = await this.invitationOf(studyId, invitationId);
    const now = this.d.clock.now();
    const at = now.toISOString();
    await this.d.db.transaction().execute(async (trx) => {
      if (!(await recordCall(trx, { id: invitationId, studyId, outcome, at, by: staffId })))
        throw new ValidationError({
          [`outcome${invitationId}`]:
            'This person has already answered: the call list no longer shows them',
        });
      if (outcome === 'reached' || outcome === 'declined')
        await updateParticipant(trx, invitation.participant_id, { last_contacted_at: at });
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'invitation.call',
        subjectType: 'participant',
        subjectId: invitation.participant_id,
        details: { studyId, invitationId, outcome },
        at: now,
      });
    });
  }

  /**
   * Registers the person of a phone invitation into one of the study's sessions while on the
   * phone (RegistrationService.register, channel phone); they were reached and registered.
   */
  async registerByPhone(
    studyId: number,
    invitationId: number,
    input: { sessionId: number; accommodations: string | null },
    staffId: number,
  ) {
    const invitation = await this.invitationOf(studyId, invitationId);
    const field = `session${invitationId}`;
    const sessions = await this.d.sessions.ofStudy(studyId);
    const session = sessions.find((s) => s.id === input.sessionId && s.status === 'scheduled');
    if (!session) throw new ValidationError({ [field]: 'Choose one of this study’s sessions' });
    let person, result;
    try {
      person = await this.d.registrations.findPerson({ id: invitation.participant_id });
      result = await this.d.registrations.register(session.id, person.id, {
        channel: 'phone',
        accommodations: input.accommodations,
        staffId,
      });
    } catch (err) {
      // Its refusals name the "participant" field: shown on this row's session choice.
      if (err instanceof ValidationError)
        throw new ValidationError({ [field]: Object.values(err.fields)[0] });
      throw err;
    }
    await markRegisteredByPhone(this.d.db, {
      id: invitationId,
      at: this.d.clock.now().toISOString(),
      by: staffId,
    });
    return { ...result, session, person };
  }

  /** Of these people, those the panel ever wrote an email to (the outbox keeps every one). */
  private async everMailed(people: { id: number }[]): Promise<Set<number>> {
    const mailed = new Set<number>();
    for (const p of people)
      if (await this.d.mailer.sentSince(this.d.db, p.id, RESIDENT_TEMPLATES, new Date(0)))
        mailed.add(p.id);
    return mailed;
  }

  private async invitationOf(studyId: number, invitationId: number) {
    const invitation = await findInvitation(this.d.db, invitationId);
    if (!invitation || invitation.study_id !== studyId) throw new NotFoundError();
    return invitation;
  }

  /** An invitation email composed (outside any transaction) with the tokens of its links. */
  private async prepare(
    study: StudyRow,
    lists: StudyLists,
    p: { id: number; email: string | null; first_name: string | null; language: string },
    o: { reminder: boolean; manage: boolean },
  ): Promise<Prepared> {
    const token = newToken();
    const manage = o.manage ? newToken() : null;
    const mail = await this.d.mailer.compose({
      template: 'study-invitation',
      to: p.email!,
      toName: p.first_name,
      language: p.language,
      data: {
        name: p.first_name,
        link: `${this.d.config.baseUrl}/r/${token.token}`,
        manageLink: manage && this.d.manageLinks.url('m', manage.token),
        reminder: o.reminder,
        requestTypes: lists.requestTypes.map((n) => requestTypeLabel(this.d.ref, n, p.language)),
        stages: lists.stages,
        incentiveCents: study.incentive_cents,
        incentiveKind: study.incentive_kind,
      },
    });
    return { token, manage, mail: { ...mail, participantId: p.id } };
  }

  /** Inside the transaction: the /r/ link (and manage link) of a prepared email, and the email. */
  private async store(
    trx: DB,
    inv: { id: number; participant_id: number },
    m: Prepared,
    now: Date,
  ): Promise<void> {
    await addInvitationLink(trx, inv, now, m.token);
    if (m.manage)
      await insertLink(trx, {
        tokenHash: m.manage.hash,
        purpose: 'participant-manage',
        staffUserId: null,
        participantId: inv.participant_id,
        now,
        ttlMs: MANAGE_TTL,
      });
    await this.d.mailer.enqueue(trx, m.mail);
  }
}

interface Prepared {
  token: { token: string; hash: string };
  manage: { token: string; hash: string } | null;
  mail: ComposedMail;
}
