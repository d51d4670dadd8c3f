import { sql, type Kysely } from 'kysely';
import { DAY } from '../../clock';
import type { Database } from '../../db/schema';
import { poolWhere } from '../../participants/pool/pool.queries';
import type { PoolCriteria } from '../../participants/pool/pool.schema';
import type { AttrValue, Candidate, QUOTA_DIMENSIONS } from './quota-draw';

/*
 * The candidates of a sample: the people a pool filter finds (the pool's own `poolWhere`, so the
 * sample builder and the Pool page never disagree), narrowed to those who may be invited now.
 */

/** Not contacted in the last N days (the default). */
export const DEFAULT_COOL_DOWN_DAYS = 90;

export interface CandidateExclusions {
  /**
   * Cool-down: people contacted in the last N days are left out. For now "contacted" is
   * `participants.last_contacted_at` (any staff contact or email); once invitations exist it
   * should be "invited to any study", read from them.
   */
  coolDownDays: number;
  now: Date;
  /** People already in this study (bound parameters: keep it to a study's size, not the pool's). */
  excludeIds?: readonly number[];
}

export interface SampleCandidate extends Candidate {
  attrs: Record<(typeof QUOTA_DIMENSIONS)[number], AttrValue>;
}

/**
 * One query for the people and their single-valued answers, and one for their channels (a
 * plain select of rows rather than a string aggregate: `group_concat` and `string_agg` differ
 * between SQLite and PostgreSQL). Both in id order.
 */
export async function candidatesFor(
  db: Kysely<Database>,
  criteria: PoolCriteria,
  exclusions: CandidateExclusions,
): Promise<SampleCandidate[]> {
  const cutoff = new Date(exclusions.now.getTime() - exclusions.coolDownDays * DAY).toISOString();
  const excluded = exclusions.excludeIds ?? [];
  // Most of the pool matches, so the filter reads rows in one pass (`poolWhere(…, false)`);
  // `status || ''` keeps the planner off the status index for the same reason.
  const matching = db
    .selectFrom('participants as p')
    .where(poolWhere(criteria, false))
    .where((eb) => eb(sql<string>`${eb.ref('p.status')} || ''`, '=', 'active'))
    .where((eb) =>
      eb.or([eb('p.last_contacted_at', 'is', null), eb('p.last_contacted_at', '<', cutoff)]),
    )
    .$if(excluded.length > 0, (q) => q.where('p.id', 'not in', excluded));

  const rows = await matching
    .select([
      'p.id',
      'p.council_district',
      'p.language',
      'p.myla311_use',
      'p.format_preference',
      'p.age_range',
    ])
    .orderBy('p.id')
    .execute();
  const channels = await db
    .selectFrom('participant_choices as c')
    .select(['c.participant_id', 'c.value'])
    .where('c.field', '=', 'channels')
    .where('c.participant_id', 'in', matching.select('p.id'))
    .execute();

  const byPerson = new Map<number, string[]>();
  for (const c of channels) {
    const list = byPerson.get(c.participant_id);
    if (list) list.push(c.value);
    else byPerson.set(c.participant_id, [c.value]);
  }
  return rows.map((r) => ({
    id: r.id,
    attrs: {
      councilDistrict: r.council_district === null ? null : String(r.council_district),
      language: r.language,
      myla311Use: r.myla311_use,
      channel: byPerson.get(r.id)?.sort() ?? [],
      format: r.format_preference,
      ageRange: r.age_range,
    },
  }));
}
