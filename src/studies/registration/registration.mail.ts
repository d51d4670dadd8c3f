import type { Clock } from '../../clock';
import type { Config } from '../../config';
import type { Kysely } from 'kysely';
import type { Database, ParticipantRow, StudySessionRow } from '../../db/schema';
import { translator } from '../../i18n/i18n';
import type { Attachment, ComposedMail, Mailer } from '../../mail/mailer';
import type { SessionMailData, SessionMailKind } from '../../mail/templates';
import { calendarAttachment } from './calendar';
import { sessionText } from './session-text';

export interface RegistrationMailDeps {
  mailer: Mailer;
  clock: Clock;
  config: Pick<Config, 'baseUrl' | 'cityTimeZone' | 'cityNames'>;
}

/** A session with what the email says about it. */
export interface MailSession {
  session: StudySessionRow;
  interpretation: string[];
  studyTitle: string;
}

export interface SessionMail {
  kind: SessionMailKind;
  person: Pick<ParticipantRow, 'id' | 'email' | 'first_name' | 'language'>;
  at: MailSession;
  /** The path of a fresh /r/ link (cancel or switch), when there is one. */
  link: string | null;
  accommodations: string | null;
  /** A seat given up by this change (cancelled, or left by a switch): its calendar entry is cancelled. */
  released?: MailSession | null;
}

/**
 * The emails of a registration, in the person's language, each with its calendar file: a
 * confirmed seat (also after a switch or a promotion) carries the session's `.ics`; a released
 * seat a CANCELLED update of the same UID. Composing does no database work.
 */
export class RegistrationMail {
  constructor(private readonly d: RegistrationMailDeps) {}

  async compose(m: SessionMail): Promise<ComposedMail | undefined> {
    if (!m.person.email) return undefined;
    const lang = m.person.language;
    const t = translator(lang, this.d.config.cityNames);
    const now = this.d.clock.now();
    const seated = m.kind === 'confirmed' || m.kind === 'promoted' || m.kind === 'switched';
    const shown = sessionText(
      m.at.session,
      m.at.interpretation,
      t,
      lang,
      this.d.config.cityTimeZone,
    );
    const link = m.link ? `${this.d.config.baseUrl}${m.link}` : null;
    const data: SessionMailData = {
      kind: m.kind,
      name: m.person.first_name,
      studyTitle: m.at.studyTitle,
      session: shown,
      videoUrl: seated ? m.at.session.video_url : null,
      accommodations: m.accommodations,
      link,
      releasedWhen: m.released
        ? sessionText(
            m.released.session,
            m.released.interpretation,
            t,
            lang,
            this.d.config.cityTimeZone,
          ).when
        : null,
    };
    const attachments: Attachment[] = [];
    if (seated) attachments.push(this.calendar(m.person.id, m.at, t, link, false, now));
    if (m.released)
      attachments.push({
        ...this.calendar(m.person.id, m.released, t, null, true, now),
        filename: 'focus-group-cancelled.ics',
      });
    const template =
      m.kind === 'waitlisted'
        ? 'registration-waitlisted'
        : m.kind === 'cancelled'
          ? 'registration-cancelled'
          : 'registration-confirmed';
    return {
      ...(await this.d.mailer.compose({
        template,
        to: m.person.email,
        toName: m.person.first_name,
        language: lang,
        data,
        attachments,
      })),
      participantId: m.person.id,
    };
  }

  /** Queues a composed email inside the caller's transaction. */
  async enqueue(trx: Kysely<Database>, mail: ComposedMail): Promise<void> {
    await this.d.mailer.enqueue(trx, mail);
  }

  /**
   * One seat's calendar entry. The UID names the session and the person, so a later change
   * (cancellation, a switch away) replaces the entry; SEQUENCE is the clock in seconds, so each
   * change is newer than the last.
   */
  private calendar(
    participantId: number,
    at: MailSession,
    t: ReturnType<typeof translator>,
    link: string | null,
    cancelled: boolean,
    now: Date,
  ): Attachment {
    const s = at.session;
    const host = new URL(this.d.config.baseUrl).hostname;
    const place = [s.place_name, s.address].filter(Boolean).join(', ');
    const video = !cancelled && s.mode !== 'in_person' ? s.video_url : null;
    return calendarAttachment(
      {
        uid: `session-${s.id}-participant-${participantId}@${host}`,
        start: new Date(s.starts_at),
        durationMinutes: s.duration_minutes,
        title: t('register.mail.calendarTitle', { study: at.studyTitle }),
        description: [at.studyTitle, link ? t('register.mail.calendarLink', { link }) : '']
          .filter(Boolean)
          .join('\n'),
        location: place || video,
        url: video,
        sequence: Math.floor(now.getTime() / 1000),
        cancelled,
      },
      now,
    );
  }
}
