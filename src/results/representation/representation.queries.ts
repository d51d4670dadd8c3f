import type { DB } from '../../db/database';

/** People counted by one dimension's group (null: the person did not say). */
export interface GroupCount {
  code: string | null;
  n: number;
}

/** Who is counted: the active pool, or the people who attended a session of one study. */
export type Population = { kind: 'pool' } | { kind: 'study'; studyId: number };

function people(db: DB, who: Population) {
  const q = db.selectFrom('participants as p');
  if (who.kind === 'pool') return q.where('p.status', '=', 'active');
  // Each person once, however many of the study's sessions they attended.
  return q.where('p.id', 'in', (eb) =>
    eb
      .selectFrom('registrations as r')
      .innerJoin('study_sessions as s', 's.id', 'r.session_id')
      .select('r.participant_id')
      .where('s.study_id', '=', who.studyId)
      .where('r.status', '=', 'attended'),
  );
}

/** People by council district and by language, counted in SQL. */
export async function countPeople(
  db: DB,
  who: Population,
): Promise<{ district: GroupCount[]; language: GroupCount[] }> {
  const [district, language] = await Promise.all([
    people(db, who)
      .select((eb) => ['p.council_district as code', eb.fn.countAll<number>().as('n')])
      .groupBy('p.council_district')
      .execute(),
    people(db, who)
      .select((eb) => ['p.language as code', eb.fn.countAll<number>().as('n')])
      .groupBy('p.language')
      .execute(),
  ]);
  const norm = (rows: { code: string | number | null; n: number | string | bigint }[]) =>
    rows.map((r) => ({ code: r.code === null ? null : String(r.code), n: Number(r.n) }));
  return { district: norm(district), language: norm(language) };
}

/** A study's title, or undefined. */
export function findStudyTitle(db: DB, id: number) {
  return db.selectFrom('studies').select(['id', 'title']).where('id', '=', id).executeTakeFirst();
}
