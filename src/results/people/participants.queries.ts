import type { DB } from '../../db/database';

/** Who a participants export lists: the panel (everyone not deleted) or one study's registrants. */
export type PeopleScope = { kind: 'panel' } | { kind: 'study'; studyId: number };

function people(db: DB, scope: PeopleScope) {
  const q = db.selectFrom('participants as p').where('p.status', '!=', 'deleted');
  if (scope.kind === 'panel') return q;
  // Everyone registered for one of the study's sessions (any outcome), each once.
  return q.where('p.id', 'in', (eb) =>
    eb
      .selectFrom('registrations as r')
      .innerJoin('study_sessions as s', 's.id', 'r.session_id')
      .select('r.participant_id')
      .where('s.study_id', '=', scope.studyId),
  );
}

export async function countPeople(db: DB, scope: PeopleScope): Promise<number> {
  const row = await people(db, scope)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The people with their contact details, read from a cursor in id order. */
export function streamPeople(db: DB, scope: PeopleScope) {
  return people(db, scope)
    .select((eb) => [
      'p.public_id',
      'p.first_name',
      'p.last_name',
      'p.email',
      'p.phone',
      'p.language',
      'p.council_district',
      'p.zip',
      'p.status',
      // When they last gave consent (the consent record's own time).
      eb
        .selectFrom('consent_events as c')
        .select((c) => c.fn.max('c.at').as('at'))
        .whereRef('c.participant_id', '=', 'p.id')
        .where('c.action', '=', 'given')
        .as('consent_at'),
    ])
    .orderBy('p.id')
    .stream(500);
}

export function studyExists(db: DB, id: number) {
  return db.selectFrom('studies').select('id').where('id', '=', id).executeTakeFirst();
}
