import type { Insertable, Kysely } from 'kysely';
import type {
  Database,
  SurveyAnswersTable,
  SurveyRecipientsTable,
  SurveyResponsesTable,
} from '../db/schema';

/*
 * What the demo surveys read and write that no service offers: a survey by title (a second run
 * leaves it alone), opening it, the demo pool with what the screener asks, a study's attendees,
 * and batched inserts of recipients, responses and answers (thousands of rows in a few
 * statements, so the demo stays fast).
 */
type Db = Kysely<Database>;

/** Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters. */
const BATCH = 400;

export async function surveyIdByTitle(db: Db, title: string): Promise<number | null> {
  const row = await db
    .selectFrom('surveys')
    .select('id')
    .where('title', '=', title)
    .orderBy('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Opens a demo survey (the builder's status change is not the demo's to call). */
export async function openDemoSurvey(
  db: Db,
  id: number,
  at: { now: string; openSlug: string | null },
): Promise<void> {
  await db
    .updateTable('surveys')
    .set({ status: 'open', open_slug: at.openSlug, updated_at: at.now })
    .where('id', '=', id)
    .execute();
}

export interface DemoPerson {
  id: number;
  language: string;
  council_district: number | null;
  myla311_use: 'never' | 'once' | 'few' | 'often' | null;
  email: string | null;
  channels: string[];
  requestTypes: string[];
}

/** The active demo residents, with their channels and request types, in id order. */
export async function demoPool(db: Db): Promise<DemoPerson[]> {
  const people = await db
    .selectFrom('participants')
    .select(['id', 'language', 'council_district', 'myla311_use', 'email'])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  const choices = await db
    .selectFrom('participant_choices as c')
    .innerJoin('participants as p', 'p.id', 'c.participant_id')
    .select(['c.participant_id', 'c.field', 'c.value'])
    .where('p.status', '=', 'active')
    .where('c.field', 'in', ['channels', 'requestTypes'])
    .orderBy('c.participant_id')
    .orderBy('c.value')
    .execute();
  const byPerson = new Map<number, { channels: string[]; requestTypes: string[] }>();
  for (const c of choices) {
    const own = byPerson.get(c.participant_id) ?? { channels: [], requestTypes: [] };
    (c.field === 'channels' ? own.channels : own.requestTypes).push(c.value);
    byPerson.set(c.participant_id, own);
  }
  return people.map((p) => ({
    ...p,
    ...(byPerson.get(p.id) ?? { channels: [], requestTypes: [] }),
  }));
}

/** Those who attended a study's sessions, with when each session ended. */
export async function attendeesOf(db: Db, studyId: number) {
  const rows = await db
    .selectFrom('registrations as r')
    .innerJoin('study_sessions as s', 's.id', 'r.session_id')
    .innerJoin('participants as p', 'p.id', 'r.participant_id')
    .select([
      'r.participant_id',
      'r.session_id',
      's.starts_at',
      's.duration_minutes',
      'p.language',
      'p.council_district',
      'p.myla311_use',
    ])
    .where('s.study_id', '=', studyId)
    .where('r.status', '=', 'attended')
    .orderBy('r.id')
    .execute();
  return rows;
}

async function inBatches<T, R>(rows: T[], insert: (batch: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += BATCH)
    out.push(...(await insert(rows.slice(i, i + BATCH))));
  return out;
}

export function insertRecipients(db: Db, rows: Insertable<SurveyRecipientsTable>[]) {
  return inBatches(rows, (batch) =>
    db.insertInto('survey_recipients').values(batch).returning(['id', 'participant_id']).execute(),
  );
}

/** Inserts responses; returns each one's id with its submission key (to attach its answers). */
export function insertResponses(db: Db, rows: Insertable<SurveyResponsesTable>[]) {
  return inBatches(rows, (batch) =>
    db.insertInto('survey_responses').values(batch).returning(['id', 'submission_key']).execute(),
  );
}

export async function insertAnswers(
  db: Db,
  rows: Insertable<SurveyAnswersTable>[],
): Promise<number> {
  await inBatches(rows, async (batch) => {
    await db.insertInto('survey_answers').values(batch).execute();
    return [];
  });
  return rows.length;
}
