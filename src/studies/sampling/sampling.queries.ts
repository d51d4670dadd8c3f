import { sql, type Kysely } from 'kysely';
import { DAY } from '../../clock';
import type { Database } from '../../db/schema';
import { poolWhere } from '../../participants/pool/pool.queries';
import { SCREENER_ANSWER, type PoolCriteria } from '../../participants/pool/pool.schema';
import { CHANNELS } from '../../participants/profile/options';
import type { AttrValue, Candidate, QuotaDimension } from './quota-draw';

/*
 * The candidates of a sample: the people a pool filter finds (the pool's own `poolWhere`, so the
 * sample builder and the Pool page never disagree), narrowed to those who may be invited now.
 */

/** Not invited to any study in the last N days (the default). */
export const DEFAULT_COOL_DOWN_DAYS = 90;

export interface CandidateExclusions {
  /**
   * Cool-down: people invited to any study in the last N days (`invitations.invited_at`, by
   * email or by phone) are left out. `participants.last_contacted_at` is not used: it is also
   * set by the confirmation email of a sign-up and by every "get my link" email, so it would hide
   * every newcomer for N days; sending an invitation sets it too, for the call list's filter.
   */
  coolDownDays: number;
  now: Date;
  /** The study drawn for: people already invited to it, or registered for one of its sessions, are left out. */
  studyId?: number;
  /** People already in this study (bound parameters: keep it to a study's size, not the pool's). */
  excludeIds?: readonly number[];
}

export interface SampleCandidate extends Candidate {
  /** `channel`: those of the channel values asked for that the person uses (undefined if none asked). */
  attrs: Partial<Record<QuotaDimension, AttrValue>>;
}

/**
 * The two statements, unexecuted (the bench compiles them to time the bare SQL): the people and
 * their single-valued answers; and who uses each of some channel values, as plain rows (a
 * string aggregate would not be portable: `group_concat` and `string_agg` differ between SQLite
 * and PostgreSQL). The second reads only participant_choices' (field, value, participant_id)
 * index, not the filter again: ~15 ms per value over 100,000 people, where joining it to the
 * filtered people took ~170 ms; rows of people outside the filter are simply not looked up.
 */
export function candidateQueries(
  db: Kysely<Database>,
  criteria: PoolCriteria,
  exclusions: CandidateExclusions,
  channels: readonly string[] = CHANNELS,
) {
  const cutoff = new Date(exclusions.now.getTime() - exclusions.coolDownDays * DAY).toISOString();
  const excluded = exclusions.excludeIds ?? [];
  const studyId = exclusions.studyId;
  // Most of the pool matches, so the filter reads rows in one pass (`poolWhere(…, false)`);
  // `status || ''` keeps the planner off the status index for the same reason.
  const matching = db
    .selectFrom('participants as p')
    .where(poolWhere(criteria, false))
    .where((eb) => eb(sql<string>`${eb.ref('p.status')} || ''`, '=', 'active'))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('invitations as i')
            .select(sql.lit(1).as('one'))
            .whereRef('i.participant_id', '=', 'p.id')
            .where((w) =>
              w.or([
                w('i.invited_at', '>=', cutoff),
                ...(studyId === undefined ? [] : [w('i.study_id', '=', studyId)]),
              ]),
            ),
        ),
      ),
    )
    .$if(studyId !== undefined, (q) =>
      q.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('registrations as r')
              .innerJoin('study_sessions as ss', 'ss.id', 'r.session_id')
              .select(sql.lit(1).as('one'))
              .whereRef('r.participant_id', '=', 'p.id')
              .where('ss.study_id', '=', studyId!)
              .where('r.status', '!=', 'cancelled'),
          ),
        ),
      ),
    )
    .$if(excluded.length > 0, (q) => q.where('p.id', 'not in', excluded));
  const people = matching.select([
    'p.id',
    'p.council_district',
    'p.language',
    'p.myla311_use',
    'p.format_preference',
    'p.age_range',
  ]);
  const channelUsers = db
    .selectFrom('participant_choices as c')
    .select(['c.participant_id', 'c.value'])
    .where('c.field', '=', 'channels')
    .where('c.value', 'in', channels.length ? channels : ['']);
  return { people, channelUsers };
}

/**
 * Who gave each of some screener answers (`<survey id>.<question code>.<option code>`): the
 * answered rows of submitted responses of identified surveys, matched to the answers in code.
 * Plain rows, like `channelUsers`; read only when a quota is on a screener answer.
 */
export async function screenerUsers(
  db: Kysely<Database>,
  answers: readonly string[],
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  const wanted = answers
    .map((a) => SCREENER_ANSWER.exec(a))
    .filter((m): m is RegExpExecArray => m !== null);
  if (!wanted.length) return out;
  const rows = await db
    .selectFrom('survey_responses as sr')
    .innerJoin('surveys as sv', 'sv.id', 'sr.survey_id')
    .innerJoin('survey_answers as sa', 'sa.response_id', 'sr.id')
    .innerJoin('survey_questions as sq', 'sq.id', 'sa.question_id')
    .select(['sr.participant_id', 'sr.survey_id', 'sq.code', 'sq.type', 'sa.item', 'sa.value'])
    .where('sr.survey_id', 'in', [...new Set(wanted.map((m) => Number(m[1])))])
    .where('sq.code', 'in', [...new Set(wanted.map((m) => m[2]))])
    .where('sr.status', '=', 'submitted')
    .where('sv.anonymous', '=', 0)
    .where('sa.state', '=', 'answered')
    .where('sr.participant_id', 'is not', null)
    .execute();
  const asked = new Set(answers);
  for (const r of rows) {
    const option = r.item === '' ? r.value : r.type === 'multi_choice' ? r.item : null;
    const answer = `${r.survey_id}.${r.code}.${option}`;
    if (option === null || !asked.has(answer)) continue;
    const list = out.get(r.participant_id!) ?? [];
    if (!list.includes(answer)) list.push(answer);
    out.set(r.participant_id!, list);
  }
  return out;
}

/**
 * The candidates of a sample in id order, with the attributes quotas are set on. `channels`:
 * the channel values the quotas are on (every channel by default; none, no second query). The
 * rows are sorted here, not by SQL: without an ORDER BY the filter reads the narrow
 * `participants_pool` index instead of the whole table (half the time over 100,000 people),
 * and sorting 70,000 ids in JS takes a few ms.
 */
export async function candidatesFor(
  db: Kysely<Database>,
  criteria: PoolCriteria,
  exclusions: CandidateExclusions,
  channels: readonly string[] = CHANNELS,
  /** The screener answers quotas are on (none: not read). */
  screener: readonly string[] = [],
): Promise<SampleCandidate[]> {
  const q = candidateQueries(db, criteria, exclusions, channels);
  const answered = await screenerUsers(db, screener);
  const rows = await q.people.execute();
  rows.sort((a, b) => a.id - b.id);
  const byPerson = new Map<number, string[]>();
  if (channels.length)
    for (const c of await q.channelUsers.execute()) {
      const list = byPerson.get(c.participant_id);
      if (list) list.push(c.value);
      else byPerson.set(c.participant_id, [c.value]);
    }
  // One object literal of one shape: spreading or adding a key to 70,000 objects took 100+ ms.
  return rows.map((r) => ({
    id: r.id,
    attrs: {
      councilDistrict: r.council_district === null ? null : String(r.council_district),
      language: r.language,
      myla311Use: r.myla311_use,
      channel: channels.length ? (byPerson.get(r.id) ?? []) : undefined,
      screener: screener.length ? (answered.get(r.id) ?? []) : undefined,
      format: r.format_preference,
      ageRange: r.age_range,
    },
  }));
}

/** What the preview shows of each drawn person, by id (the caller keeps the draw order). */
export async function drawnPeople(db: Kysely<Database>, ids: readonly number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('participants')
    .select(['id', 'first_name', 'last_name', 'council_district', 'language', 'myla311_use'])
    .where('id', 'in', ids)
    .execute();
}
