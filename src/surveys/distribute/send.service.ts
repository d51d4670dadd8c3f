import { recordAudit } from '../../audit/audit.queries';
import { MINUTE, type Clock } from '../../clock';
import type { Config } from '../../config';
import type { DB } from '../../db/database';
import type { SurveyRow } from '../../db/schema';
import { NotFoundError, ValidationError } from '../../errors';
import { insertLink } from '../../links/links.queries';
import { newToken } from '../../links/tokens';
import type { ComposedMail, Mailer } from '../../mail/mailer';
import { mailTemplates, type TemplateName } from '../../mail/templates';
import { updateParticipant } from '../../participants/participants.queries';
import { MANAGE_TTL } from '../../participants/participants.service';
import { channelFor, needsManageLink } from '../../studies/invitations/invitation.rules';
import { findStudy } from '../../studies/studies.queries';
import { textIn } from '../model/texts';
import { addSurveyLink } from '../survey-links';
import { findSurvey, languagesOf, surveyTexts } from '../surveys.queries';
import type { Audience } from './audience';
import {
  audienceOf,
  insertRecipients,
  postSessionCandidates,
  recipientCounts,
  surveyCallList,
  type AudiencePerson,
} from './distribute.queries';

/** Builds the resident's manage link (`/me/m/<token>`): the participants feature's. */
export interface ManageLinks {
  url(kind: 'm', token: string): string;
}

export interface SendDeps {
  db: DB;
  clock: Clock;
  mailer: Mailer;
  config: Pick<Config, 'baseUrl'>;
  manageLinks: ManageLinks;
}

export interface SendResult {
  byEmail: number;
  /** Recipients without email (or who prefer a call): on the survey's call list. */
  byPhone: number;
  /** Sent this survey before: skipped. */
  alreadySent: number;
}

/** The field the send refusals are shown on. */
export const SEND_FIELD = 'send';

/** People written to in one transaction: a big send is many short ones. */
export const CHUNK = 100;

/** Every email a resident can get (each carries a link to their details, or is this one). */
const RESIDENT_TEMPLATES = (Object.keys(mailTemplates) as TemplateName[]).filter(
  (n) => !n.startsWith('staff-'),
);

type Person = Omit<AudiencePerson, 'already'> & { sessionId?: number | null };

interface Prepared {
  token: { token: string; hash: string };
  manage: { token: string; hash: string } | null;
  mail: ComposedMail;
}

/** The survey's title as a resident reads it: their language, else the survey's first. */
export function titleFor(survey: Pick<SurveyRow, 'texts' | 'languages' | 'title'>, lang: string) {
  const title = surveyTexts(survey).title;
  return textIn(title, lang) || textIn(title, languagesOf(survey)[0] ?? 'en') || survey.title;
}

/**
 * Sending a survey's personal links (`/s/…`): to a pool filter or a study's people, chosen by
 * an organizer, and after a focus group to those who attended (the post-session job). One
 * recipient row per person (UNIQUE survey + person: no one twice); an email in their language,
 * composed before and written inside a short transaction per chunk; those without email go on
 * the survey's call list.
 */
export class SurveySender {
  constructor(private readonly d: SendDeps) {}

  async survey(id: number): Promise<SurveyRow> {
    const survey = await findSurvey(this.d.db, id);
    if (!survey) throw new NotFoundError();
    return survey;
  }

  /** The study a survey belongs to, if any (its title for the pages). */
  study(id: number | null) {
    return id === null ? Promise.resolve(undefined) : findStudy(this.d.db, id);
  }

  /** Who an audience is: by email, on the call list, and already sent. */
  async preview(surveyId: number, audience: Audience) {
    const people = await audienceOf(this.d.db, surveyId, audience);
    const fresh = people.filter((p) => !p.already);
    return {
      total: people.length,
      byEmail: fresh.filter((p) => channelFor(p) === 'email'),
      byPhone: fresh.filter((p) => channelFor(p) === 'phone'),
      alreadySent: people.length - fresh.length,
    };
  }

  /** Sends an open survey's links to an audience (organizers), audited. */
  async send(surveyId: number, audience: Audience, staffId: number): Promise<SendResult> {
    const survey = await this.survey(surveyId);
    if (survey.status !== 'open')
      throw new ValidationError({
        [SEND_FIELD]: 'Only an open survey can be sent: open it on the survey’s page first',
      });
    const people = await audienceOf(this.d.db, surveyId, audience);
    const fresh = people.filter((p) => !p.already);
    if (!people.length)
      throw new ValidationError({ [SEND_FIELD]: 'No one matches: nothing to send' });
    const sent = await this.deliver(survey, fresh, staffId, false);
    const result = { ...sent, alreadySent: people.length - fresh.length + sent.alreadySent };
    await recordAudit(this.d.db, {
      actorStaffId: staffId,
      action: 'survey.send',
      subjectType: 'survey',
      subjectId: surveyId,
      details: {
        audience:
          audience.kind === 'pool'
            ? { kind: 'pool' }
            : { kind: 'study', studyId: audience.studyId, group: audience.group },
        ...result,
      },
      at: this.d.clock.now(),
    });
    return result;
  }

  /**
   * The post-session job: every attended registration of a session of an open post-session
   * survey's study, once the survey's wait after the session's end has passed, gets the survey
   * once (the recipient row is the record; a restart finds what is still owed).
   */
  async sendPostSession(): Promise<number> {
    const now = this.d.clock.now();
    const due = (await postSessionCandidates(this.d.db, now.toISOString())).filter(
      (c) =>
        Date.parse(c.starts_at) + (c.duration_minutes + c.send_after_minutes) * MINUTE <=
        now.getTime(),
    );
    const bySurvey = new Map<number, Person[]>();
    for (const c of due) {
      const list = bySurvey.get(c.survey_id) ?? [];
      // One row per person: someone who attended two sessions gets it after the first.
      if (!list.some((p) => p.id === c.id)) list.push({ ...c, sessionId: c.session_id });
      bySurvey.set(c.survey_id, list);
    }
    let sent = 0;
    for (const [surveyId, people] of bySurvey) {
      const survey = await this.survey(surveyId);
      const r = await this.deliver(survey, people, null, true);
      sent += r.byEmail + r.byPhone;
    }
    return sent;
  }

  /** How many were sent the survey, responded, and are on its call list. */
  async counts(surveyId: number) {
    const [c, calls] = await Promise.all([
      recipientCounts(this.d.db, surveyId),
      surveyCallList(this.d.db, surveyId),
    ]);
    return { ...c, calls: calls.length };
  }

  /** The survey's call list: recipients to reach by phone who have not responded. */
  callList(surveyId: number) {
    return surveyCallList(this.d.db, surveyId);
  }

  private async deliver(
    survey: SurveyRow,
    people: Person[],
    sentBy: number | null,
    postSession: boolean,
  ): Promise<SendResult> {
    const out: SendResult = { byEmail: 0, byPhone: 0, alreadySent: 0 };
    for (let i = 0; i < people.length; i += CHUNK) {
      const chunk = people.slice(i, i + CHUNK);
      const r = await this.deliverChunk(survey, chunk, sentBy, postSession);
      out.byEmail += r.byEmail;
      out.byPhone += r.byPhone;
      out.alreadySent += r.alreadySent;
    }
    return out;
  }

  private async deliverChunk(
    survey: SurveyRow,
    people: Person[],
    sentBy: number | null,
    postSession: boolean,
  ): Promise<SendResult> {
    // Composed before the transaction: the links are made now and stored inside it.
    const mails = new Map<number, Prepared>();
    for (const p of people)
      if (channelFor(p) === 'email') {
        const mailedBefore =
          p.source !== 'web' &&
          (await this.d.mailer.sentSince(this.d.db, p.id, RESIDENT_TEMPLATES, new Date(0)));
        mails.set(
          p.id,
          await this.prepare(survey, p, needsManageLink(p, mailedBefore), postSession),
        );
      }
    const now = this.d.clock.now();
    const at = now.toISOString();
    return this.d.db.transaction().execute(async (trx) => {
      const created = await insertRecipients(
        trx,
        people.map((p) => ({
          survey_id: survey.id,
          participant_id: p.id,
          session_id: p.sessionId ?? null,
          sent_at: at,
          sent_by: sentBy,
        })),
      );
      let byEmail = 0;
      for (const rec of created) {
        const m = mails.get(rec.participant_id);
        if (!m) continue;
        await addSurveyLink(trx, rec, now, m.token);
        if (m.manage)
          await insertLink(trx, {
            tokenHash: m.manage.hash,
            purpose: 'participant-manage',
            staffUserId: null,
            participantId: rec.participant_id,
            now,
            ttlMs: MANAGE_TTL,
          });
        await this.d.mailer.enqueue(trx, m.mail);
        await updateParticipant(trx, rec.participant_id, { last_contacted_at: at });
        byEmail++;
      }
      return {
        byEmail,
        byPhone: created.length - byEmail,
        alreadySent: people.length - created.length,
      };
    });
  }

  private async prepare(
    survey: SurveyRow,
    p: Person,
    manageLink: boolean,
    postSession: boolean,
  ): Promise<Prepared> {
    const token = newToken();
    const manage = manageLink ? newToken() : null;
    const mail = await this.d.mailer.compose({
      template: 'survey-invitation',
      to: p.email!,
      toName: p.first_name,
      language: p.language,
      data: {
        name: p.first_name,
        surveyTitle: titleFor(survey, p.language),
        link: `${this.d.config.baseUrl}/s/${token.token}`,
        manageLink: manage && this.d.manageLinks.url('m', manage.token),
        postSession,
      },
    });
    return { token, manage, mail: { ...mail, participantId: p.id } };
  }
}
