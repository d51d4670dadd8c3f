import type { Kysely } from 'kysely';
import type {
  Database,
  SurveyOptionRow,
  SurveyPageRow,
  SurveyQuestionRow,
  SurveyRecipientRow,
  SurveyRow,
  SurveyVersionRow,
} from '../db/schema';
import { parseCondition } from './model/conditions';
import type { OptionDef, SurveyDefinition } from './model/definition';
import { isQuestionType, type QuestionSettings } from './model/question-types';
import { specPagesOf, type PageSpec, type SurveySpec } from './model/spec';
import { parseTranslated, type Translated } from './model/texts';
import { LruMap } from '../lru-map';
import { prepared } from '../db/prepared';

/**
 * Surveys and their versions: storing a spec, reading a version as a definition, copying a
 * version. The builder, the respondent pages, the templates and the demo all go through here.
 */
type Db = Kysely<Database>;

const json = (t: unknown) => JSON.stringify(t ?? {});

// Read on every page a resident answers: prepared (src/db/prepared.ts).
const surveyOf = prepared((db: Db, a: { id: number }) =>
  db.selectFrom('surveys').selectAll().where('id', '=', a.id),
);

export async function findSurvey(db: Db, id: number): Promise<SurveyRow | undefined> {
  return (await surveyOf(db, { id })).rows[0];
}

export async function findRecipient(db: Db, id: number): Promise<SurveyRecipientRow | undefined> {
  return db.selectFrom('survey_recipients').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The survey's newest version: the one the builder edits and new responses answer. */
export async function latestVersion(db: Db, surveyId: number): Promise<SurveyVersionRow> {
  return db
    .selectFrom('survey_versions')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

export async function versionsOf(db: Db, surveyId: number): Promise<SurveyVersionRow[]> {
  return db
    .selectFrom('survey_versions')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .orderBy('number')
    .execute();
}

/** Responses started on a version (any status): once there is one, a structural edit makes a new version. */
export async function responsesOnVersion(db: Db, versionId: number): Promise<number> {
  const r = await db
    .selectFrom('survey_responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('version_id', '=', versionId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Writes a version's pages, questions and options (the version row exists, empty). */
export async function insertVersionContent(
  db: Db,
  versionId: number,
  pages: PageSpec[],
): Promise<void> {
  for (const [position, page] of pages.entries()) {
    const { id: pageId } = await db
      .insertInto('survey_pages')
      .values({
        version_id: versionId,
        position,
        texts: json(page.title),
        condition: page.condition ? JSON.stringify(page.condition) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [qPosition, q] of page.questions.entries()) {
      const { id: questionId } = await db
        .insertInto('survey_questions')
        .values({
          version_id: versionId,
          page_id: pageId,
          position: qPosition,
          code: q.code,
          type: q.type,
          required: q.required || q.type === 'consent' ? 1 : 0,
          prefer_not: q.preferNot ? 1 : 0,
          texts: JSON.stringify({ label: q.label ?? {}, help: q.help ?? {} }),
          settings: json(q.settings),
          condition: q.condition ? JSON.stringify(q.condition) : null,
          service: q.service ?? null,
          stage: q.stage ?? null,
          driver: q.driver ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const options = [
        ...(q.options ?? []).map((o, i) => ({ ...o, role: 'option' as const, position: i })),
        ...(q.statements ?? []).map((o, i) => ({ ...o, role: 'statement' as const, position: i })),
      ];
      if (options.length)
        await db
          .insertInto('survey_options')
          .values(
            options.map((o) => ({
              question_id: questionId,
              role: o.role,
              position: o.position,
              code: o.code,
              texts: json(o.label),
              is_other: o.isOther ? 1 : 0,
            })),
          )
          .execute();
    }
  }
}

/**
 * Stores a whole survey from a spec (version 1). Call inside a transaction: the rows of one
 * survey appear together or not at all.
 */
export async function insertSurvey(
  db: Db,
  spec: SurveySpec,
  at: { now: string; createdBy: number | null },
): Promise<{ surveyId: number; versionId: number }> {
  const { id: surveyId } = await db
    .insertInto('surveys')
    .values({
      title: spec.title,
      kind: spec.kind,
      study_id: spec.studyId ?? null,
      languages: JSON.stringify(spec.languages),
      anonymous: spec.anonymous ? 1 : 0,
      status: spec.status ?? 'draft',
      texts: JSON.stringify({
        title: spec.texts.title,
        introduction: spec.texts.introduction ?? {},
        thankYou: spec.texts.thankYou ?? {},
      }),
      created_by: at.createdBy,
      created_at: at.now,
      updated_at: at.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: versionId } = await db
    .insertInto('survey_versions')
    .values({ survey_id: surveyId, number: 1, created_at: at.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertVersionContent(db, versionId, spec.pages);
  return { surveyId, versionId };
}

/**
 * A new version with the same content as `from` (call inside a transaction; UNIQUE(survey,
 * number) refuses a second copy made at the same moment). Returns the new version's id.
 */
export async function copyVersion(db: Db, from: SurveyVersionRow, now: string): Promise<number> {
  const def = await loadDefinition(db, from.id);
  const { id } = await db
    .insertInto('survey_versions')
    .values({ survey_id: from.survey_id, number: from.number + 1, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertVersionContent(db, id, specPagesOf(def));
  return id;
}

/** The survey's languages (JSON array in the row). */
export function languagesOf(survey: Pick<SurveyRow, 'languages'>): string[] {
  try {
    const v: unknown = JSON.parse(survey.languages);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The survey's own texts (title, introduction, thank-you) by language. */
export function surveyTexts(survey: Pick<SurveyRow, 'texts'>): SurveyDefinition['texts'] {
  let v: Record<string, unknown> = {};
  try {
    v = JSON.parse(survey.texts) as Record<string, unknown>;
  } catch {
    // treated as empty
  }
  const part = (k: string) => parseTranslated(JSON.stringify(v?.[k] ?? {}));
  return { title: part('title'), introduction: part('introduction'), thankYou: part('thankYou') };
}

function questionTexts(q: SurveyQuestionRow): { label: Translated; help: Translated } {
  try {
    const v = JSON.parse(q.texts) as { label?: unknown; help?: unknown };
    return {
      label: parseTranslated(JSON.stringify(v.label ?? {})),
      help: parseTranslated(JSON.stringify(v.help ?? {})),
    };
  } catch {
    return { label: {}, help: {} };
  }
}

function settingsOf(q: SurveyQuestionRow): QuestionSettings {
  try {
    const v: unknown = JSON.parse(q.settings);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as QuestionSettings) : {};
  } catch {
    return {};
  }
}

/** A version's content as last read, per database handle, keyed by version id; see loadDefinition. */
type KeptContent = { revision: number; pages: SurveyDefinition['pages'] };
const keptContent = new WeakMap<object, LruMap<number, KeptContent>>();
/** Versions kept per handle (the least recently read goes first). */
const KEPT_VERSIONS = 200;

/** The kept versions of a database handle (made on first use). */
function keptFor(db: Db): LruMap<number, KeptContent> {
  let kept = keptContent.get(db);
  if (!kept) keptContent.set(db, (kept = new LruMap(KEPT_VERSIONS)));
  return kept;
}

/** Freezes a value and everything in it: kept content is shared by every request. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** What a definition takes from its survey and version rows (the content is kept by revision). */
export interface DefinitionHead {
  survey: Pick<SurveyRow, 'languages' | 'texts'>;
  revision: number;
}

/**
 * One version as the pure rules see it. The survey's languages and texts are read every time;
 * the version's pages, questions and options (three more queries) are kept in memory by
 * (version, revision) — a change in place adds one to the revision in the database, so every
 * process reads the new content on its next request. Nothing read inside a transaction is kept
 * (it might be rolled back). The content is frozen: shared, never changed by its readers.
 * A caller that has just read the survey and the version's revision passes them as `head`.
 */
export async function loadDefinition(
  db: Db,
  versionId: number,
  head?: DefinitionHead,
): Promise<SurveyDefinition> {
  const { survey, revision } = head ?? (await readHead(db, versionId));
  const top = { versionId, languages: languagesOf(survey), texts: surveyTexts(survey) };
  const kept = db.isTransaction ? undefined : keptFor(db);
  const found = kept?.get(versionId);
  if (found?.revision === revision) return { ...top, pages: found.pages };
  const pages = deepFreeze(await readContent(db, versionId));
  kept?.set(versionId, { revision, pages });
  return { ...top, pages };
}

async function readHead(db: Db, versionId: number): Promise<DefinitionHead> {
  const v = await db
    .selectFrom('survey_versions')
    .innerJoin('surveys', 'surveys.id', 'survey_versions.survey_id')
    .select(['surveys.languages', 'surveys.texts', 'survey_versions.revision'])
    .where('survey_versions.id', '=', versionId)
    .executeTakeFirstOrThrow();
  return { survey: v, revision: v.revision };
}

/** A version's pages with their questions and options (three queries, whatever its size). */
async function readContent(db: Db, versionId: number): Promise<SurveyDefinition['pages']> {
  const pages: SurveyPageRow[] = await db
    .selectFrom('survey_pages')
    .selectAll()
    .where('version_id', '=', versionId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const questions: SurveyQuestionRow[] = await db
    .selectFrom('survey_questions')
    .selectAll()
    .where('version_id', '=', versionId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const options: SurveyOptionRow[] = questions.length
    ? await db
        .selectFrom('survey_options')
        .selectAll()
        .where(
          'question_id',
          'in',
          questions.map((q) => q.id),
        )
        .orderBy('position')
        .orderBy('id')
        .execute()
    : [];
  const optionDef = (o: SurveyOptionRow): OptionDef => ({
    id: o.id,
    code: o.code,
    label: parseTranslated(o.texts),
    isOther: o.is_other === 1,
  });
  return pages.map((p, position) => ({
    id: p.id,
    position,
    title: parseTranslated(p.texts),
    condition: parseCondition(p.condition),
    questions: questions
      .filter((q) => q.page_id === p.id && isQuestionType(q.type))
      .map((q) => ({
        id: q.id,
        code: q.code,
        type: q.type as SurveyDefinition['pages'][number]['questions'][number]['type'],
        required: q.required === 1,
        preferNot: q.prefer_not === 1,
        texts: questionTexts(q),
        settings: settingsOf(q),
        condition: parseCondition(q.condition),
        options: options
          .filter((o) => o.question_id === q.id && o.role === 'option')
          .map(optionDef),
        statements: options
          .filter((o) => o.question_id === q.id && o.role === 'statement')
          .map(optionDef),
        service: q.service,
        stage: q.stage,
        driver: q.driver,
      })),
  }));
}
