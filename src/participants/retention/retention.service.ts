import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { recordAudit } from '../../audit/audit.queries';
import { DAY } from '../../clock';
import { getSetting, setSetting } from '../../db/settings.queries';
import { redeemLink } from '../../links/links.queries';
import { newToken } from '../../links/tokens';
import { markActive } from '../activity';
import type { DateFormatter, DeletionService } from '../deletion.service';
import { MANAGE_TTL, type ParticipantService } from '../participants.service';
import * as rq from './retention.queries';
import { deletionDate, keptUntil, parseRetentionYears, retentionCutoffs } from './retention.rules';

const SETTING = 'retention_years';

/**
 * The retention rule: people inactive for the set number of years are deleted by the deletion
 * routine, each warned by email WARNING_LEAD before with a link to stay. A daily job runs it; the
 * admin settings page sets the period and previews the next run.
 */
export class RetentionService {
  constructor(
    private readonly people: ParticipantService,
    private readonly deletion: DeletionService,
    private readonly formatDate: DateFormatter,
  ) {}

  private get db() {
    return this.people.d.db;
  }

  async years(): Promise<number> {
    return parseRetentionYears(await getSetting(this.db, SETTING));
  }

  /** A new period; warnings that no longer apply under it are void. Audit-logged. */
  async setYears(years: number, staffId: number): Promise<void> {
    const before = await this.years();
    const now = this.people.now();
    await this.db.transaction().execute(async (trx) => {
      await setSetting(trx, SETTING, String(years));
      await rq.clearWarningsNotDue(trx, retentionCutoffs(now, years));
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'settings.retention',
        subjectType: 'settings',
        details: { from: before, to: years },
        at: now,
      });
    });
  }

  /** What the next run would do, counted with the same rules. */
  async preview() {
    const years = await this.years();
    const c = retentionCutoffs(this.people.now(), years);
    const [toWarn, toDelete] = await Promise.all([
      rq.countDueForWarning(this.db, c),
      rq.countDueForDeletion(this.db, c),
    ]);
    return { years, toWarn, toDelete };
  }

  /** The daily run: deletes those whose warning has run out, then warns those due. */
  async run(): Promise<{ deleted: number; warned: number }> {
    const years = await this.years();
    const c = retentionCutoffs(this.people.now(), years);
    let deleted = 0;
    for (const id of await rq.dueForDeletion(this.db, c)) {
      // Someone who became active since the list was read is spared.
      const still = (trx: Kysely<Database>) => rq.stillDueForDeletion(trx, id, c);
      if (await this.deletion.delete(id, null, 'retention', still)) deleted++;
    }
    let warned = 0;
    for (const p of await rq.dueForWarning(this.db, c)) if (await this.warn(p, years)) warned++;
    return { deleted, warned };
  }

  /**
   * One warning, in its own short transaction: the mark, the links and the email together.
   * Someone with no email address is marked all the same (nobody is deleted unwarned by the rule,
   * and they cannot be warned otherwise).
   */
  private async warn(
    p: Awaited<ReturnType<typeof rq.dueForWarning>>[number],
    years: number,
  ): Promise<boolean> {
    const { mailer } = this.people.d;
    const now = this.people.now();
    const due = deletionDate(new Date(p.last_active), now, years);
    const stay = newToken();
    const manage = newToken();
    const mail = p.email
      ? await mailer.compose({
          template: 'participant-retention-warning',
          to: p.email,
          toName: p.first_name,
          language: p.language,
          data: {
            name: p.first_name,
            link: this.people.url('stay', stay.token),
            manageLink: this.people.url('m', manage.token),
            date: this.formatDate(due, p.language),
          },
        })
      : undefined;
    // The stay link works until the deletion, with a margin for a job that runs late.
    const stayTtl = due.getTime() - now.getTime() + 2 * DAY;
    return this.db.transaction().execute(async (trx) => {
      if (!(await rq.markWarned(trx, p.id, now.toISOString(), p.last_active))) return false;
      if (mail) {
        await this.people.addLink(trx, p.id, stay, 'participant-stay', stayTtl);
        await this.people.addLink(trx, p.id, manage, 'participant-manage', MANAGE_TTL);
        await mailer.enqueue(trx, { ...mail, participantId: p.id });
      }
      return true;
    });
  }

  /** The person behind a usable stay link, or undefined. */
  personForStay(hash: string) {
    return this.people.participantForLink(hash, 'participant-stay');
  }

  /**
   * "Keep me in the panel": redeems the stay link once and marks the person active; the date
   * before which they will not be deleted, or undefined for a link that cannot be used.
   */
  async stay(hash: string): Promise<Date | undefined> {
    const p = await this.personForStay(hash);
    if (!p) return undefined;
    const now = this.people.now();
    const ok = await this.db.transaction().execute(async (trx) => {
      if (!(await redeemLink(trx, hash, now))) return false;
      await markActive(trx, p.id, now);
      return true;
    });
    return ok ? keptUntil(now, await this.years()) : undefined;
  }
}
