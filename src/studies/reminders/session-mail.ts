import type { StudySessionRow } from '../../db/schema';
import { residentDate, residentDateTime } from '../../i18n/dates';
import type { ComposedMail, Mailer } from '../../mail/mailer';
import type { SessionNoticeData } from '../../mail/templates';

/** What a resident's email says about a session (the columns the queries select). */
export type SessionForMail = Pick<
  StudySessionRow,
  | 'starts_at'
  | 'mode'
  | 'place_name'
  | 'address'
  | 'step_free'
  | 'parking'
  | 'transit'
  | 'video_url'
>;

export interface MailPerson {
  id: number;
  first_name: string | null;
  email: string | null;
  language: string;
}

/** Another session of the study, for a cancellation: when, how and where, in their language. */
export function otherSessionLine(s: SessionForMail, lang: string, zone: string) {
  return { when: residentDateTime(s.starts_at, lang, zone), mode: s.mode, place: s.place_name };
}

/**
 * Every email about a session a person registered for (reminder, cancellation) is composed
 * here, in their language, the date and time in the city's zone: so that what every such email
 * carries (the link to their registration page) is added in one place. The video link is
 * given only with a confirmed seat (`seated`). Call it before the transaction; enqueue inside.
 */
export function composeSessionMail(
  mailer: Mailer,
  o: {
    template: 'session-reminder' | 'session-cancelled';
    person: MailPerson & { email: string };
    session: SessionForMail;
    seated: boolean;
    zone: string;
    note?: string | null;
    others?: SessionForMail[];
    /** Their registration page (/r/…), to cancel or switch. */
    link?: string | null;
  },
): Promise<ComposedMail> {
  const { person: p, session: s, zone } = o;
  const lang = p.language;
  const data: SessionNoticeData = {
    name: p.first_name,
    day: residentDate(s.starts_at, lang, zone),
    when: residentDateTime(s.starts_at, lang, zone),
    mode: s.mode,
    place:
      s.mode === 'online'
        ? null
        : {
            name: s.place_name,
            address: s.address,
            stepFree: s.step_free === null ? null : s.step_free === 1,
            parking: s.parking,
            transit: s.transit,
          },
    videoUrl: o.seated && s.mode !== 'in_person' ? s.video_url : null,
    note: o.note ?? null,
    link: o.link ?? null,
    others: o.others?.map((x) => otherSessionLine(x, lang, zone)),
  };
  return mailer
    .compose({ template: o.template, to: p.email, toName: p.first_name, language: lang, data })
    .then((mail) => ({ ...mail, participantId: p.id }));
}
