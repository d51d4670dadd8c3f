import { recordAudit } from '../../audit/audit.queries';
import type { Clock } from '../../clock';
import type { CityNames } from '../../config';
import type { DB } from '../../db/database';
import type { StudyRow } from '../../db/schema';
import { ValidationError } from '../../errors';
import { LOCALES, translator } from '../../i18n/i18n';
import { insertLink } from '../../links/links.queries';
import { newToken } from '../../links/tokens';
import type { ComposedMail, Mailer } from '../../mail/mailer';
import { MANAGE_TTL, type ParticipantService } from '../../participants/participants.service';
import { topThemes } from '../study/notes-report.queries';
import * as q from './report-back.queries';
import {
  audienceOf,
  languageName,
  missingLanguages,
  parseMessages,
  prefill,
} from './report-back.rules';

export interface ReportBackDeps {
  db: DB;
  clock: Clock;
  mailer: Mailer;
  names: CityNames;
  /** The participants feature builds the resident's manage link (`/me/m/<token>`). */
  manageLinks: Pick<ParticipantService, 'url'>;
}

const rank = (l: string) => (LOCALES.includes(l) ? LOCALES.indexOf(l) : LOCALES.length);

/** The field sending refusals are shown on. */
export const SEND_FIELD = 'confirm';

/**
 * Report-back ("what we heard", issue 9 item 5): organizers write a message per language the
 * people who attended have, preview it, and send it once to everyone who attended, each in their
 * own language, through the outbox. Sent once: a conditional update on the study's row.
 */
export class ReportBackService {
  constructor(private readonly d: ReportBackDeps) {}

  /** What the compose and preview pages show: the audience, the draft (or the prefill), the state. */
  async state(study: StudyRow) {
    const [row, people, sessions, themes] = await Promise.all([
      q.findReportBack(this.d.db, study.id),
      q.attendees(this.d.db, study.id),
      q.sessionsHeld(this.d.db, study.id),
      topThemes(this.d.db, study.id),
    ]);
    const audience = audienceOf(people);
    const saved = parseMessages(row?.messages);
    // The resident languages first, in the catalogue's order; any other code after them.
    const languages = [...audience.byLanguage.keys()].sort(
      (a, b) => rank(a) - rank(b) || a.localeCompare(b),
    );
    const headline = { attended: people.length, sessions, themes };
    const messages = Object.fromEntries(
      languages.map((l) => [l, saved[l] ?? prefill(translator(l, this.d.names), headline)]),
    );
    return {
      row,
      saved,
      messages,
      languages: languages.map((code) => ({
        code,
        language: languageName(code),
        people: audience.byLanguage.get(code)!,
      })),
      recipients: audience.to.length,
      skipped: audience.skipped,
      skippedTotal: audience.skippedTotal,
      attended: people.length,
      missing: missingLanguages(languages, saved).map(languageName),
    };
  }

  /** Saves the messages typed (only the languages the audience has); refused once sent. */
  async save(study: StudyRow, typed: Record<string, string>, staffId: number): Promise<void> {
    const { languages } = await this.state(study);
    const messages = Object.fromEntries(
      languages.map((l) => [l.code, (typed[l.code] ?? '').trim()]).filter(([, m]) => m),
    );
    if (!Object.keys(messages).length)
      throw new ValidationError({
        [`message_${languages[0]?.code ?? 'en'}`]: 'Write the message in at least one language',
      });
    const at = this.d.clock.now().toISOString();
    const saved = await q.saveDraft(this.d.db, {
      study_id: study.id,
      messages: JSON.stringify(messages),
      updated_by: staffId,
      at,
    });
    if (!saved)
      throw new ValidationError({
        [`message_${languages[0].code}`]: 'This report-back was sent already: it cannot change',
      });
  }

  /** A rendered email per language, as a recipient named "Alex" would get it. */
  async previews(state: Awaited<ReturnType<ReportBackService['state']>>) {
    return Promise.all(
      state.languages
        .filter((l) => state.saved[l.code])
        .map(async (l) => ({
          ...l,
          mail: await this.compose(
            l.code,
            null,
            state.saved[l.code],
            '(their own link)',
            'preview@example.invalid',
          ),
        })),
    );
  }

  /** Sends the report-back once, audited; returns how many were written and skipped. */
  async send(study: StudyRow, staffId: number) {
    const s = await this.state(study);
    if (s.row?.sent_at)
      throw new ValidationError({
        [SEND_FIELD]: `Already sent on ${s.row.sent_at.slice(0, 10)} to ${s.row.sent_count} people: a report-back goes once`,
      });
    if (!s.row) throw new ValidationError({ [SEND_FIELD]: 'Write and save the message first' });
    if (!s.recipients)
      throw new ValidationError({
        [SEND_FIELD]: 'No one who attended can be written to: nothing to send',
      });
    if (s.missing.length)
      throw new ValidationError({
        [SEND_FIELD]: `Write the message in every language of the people who attended. Missing: ${s.missing.join(', ')}`,
      });
    const people = await q.attendees(this.d.db, study.id);
    const audience = audienceOf(people);
    // Composed before the transaction (with each person's new manage link), written inside it.
    const mails: { id: number; hash: string; mail: ComposedMail }[] = [];
    for (const p of audience.to) {
      const manage = newToken();
      const mail = await this.compose(
        p.language,
        p.first_name,
        s.saved[p.language],
        this.d.manageLinks.url('m', manage.token),
        p.email!,
      );
      mails.push({ id: p.id, hash: manage.hash, mail: { ...mail, participantId: p.id } });
    }
    const now = this.d.clock.now();
    const at = now.toISOString();
    await this.d.db.transaction().execute(async (trx) => {
      const counts = { at, by: staffId, sent: mails.length, skipped: audience.skippedTotal };
      if (!(await q.claimSend(trx, study.id, counts)))
        throw new ValidationError({ [SEND_FIELD]: 'Already sent: a report-back goes once' });
      for (const m of mails) {
        await insertLink(trx, {
          tokenHash: m.hash,
          purpose: 'participant-manage',
          staffUserId: null,
          participantId: m.id,
          now,
          ttlMs: MANAGE_TTL,
        });
        await this.d.mailer.enqueue(trx, m.mail);
      }
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'report_back.send',
        subjectType: 'study',
        subjectId: study.id,
        details: {
          sent: mails.length,
          skipped: audience.skipped,
          languages: [...audience.byLanguage.keys()],
        },
        at: now,
      });
    });
    return { sent: mails.length, skipped: audience.skipped, skippedTotal: audience.skippedTotal };
  }

  private compose(
    language: string,
    name: string | null,
    message: string,
    manageLink: string,
    to: string,
  ) {
    return this.d.mailer.compose({
      template: 'report-back',
      to,
      toName: name,
      language,
      data: { name, message, manageLink },
    });
  }
}

export type ReportBackState = Awaited<ReturnType<ReportBackService['state']>>;
