import type { Kysely } from 'kysely';
import type { Database, SurveyRow, SurveyStatus } from '../../db/schema';
import type { SurveyDefinition } from '../model/definition';
import type { PageSpec } from '../model/spec';
import { insertVersionContent } from '../surveys.queries';

/** What the builder reads and writes beyond `surveys.queries.ts`: lists, settings, a version's content. */
type Db = Kysely<Database>;

export async function listSurveys(db: Db, status: SurveyStatus | null) {
  let q = db
    .selectFrom('surveys')
    .leftJoin('studies', 'studies.id', 'surveys.study_id')
    .select((eb) => [
      'surveys.id',
      'surveys.title',
      'surveys.kind',
      'surveys.status',
      'surveys.languages',
      'studies.title as study_title',
      eb
        .selectFrom('survey_versions')
        .select((v) => v.fn.max<number>('number').as('n'))
        .whereRef('survey_versions.survey_id', '=', 'surveys.id')
        .as('version'),
      eb
        .selectFrom('survey_responses')
        .select((v) => v.fn.countAll<number>().as('n'))
        .whereRef('survey_responses.survey_id', '=', 'surveys.id')
        .where('survey_responses.status', '=', 'submitted')
        .as('responses'),
    ])
    .orderBy('surveys.id', 'desc');
  if (status) q = q.where('surveys.status', '=', status);
  return q.execute();
}

export async function countSurveysByStatus(db: Db): Promise<Partial<Record<string, number>>> {
  const rows = await db
    .selectFrom('surveys')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** The studies a survey can belong to, newest first (read from the studies feature's table). */
export async function studyChoices(db: Db): Promise<{ id: number; title: string }[]> {
  return db.selectFrom('studies').select(['id', 'title']).orderBy('id', 'desc').execute();
}

/** The A-11 drivers of the reference table `cx_questions`. */
export async function driverCodes(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('cx_questions').select('driver').execute();
  return rows.map((r) => r.driver);
}

export async function updateSurvey(
  db: Db,
  id: number,
  values: Partial<
    Pick<
      SurveyRow,
      | 'title'
      | 'kind'
      | 'study_id'
      | 'languages'
      | 'anonymous'
      | 'closes_at'
      | 'response_limit'
      | 'texts'
    >
  > & { updated_at: string },
): Promise<void> {
  await db.updateTable('surveys').set(values).where('id', '=', id).execute();
}

/** Moves the status only from the one read (a second click, or someone else's, changes nothing). */
export async function moveSurveyStatus(
  db: Db,
  id: number,
  from: SurveyStatus,
  to: SurveyStatus,
  now: string,
): Promise<number> {
  const r = await db
    .updateTable('surveys')
    .set({ status: to, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Rewrites a version's pages, questions and options (only for a version without responses:
 * answers point at question rows).
 */
export async function replaceVersionContent(
  db: Db,
  versionId: number,
  pages: PageSpec[],
): Promise<void> {
  await db.deleteFrom('survey_questions').where('version_id', '=', versionId).execute();
  await db.deleteFrom('survey_pages').where('version_id', '=', versionId).execute();
  await insertVersionContent(db, versionId, pages);
  await bumpRevision(db, versionId);
}

/** Marks a version's content as changed, so copies kept in memory are read again. */
async function bumpRevision(db: Db, versionId: number): Promise<void> {
  await db
    .updateTable('survey_versions')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', versionId)
    .execute();
}

/**
 * Corrects wording and tags in place: `after` has the same structure as `def` (same pages,
 * questions and options in the same order), so rows pair by position. Only changed rows are written.
 */
export async function updateWording(
  db: Db,
  def: SurveyDefinition,
  after: PageSpec[],
): Promise<void> {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
  await bumpRevision(db, def.versionId);
  for (const [i, page] of def.pages.entries()) {
    const next = after[i];
    if (!same(page.title, next.title))
      await db
        .updateTable('survey_pages')
        .set({ texts: JSON.stringify(next.title ?? {}) })
        .where('id', '=', page.id)
        .execute();
    for (const [j, q] of page.questions.entries()) {
      const n = next.questions[j];
      const texts = { label: n.label ?? {}, help: n.help ?? {} };
      const tags = { service: n.service ?? null, stage: n.stage ?? null, driver: n.driver ?? null };
      if (
        !same(q.texts, texts) ||
        q.service !== tags.service ||
        q.stage !== tags.stage ||
        q.driver !== tags.driver
      )
        await db
          .updateTable('survey_questions')
          .set({ texts: JSON.stringify(texts), ...tags })
          .where('id', '=', q.id)
          .execute();
      const items = [
        ...q.options.map((o, k) => [o, n.options?.[k]] as const),
        ...q.statements.map((o, k) => [o, n.statements?.[k]] as const),
      ];
      for (const [o, m] of items)
        if (m && !same(o.label, m.label))
          await db
            .updateTable('survey_options')
            .set({ texts: JSON.stringify(m.label ?? {}) })
            .where('id', '=', o.id)
            .execute();
    }
  }
}

/** The survey's versions with how many responses each holds (any status). */
export async function versionsWithCounts(db: Db, surveyId: number) {
  const rows = await db
    .selectFrom('survey_versions')
    .select((eb) => [
      'survey_versions.id',
      'survey_versions.number',
      'survey_versions.created_at',
      eb
        .selectFrom('survey_responses')
        .select((v) => v.fn.countAll<number>().as('n'))
        .whereRef('survey_responses.version_id', '=', 'survey_versions.id')
        .as('responses'),
    ])
    .where('survey_id', '=', surveyId)
    .orderBy('number', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, responses: Number(r.responses ?? 0) }));
}
