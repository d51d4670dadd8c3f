import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface CallListFilter {
  language?: string;
  district?: number;
  /** Not contacted in the last N days (never contacted counts). */
  notContactedDays?: number;
}

export interface CallListRow {
  id: number;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  language: string;
  language_name: string | null;
  contact_preference: string | null;
  needs_interpreter: number;
  interpreter_language: string | null;
  last_contacted_at: string | null;
  availability: string | null;
}

/**
 * Active people to reach by phone: they prefer a call or a text, or have no email. `now` bounds
 * the "not contacted in N days" filter.
 */
function base(db: Kysely<Database>, f: CallListFilter, now: Date) {
  let q = db
    .selectFrom('participants as p')
    .where('p.status', '=', 'active')
    .where('p.phone', 'is not', null)
    .where((eb) =>
      eb.or([eb('p.contact_preference', 'in', ['phone', 'text']), eb('p.email', 'is', null)]),
    );
  if (f.language) q = q.where('p.language', '=', f.language);
  if (f.district !== undefined) q = q.where('p.council_district', '=', f.district);
  if (f.notContactedDays !== undefined) {
    const cutoff = new Date(now.getTime() - f.notContactedDays * 86_400_000).toISOString();
    q = q.where((eb) =>
      eb.or([eb('p.last_contacted_at', 'is', null), eb('p.last_contacted_at', '<', cutoff)]),
    );
  }
  return q;
}

function withDetails(q: ReturnType<typeof base>) {
  return q
    .leftJoin('languages as l', 'l.code', 'p.language')
    .select([
      'p.id',
      'p.first_name',
      'p.last_name',
      'p.phone',
      'p.language',
      'l.english_name as language_name',
      'p.contact_preference',
      'p.interpreter_language',
      'p.last_contacted_at',
    ])
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom('participant_choices as c')
            .select(sql.lit(1).as('one'))
            .whereRef('c.participant_id', '=', 'p.id')
            .where('c.field', '=', 'needs')
            .where('c.value', '=', 'interpreter'),
        )
        .$castTo<number>()
        .as('needs_interpreter'),
    ]);
}

/**
 * Each row's availability as one comma-separated text, read in a second query: a string
 * aggregate is not portable (`group_concat` on SQLite, `string_agg` on PostgreSQL).
 */
async function withAvailability(
  db: Kysely<Database>,
  rows: Omit<CallListRow, 'availability'>[],
): Promise<CallListRow[]> {
  const ids = rows.map((r) => r.id);
  const choices = ids.length
    ? await db
        .selectFrom('participant_choices')
        .select(['participant_id', 'value'])
        .where('field', '=', 'availability')
        .where('participant_id', 'in', ids)
        .orderBy('participant_id')
        .orderBy('value')
        .execute()
    : [];
  const byPerson = new Map<number, string[]>();
  for (const c of choices)
    byPerson.set(c.participant_id, [...(byPerson.get(c.participant_id) ?? []), c.value]);
  return rows.map((r) => ({ ...r, availability: byPerson.get(r.id)?.join(',') ?? null }));
}

export async function callListPage(
  db: Kysely<Database>,
  f: CallListFilter,
  now: Date,
  limit: number,
  offset: number,
): Promise<{ rows: CallListRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    withDetails(base(db, f, now))
      .orderBy('p.last_name')
      .orderBy('p.first_name')
      .orderBy('p.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    countCallList(db, f, now),
  ]);
  return { rows: await withAvailability(db, rows), total: count };
}

export async function countCallList(db: Kysely<Database>, f: CallListFilter, now: Date) {
  const r = await base(db, f, now)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The whole list in batches by id: each batch is a short query, so a slow download never holds
 * the database connection.
 */
export async function* callListBatches(
  db: Kysely<Database>,
  f: CallListFilter,
  now: Date,
  size = 500,
): AsyncGenerator<CallListRow> {
  let after = 0;
  for (;;) {
    const rows = await withAvailability(
      db,
      await withDetails(base(db, f, now).where('p.id', '>', after))
        .orderBy('p.id')
        .limit(size)
        .execute(),
    );
    yield* rows;
    if (rows.length < size) return;
    after = rows[rows.length - 1].id;
  }
}
