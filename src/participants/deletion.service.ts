import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { auditParticipant } from '../audit/audit.queries';
import { deleteParticipantLinks } from '../links/links.queries';
import { deleteSessionsOfParticipant } from '../web/session.queries';
import { deleteDraftsMentioning } from './import/import.queries';
import { blankAccommodationsOf } from '../studies/registration/registrations.queries';
import { deleteLinkRequestsFor } from './me/link-requests.queries';
import * as q from './participants.queries';
import type { Actor, ParticipantService } from './participants.service';
import { deleteContactsOf } from './record/contacts.queries';

/** Formats the deletion date in the person's language for the goodbye email. */
export type DateFormatter = (d: Date, lang: string) => string;

/**
 * Deletion, on the person's request or by the retention rule. Every personal field and free text
 * is blanked; links, sessions, contact notes and queued mail go, and mail already logged is
 * blanked. What remains is de-identified (codes, district, demographics, consent history). A last
 * email confirms it to the old address and is itself blanked once sent.
 */
export class DeletionService {
  constructor(
    private readonly people: ParticipantService,
    private readonly formatDate: DateFormatter,
  ) {}

  /**
   * Deletes one person; `stillWanted`, checked inside the transaction, can call it off (someone
   * the retention rule chose who became active meanwhile). Whether it deleted them.
   */
  async delete(
    id: number,
    actor: Actor,
    reason: 'request' | 'retention' = 'request',
    stillWanted?: (trx: Kysely<Database>) => Promise<boolean>,
  ): Promise<boolean> {
    const p = await this.people.get(id);
    if (p.status === 'deleted') return false;
    const { db, mailer, logger } = this.people.d;
    const now = this.people.now();
    const goodbye = p.email
      ? await mailer.compose({
          template:
            reason === 'retention' ? 'participant-retention-deleted' : 'participant-deleted',
          to: p.email,
          toName: null,
          language: p.language,
          data: { name: null, manageLink: '', date: this.formatDate(now, p.language) },
        })
      : undefined;
    const done = await db.transaction().execute(async (trx) => {
      if (stillWanted && !(await stillWanted(trx))) return false;
      await mailer.cancelFor(trx, id);
      await mailer.scrubFor(trx, id);
      await deleteParticipantLinks(trx, id);
      await deleteContactsOf(trx, id);
      await blankAccommodationsOf(trx, id);
      // An import not yet committed may hold their row: it is dropped (drafts live 24 h anyway).
      if (p.email) {
        await deleteDraftsMentioning(trx, p.email);
        await deleteLinkRequestsFor(trx, p.email);
      }
      await q.updateParticipant(trx, id, {
        status: 'deleted',
        first_name: null,
        last_name: null,
        email: null,
        phone: null,
        zip: null,
        needs_other: null,
        contact_preference: null,
        paused_until: null,
        deleted_at: now.toISOString(),
        updated_at: now.toISOString(),
      });
      if (goodbye) await mailer.enqueue(trx, { ...goodbye, scrubAfterSend: true });
      await auditParticipant(trx, {
        by: actor?.staffId ?? null,
        action: 'participant.delete',
        participantId: id,
        details: { by: actor ? 'staff' : reason === 'retention' ? 'retention' : 'resident' },
        at: now,
      });
      return true;
    });
    if (!done) return false;
    // Their browser sessions end too.
    await deleteSessionsOfParticipant(db, id);
    logger.info({ event: 'participant.delete', participantId: id, reason }, 'participant deleted');
    return true;
  }
}
