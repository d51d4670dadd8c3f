import { DateTime } from 'luxon';
import type { Kysely } from 'kysely';
import type { Database, ParticipantRow, ParticipantStatus } from '../db/schema';
import { ValidationError } from '../errors';
import { auditParticipant } from '../audit/audit.queries';
import * as q from './participants.queries';
import type { Actor, ParticipantService } from './participants.service';

/** Someone who has left the panel cannot be paused: they rejoin (active) first. */
const CANNOT_PAUSE_WITHDRAWN = 'Someone who has left the panel must be made active before pausing';

/** What staff choose on the participant page (record.schema.ts). */
export interface StatusChange {
  status: 'active' | 'paused' | 'withdrawn';
  months: number | null;
}

/**
 * Being in the panel or not: pause, resume, withdraw, rejoin, a new consent text. The same rules
 * serve the resident's own buttons (/me) and staff on the participant page, who act with an
 * actor and leave an audit row.
 */
export class StatusService {
  constructor(private readonly people: ParticipantService) {}

  private get consent() {
    return this.people.d.consent;
  }

  async needsReconsent(p: ParticipantRow): Promise<boolean> {
    return p.consent_version_id !== (await this.consent.current()).id;
  }

  async reconsent(id: number, language: string): Promise<void> {
    const current = await this.consent.current();
    await this.people.d.db.transaction().execute(async (trx) => {
      await this.consent.record(trx, {
        participantId: id,
        version: current,
        language,
        channel: 'web',
      });
      await q.updateParticipant(trx, id, {
        consent_version_id: current.id,
        updated_at: this.people.now().toISOString(),
      });
    });
  }

  /** Pauses contact for some months; only someone in the panel can pause (staff also pause the unconfirmed). */
  async pause(id: number, months: number, actor: Actor = null): Promise<Date | undefined> {
    const now = this.people.now();
    const until = DateTime.fromJSDate(now).plus({ months }).toJSDate();
    const from: ParticipantStatus[] = actor
      ? ['active', 'paused', 'pending']
      : ['active', 'paused'];
    const change = { status: 'paused' as const, paused_until: until.toISOString() };
    const ok = await this.change(id, from, change, actor, { months });
    return ok ? until : undefined;
  }

  /** Ends a pause. Someone who left the panel comes back through rejoin (with consent), not this. */
  resume(id: number, actor: Actor = null): Promise<boolean> {
    return this.change(id, ['paused'], { status: 'active', paused_until: null }, actor);
  }

  /** Staff confirm someone whose email was never confirmed (they reached them otherwise). */
  activate(id: number, actor: Actor): Promise<boolean> {
    const now = this.people.now().toISOString();
    return this.change(id, ['pending'], { status: 'active', confirmed_at: now }, actor);
  }

  async withdraw(id: number, actor: Actor = null): Promise<void> {
    const p = await this.people.get(id);
    const current = await this.consent.current();
    const now = this.people.now();
    await this.people.d.db.transaction().execute(async (trx) => {
      await q.updateParticipant(trx, id, {
        status: 'withdrawn',
        withdrawn_at: now.toISOString(),
        paused_until: null,
        updated_at: now.toISOString(),
      });
      await this.people.d.mailer.cancelFor(trx, id);
      await this.consent.record(trx, {
        participantId: id,
        version: current,
        language: p.language,
        channel: actor ? 'phone' : 'web',
        staffId: actor?.staffId,
        action: 'withdrawn',
      });
      if (actor)
        await auditParticipant(trx, {
          by: actor.staffId,
          action: 'participant.withdraw',
          participantId: id,
          at: now,
        });
    });
  }

  /** Someone who left comes back, agreeing to the current consent text (given to staff by phone). */
  async rejoin(id: number, language: string, actor: Actor = null): Promise<boolean> {
    const current = await this.consent.current();
    const change = {
      status: 'active' as const,
      withdrawn_at: null,
      consent_version_id: current.id,
    };
    return this.change(id, ['withdrawn'], change, actor, {}, (trx) =>
      this.consent.record(trx, {
        participantId: id,
        version: current,
        language,
        channel: actor ? 'phone' : 'web',
        staffId: actor?.staffId,
      }),
    );
  }

  /** A status chosen by staff, through the same rules; false when it already was that status. */
  async setByStaff(id: number, c: StatusChange, staffId: number): Promise<boolean> {
    const p = await this.people.live(id);
    const actor = { staffId };
    if (c.status === 'withdrawn') {
      if (p.status === 'withdrawn') return false;
      await this.withdraw(id, actor);
      return true;
    }
    if (c.status === 'paused') {
      if (p.status === 'withdrawn') throw new ValidationError({ status: CANNOT_PAUSE_WITHDRAWN });
      return Boolean(await this.pause(id, c.months!, actor));
    }
    if (p.status === 'paused') return this.resume(id, actor);
    if (p.status === 'withdrawn') return this.rejoin(id, p.language, actor);
    if (p.status === 'pending') return this.activate(id, actor);
    return false;
  }

  /** One status change, only from the given statuses; staff changes are audit-logged. */
  private async change(
    id: number,
    from: ParticipantStatus[],
    set: Partial<ParticipantRow> & { status: ParticipantStatus },
    actor: Actor,
    details: Record<string, unknown> = {},
    also?: (trx: Kysely<Database>) => Promise<void>,
  ): Promise<boolean> {
    const before = actor ? (await this.people.get(id)).status : undefined;
    const at = this.people.now();
    return this.people.d.db.transaction().execute(async (trx) => {
      const changed = await q.updateIfStatus(trx, id, from, {
        ...set,
        updated_at: at.toISOString(),
      });
      if (!changed) return false;
      await also?.(trx);
      if (actor)
        await auditParticipant(trx, {
          by: actor.staffId,
          action: 'participant.status',
          participantId: id,
          details: { from: before, to: set.status, ...details },
          at,
        });
      return true;
    });
  }
}
