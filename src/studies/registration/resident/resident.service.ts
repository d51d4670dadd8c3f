import type { TFunction } from 'i18next';
import type { Clock } from '../../../clock';
import type { DB } from '../../../db/database';
import type { InvitationRow, ParticipantRow, RegistrationRow } from '../../../db/schema';
import { ValidationError } from '../../../errors';
import { markActive } from '../../../participants/activity';
import { choicesOf, findById } from '../../../participants/participants.queries';
import { invitationForToken } from '../../invitations/invitation-links';
import { findInvitation, markResponded } from '../../invitations/invitations.queries';
import { interpretationOf, sessionsOfStudy } from '../../sessions/sessions.queries';
import { findStudy } from '../../studies.queries';
import { canBeRegistered, deadlinePassed, isLateCancellation } from '../registration.rules';
import type { RegistrationService } from '../registration.service';
import { liveRegistrationsInStudy, sessionById, waitlistPosition } from '../registrations.queries';
import { languageName, sessionText, type SessionText } from '../session-text';
import { suits } from './resident.rules';

export interface ResidentRegistrationDeps {
  db: DB;
  clock: Clock;
  cityTimeZone: string;
  registrations: RegistrationService;
}

const OPEN = new Set(['recruiting', 'running']);
const FIELD = 'session';

/** An invitation opened by its own person, with its study and that person. */
export interface Opened {
  invitation: InvitationRow;
  person: ParticipantRow;
  studyTitle: string;
}

/** The person's place at this study, as their page shows it. */
export interface Held {
  registration: RegistrationRow;
  session: SessionText;
  videoUrl: string | null;
  position: number | null;
  begun: boolean;
  late: boolean;
}

/**
 * What a resident does with their invitation link: see the sessions that suit them, register
 * (a seat or the waitlist), say none suits them, and once registered cancel or switch. Every
 * refusal is a catalogue key, shown in the page's language.
 */
export class ResidentRegistrationService {
  constructor(private readonly d: ResidentRegistrationDeps) {}

  /** The invitation a link opens, or undefined (unknown, expired, the study no longer open). */
  openLink(token: string): Promise<InvitationRow | undefined> {
    return invitationForToken(this.d.db, token, this.d.clock.now());
  }

  /** The invitation, if it is this person's and its study still takes registrations. */
  async open(invitationId: number, participantId: number | undefined): Promise<Opened | undefined> {
    if (!participantId) return undefined;
    const invitation = await findInvitation(this.d.db, invitationId);
    if (!invitation || invitation.participant_id !== participantId) return undefined;
    const [study, person] = await Promise.all([
      findStudy(this.d.db, invitation.study_id),
      findById(this.d.db, participantId),
    ]);
    if (!study || !OPEN.has(study.status) || !person || person.status === 'deleted')
      return undefined;
    return { invitation, person, studyTitle: study.title };
  }

  /** The registration the person holds in this study (not cancelled), as their page shows it. */
  async held(o: Opened, t: TFunction, lang: string): Promise<Held | undefined> {
    const [reg] = await liveRegistrationsInStudy(this.d.db, o.invitation.study_id, o.person.id);
    if (!reg) return undefined;
    const session = (await sessionById(this.d.db, reg.session_id))!;
    const interp = await interpretationOf(this.d.db, [session.id]);
    const now = this.d.clock.now();
    return {
      registration: reg,
      session: sessionText(session, interp.get(session.id) ?? [], t, lang, this.d.cityTimeZone),
      videoUrl:
        reg.status === 'confirmed' && session.mode !== 'in_person' ? session.video_url : null,
      position: reg.status === 'waitlisted' ? await waitlistPosition(this.d.db, reg) : null,
      begun: new Date(session.starts_at).getTime() <= now.getTime() || !changeable(reg),
      late: isLateCancellation(session.starts_at, now),
    };
  }

  /**
   * The study's sessions that suit this person: scheduled, not started, before their deadline,
   * in their language or interpreted into it, in a format they can attend.
   */
  async offered(o: Opened, t: TFunction, lang: string): Promise<SessionText[]> {
    const now = this.d.clock.now();
    const sessions = (await sessionsOfStudy(this.d.db, o.invitation.study_id)).filter(
      (s) =>
        s.status === 'scheduled' &&
        new Date(s.starts_at).getTime() > now.getTime() &&
        !deadlinePassed(s.registration_deadline, now),
    );
    const interp = await interpretationOf(
      this.d.db,
      sessions.map((s) => s.id),
    );
    return sessions
      .filter((s) => suits(o.person, s, interp.get(s.id) ?? []))
      .map((s) => sessionText(s, interp.get(s.id) ?? [], t, lang, this.d.cityTimeZone));
  }

  /** What the accommodations box starts with: their needs and interpreter language, in `lang`. */
  async accommodationsFromProfile(person: ParticipantRow, t: TFunction, lang: string) {
    const { needs } = await choicesOf(this.d.db, person.id);
    return needs
      .map((n) => {
        if (n === 'interpreter' && person.interpreter_language)
          return `${t('options.needs.interpreter')} (${languageName(person.interpreter_language, lang)})`;
        if (n === 'other' && person.needs_other) return person.needs_other;
        return t(`options.needs.${n}`);
      })
      .join('; ');
  }

  /**
   * Registers for a session chosen on the page. `seat` says what the page showed: a time that
   * showed seats and filled meanwhile is refused (nothing stored) rather than silently waitlisted.
   */
  async register(
    o: Opened,
    choice: { sessionId: number; seat: boolean },
    accommodations: string | null,
    t: TFunction,
    lang: string,
  ): Promise<{ registration: RegistrationRow; existing: boolean }> {
    // A second press of the button (or a second tab): the place they already hold.
    const held = await this.held(o, t, lang);
    if (held) return { registration: held.registration, existing: true };
    if (!canBeRegistered(o.person.status))
      throw new ValidationError({ [FIELD]: 'register.errors.notActive' });
    const offered = (await this.offered(o, t, lang)).find((s) => s.id === choice.sessionId);
    if (!offered) throw new ValidationError({ [FIELD]: 'register.errors.closed' });
    if (choice.seat && offered.full)
      throw new ValidationError({ [FIELD]: 'register.errors.filled' });
    try {
      return await this.d.registrations.register(choice.sessionId, o.person.id, {
        channel: 'web',
        accommodations,
        staffId: null,
        seatOnly: choice.seat ? { field: FIELD, message: 'register.errors.filled' } : undefined,
      });
    } catch (err) {
      // The staff-worded refusals (closed or past its deadline meanwhile) in the page's words.
      if (err instanceof ValidationError && !(FIELD in err.fields))
        throw new ValidationError({ [FIELD]: 'register.errors.closed' });
      throw err;
    }
  }

  /** Following the invitation link is a sign of life (as the manage link is). */
  signedIn(o: Opened): Promise<void> {
    return markActive(this.d.db, o.person.id, this.d.clock.now());
  }

  /** "None of these times work for me": declined, unless they registered meanwhile. */
  async decline(o: Opened): Promise<void> {
    if (o.invitation.response === 'registered') return;
    const now = this.d.clock.now();
    await markResponded(this.d.db, o.invitation.id, 'declined', now.toISOString());
    await markActive(this.d.db, o.person.id, now);
  }

  /** Cancels the place they hold, until the start; false when there is nothing to cancel. */
  async cancel(o: Opened, t: TFunction, lang: string): Promise<boolean> {
    const held = await this.held(o, t, lang);
    if (!held || held.begun) return false;
    try {
      await this.d.registrations.cancel(held.registration.session_id, held.registration.id, null);
      return true;
    } catch (err) {
      if (err instanceof ValidationError) return false; // cancelled meanwhile
      throw err;
    }
  }

  /** The times they could switch to: offered, not their own, with a seat left. */
  async switchTargets(o: Opened, held: Held, t: TFunction, lang: string) {
    return (await this.offered(o, t, lang)).filter(
      (s) => s.id !== held.registration.session_id && !s.full,
    );
  }

  /** Switches to another time with a seat (see RegistrationService.switchTo). */
  async switchTo(o: Opened, sessionId: number, t: TFunction, lang: string): Promise<void> {
    const held = await this.held(o, t, lang);
    if (!held || held.begun) throw new ValidationError({ [FIELD]: 'register.errors.closed' });
    const target = (await this.switchTargets(o, held, t, lang)).find((s) => s.id === sessionId);
    if (!target) throw new ValidationError({ [FIELD]: 'register.errors.closed' });
    try {
      await this.d.registrations.switchTo(held.registration.id, sessionId, o.person.id, {
        field: FIELD,
        filled: 'register.errors.filled',
        closed: 'register.errors.closed',
      });
    } catch (err) {
      if (err instanceof ValidationError && !(FIELD in err.fields))
        throw new ValidationError({ [FIELD]: 'register.errors.notActive' });
      throw err;
    }
  }
}

/** A registration that cancel or switch can still change. */
function changeable(reg: RegistrationRow): boolean {
  return reg.status === 'confirmed' || reg.status === 'waitlisted';
}
