import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/* The study report's coded notes (the feedback feature's tables): counts of notes, not people. */

type Db = Kysely<Database>;
const n = (v: unknown) => Number(v ?? 0);

/** Coded notes counted by service × stage × sentiment (notes, not people). */
export function noteGroups(db: Db, studyId: number) {
  return db
    .selectFrom('session_notes as sn')
    .innerJoin('study_sessions as s', 's.id', 'sn.session_id')
    .select([
      'sn.service',
      'sn.stage',
      'sn.sentiment',
      (eb) => eb.fn.countAll<number>().as('notes'),
      (eb) => eb.fn.sum<number>('sn.is_quote').as('quotes'),
    ])
    .where('s.study_id', '=', studyId)
    .groupBy(['sn.service', 'sn.stage', 'sn.sentiment'])
    .orderBy('sn.service')
    .orderBy('sn.stage')
    .orderBy('sn.sentiment')
    .execute();
}

/** The verbatim quotes, with the session and the pseudonym the note carries (never a name). */
export function quotes(db: Db, studyId: number, limit = 200) {
  return db
    .selectFrom('session_notes as sn')
    .innerJoin('study_sessions as s', 's.id', 'sn.session_id')
    .select([
      'sn.id',
      'sn.service',
      'sn.stage',
      'sn.sentiment',
      'sn.pseudonym',
      'sn.body',
      's.id as session_id',
      's.starts_at',
    ])
    .where('s.study_id', '=', studyId)
    .where('sn.is_quote', '=', 1)
    .orderBy('sn.service')
    .orderBy('sn.stage')
    .orderBy('sn.sentiment')
    .orderBy('sn.id')
    .limit(limit)
    .execute();
}

/** The themes most noted at the study's sessions (for the report-back's prefilled lines). */
export async function topThemes(db: Db, studyId: number, limit = 3) {
  const rows = await db
    .selectFrom('session_note_themes as nt')
    .innerJoin('session_notes as sn', 'sn.id', 'nt.note_id')
    .innerJoin('study_sessions as s', 's.id', 'sn.session_id')
    .innerJoin('themes as t', 't.id', 'nt.theme_id')
    .select(['t.name', (eb) => eb.fn.countAll<number>().as('n')])
    .where('s.study_id', '=', studyId)
    .groupBy(['t.id', 't.name'])
    .orderBy('n', 'desc')
    .orderBy('t.name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ name: r.name, count: n(r.n) }));
}
