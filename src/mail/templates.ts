import path from 'node:path';
import ejs from 'ejs';
import { VIEWS_DIR } from '../paths';
import type { CityNames } from '../config';
import { translator } from '../i18n/i18n';

/**
 * Every email the app sends, by name. Bodies are EJS files in views/emails/<name>.text.ejs and
 * .html.ejs, rendered with `t` in the recipient's language; the subject comes from the template.
 * Staff emails are in English; resident emails use the i18n catalogues.
 */
export interface MailTemplate<D> {
  subject: (data: D, t: ReturnType<typeof translator>) => string;
}

export interface StaffInviteData {
  name: string;
  inviterName: string;
  role: string;
  link: string;
  expiresInDays: number;
}

/** Resident emails: every one carries the manage link. */
export interface ParticipantMailData {
  name: string | null;
  manageLink: string;
  /** The action link (confirm), when the email has one. */
  link?: string;
  /** A date already formatted in the recipient's language. */
  date?: string;
}

/** Which registration email: a seat, a waitlist place, a cancellation, a promotion, a switch. */
export type SessionMailKind = 'confirmed' | 'waitlisted' | 'cancelled' | 'promoted' | 'switched';

/** A focus-group session as the registration emails describe it, already in the reader's language. */
export interface SessionMailData {
  kind: SessionMailKind;
  name: string | null;
  studyTitle: string;
  session: {
    when: string;
    duration: string;
    mode: string;
    place: {
      name: string | null;
      address: string | null;
      stepFree: string | null;
      parking: string | null;
      transit: string | null;
    } | null;
    language: string;
    interpretation: string | null;
    incentive: string | null;
  };
  /** Only for a confirmed seat. */
  videoUrl: string | null;
  accommodations: string | null;
  /** A fresh /r/ link to see, cancel or switch. */
  link: string | null;
  /** After a switch: when the seat they left was. */
  releasedWhen: string | null;
}

/** A session as a reminder or a cancellation notice shows it to a resident (src/studies/reminders/session-mail.ts builds it). */
export interface SessionNoticeData {
  name: string | null;
  /** The day, and the date and time with the zone, already in the recipient's language. */
  day: string;
  when: string;
  mode: 'in_person' | 'online' | 'hybrid';
  place: {
    name: string | null;
    address: string | null;
    stepFree: boolean | null;
    parking: string | null;
    transit: string | null;
  } | null;
  /** Only for someone holding a confirmed seat. */
  videoUrl: string | null;
  /** The organizers' note (a cancellation), as they typed it. */
  note?: string | null;
  /** Their registration page (/r/…), to cancel or switch. */
  link?: string | null;
  /** The study's other sessions with seats (a cancellation). */
  others?: { when: string; mode: 'in_person' | 'online' | 'hybrid'; place: string | null }[];
}

/** A study invitation (first email or a reminder), in the resident's language. */
export interface InvitationMailData {
  name: string | null;
  /** The /r/ link: the sessions, and registering for one. */
  link: string;
  /** The manage link, in the first invitation email of a staff-entered or imported person. */
  manageLink: string | null;
  reminder: boolean;
  /** The study's 311 request types, labelled in the recipient's language. */
  requestTypes: string[];
  /** The study's life-cycle stages (codes; labelled by the catalogue). */
  stages: string[];
  incentiveCents: number;
  incentiveKind: string;
}

/** A survey's personal link (sent by staff, or after a focus group), in the resident's language. */
export interface SurveyInvitationData {
  name: string | null;
  /** The survey's title in the recipient's language (or its first language). */
  surveyTitle: string;
  /** The /s/ link: the survey, resumed where they stopped. */
  link: string;
  /** The manage link, in the first email of a staff-entered or imported person. */
  manageLink: string | null;
  /** Sent after a focus group they attended. */
  postSession: boolean;
}

/** "What we heard" after a study (src/results/report-back), in the resident's language. */
export interface ReportBackMailData {
  name: string | null;
  /** What organizers wrote for this language, shown as text (paragraphs at blank lines). */
  message: string;
  manageLink: string;
}

export const mailTemplates = {
  'staff-invite': {
    subject: () => 'You have been invited to Civic Panel',
  } as MailTemplate<StaffInviteData>,
  'staff-password-reset': {
    subject: () => 'Set a new Civic Panel password',
  } as MailTemplate<StaffInviteData>,
  'participant-confirm': {
    subject: (_d, t) => t('mail.confirm.subject'),
  } as MailTemplate<ParticipantMailData>,
  'participant-already-member': {
    subject: (_d, t) => t('mail.alreadyMember.subject'),
  } as MailTemplate<ParticipantMailData>,
  'participant-manage-link': {
    subject: (_d, t) => t('mail.manageLink.subject'),
  } as MailTemplate<ParticipantMailData>,
  'participant-email-change': {
    subject: (_d, t) => t('mail.emailChange.subject'),
  } as MailTemplate<ParticipantMailData>,
  'participant-deleted': {
    subject: (_d, t) => t('mail.deleted.subject'),
  } as MailTemplate<ParticipantMailData>,
  'participant-retention-warning': {
    subject: (_d, t) => t('retention.warningMail.subject'),
  } as MailTemplate<ParticipantMailData>,
  'participant-retention-deleted': {
    subject: (_d, t) => t('retention.deletedMail.subject'),
  } as MailTemplate<ParticipantMailData>,
  'registration-confirmed': {
    subject: (d, t) => t(`register.mail.${d.kind}Subject`, { date: d.session.when }),
  } as MailTemplate<SessionMailData>,
  'registration-waitlisted': {
    subject: (d, t) => t('register.mail.waitlistedSubject', { date: d.session.when }),
  } as MailTemplate<SessionMailData>,
  'registration-cancelled': {
    subject: (d, t) => t('register.mail.cancelledSubject', { date: d.session.when }),
  } as MailTemplate<SessionMailData>,
  'session-reminder': {
    subject: (d, t) => t('reminders.reminderMail.subject', { day: d.day }),
  } as MailTemplate<SessionNoticeData>,
  'session-cancelled': {
    subject: (d, t) => t('reminders.cancelledMail.subject', { day: d.day }),
  } as MailTemplate<SessionNoticeData>,
  'study-invitation': {
    subject: (d, t) => t(d.reminder ? 'invitation.reminderSubject' : 'invitation.subject'),
  } as MailTemplate<InvitationMailData>,
  'survey-invitation': {
    subject: (d, t) =>
      t(d.postSession ? 'surveyMail.postSessionSubject' : 'surveyMail.subject', {
        title: d.surveyTitle,
      }),
  } as MailTemplate<SurveyInvitationData>,
  'report-back': {
    subject: (_d, t) => t('reportBack.mail.subject'),
  } as MailTemplate<ReportBackMailData>,
};

export type TemplateName = keyof typeof mailTemplates;
export type TemplateData<N extends TemplateName> =
  (typeof mailTemplates)[N] extends MailTemplate<infer D> ? D : never;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export async function renderMail<N extends TemplateName>(
  name: N,
  language: string,
  data: TemplateData<N>,
  /** The city's names for {{city}}, {{service311}}, {{office}}; the catalogue's by default. */
  cityNames?: CityNames,
): Promise<RenderedMail> {
  const t = translator(language, cityNames);
  const locals = { ...(data as object), t, lang: language };
  const dir = path.join(VIEWS_DIR, 'emails');
  // Compiled once per file (templates ship with the app): a registration composes two emails
  // before its transaction, and compiling them each time was most of its cost.
  const [text, html] = await Promise.all([
    // Plain text is not HTML: no escaping there (headers are handled by stripLineBreaks).
    ejs.renderFile(path.join(dir, `${name}.text.ejs`), locals, {
      escape: (s: unknown) => String(s ?? ''),
      cache: true,
    }) as Promise<string>,
    ejs.renderFile(path.join(dir, `${name}.html.ejs`), locals, { cache: true }) as Promise<string>,
  ]);
  const template = mailTemplates[name] as MailTemplate<TemplateData<N>>;
  return { subject: stripLineBreaks(template.subject(data, t)), text, html };
}

/** Headers never carry a line break, whatever a name or subject contains. */
export function stripLineBreaks(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
}
