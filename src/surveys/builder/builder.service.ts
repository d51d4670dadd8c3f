import { recordAudit } from '../../audit/audit.queries';
import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import type { SurveyRow, SurveyStatus } from '../../db/schema';
import { isUniqueViolation } from '../../db/errors';
import { NotFoundError, ValidationError } from '../../errors';
import type { SurveyDefinition } from '../model/definition';
import {
  specPagesOf,
  structureProblems,
  translationGaps,
  type PageSpec,
  type SurveySpec,
} from '../model/spec';
import type { SurveyTexts } from '../model/texts';
import {
  copyVersion,
  findSurvey,
  insertSurvey,
  languagesOf,
  latestVersion,
  loadDefinition,
  responsesOnVersion,
  surveyTexts,
} from '../surveys.queries';
import {
  countSurveysByStatus,
  driverCodes,
  listSurveys,
  moveSurveyStatus,
  replaceVersionContent,
  studyChoices,
  updateSurvey,
  updateWording,
  versionsWithCounts,
} from './builder.queries';
import type { SurveyInput } from './builder.schema';
import { newProblems } from './edits';
import { isStructural } from './structural';

/** A survey as the builder shows and edits it: the row, its newest version, that version's pages. */
export interface BuilderSurvey {
  survey: SurveyRow;
  languages: string[];
  texts: SurveyTexts;
  version: { id: number; number: number };
  def: SurveyDefinition;
  pages: PageSpec[];
}

/** How a change was stored: in place, or on a new version because the newest had responses. */
export type ChangeOutcome =
  | { kind: 'in_place' }
  | { kind: 'new_version'; number: number; previous: number; responses: number };

export const CAN_MOVE: Record<SurveyStatus, SurveyStatus[]> = {
  draft: ['open'],
  open: ['closed'],
  closed: ['open'],
};

/** Why a survey cannot open, in plain English: gaps by language, structure, no question. */
export function openingProblems(s: Pick<SurveySpec, 'languages' | 'texts' | 'pages'>): string[] {
  const problems: string[] = [];
  if (!s.pages.some((p) => p.questions.length)) problems.push('Add at least one question');
  problems.push(...structureProblems(s.pages));
  const gaps = translationGaps({ languages: s.languages, texts: s.texts, pages: s.pages });
  for (const [lang, missing] of Object.entries(gaps))
    if (missing.length) problems.push(`Missing in ${lang}: ${missing.join(', ')}`);
  return problems;
}

/**
 * The builder's rules: create a survey (version 1 with one empty page), its settings and texts,
 * every change to its pages (validated on the would-be result, stored in one short transaction,
 * on a new version when the change is structural and the newest version has responses), status.
 */
export class SurveyBuilder {
  constructor(private readonly d: { db: DB; clock: Clock }) {}

  async list(status: SurveyStatus | null) {
    const [rows, counts] = await Promise.all([
      listSurveys(this.d.db, status),
      countSurveysByStatus(this.d.db),
    ]);
    return { rows, counts };
  }

  studies = () => studyChoices(this.d.db);
  drivers = () => driverCodes(this.d.db);
  versions = (id: number) => versionsWithCounts(this.d.db, id);

  async get(id: number, db: DB = this.d.db): Promise<BuilderSurvey> {
    const survey = await findSurvey(db, id);
    if (!survey) throw new NotFoundError();
    const version = await latestVersion(db, id);
    const def = await loadDefinition(db, version.id);
    return {
      survey,
      languages: languagesOf(survey),
      texts: surveyTexts(survey),
      version: { id: version.id, number: version.number },
      def,
      pages: specPagesOf(def),
    };
  }

  /** A driver tag must be one of the reference table's. */
  async checkDriver(driver: unknown): Promise<void> {
    if (typeof driver === 'string' && !(await this.drivers()).includes(driver))
      throw new ValidationError({ driver: 'Choose an A-11 driver from the list' });
  }

  private async checkStudy(input: SurveyInput) {
    if (input.studyId !== null && !(await this.studies()).some((s) => s.id === input.studyId))
      throw new ValidationError({ studyId: 'Choose a study from the list' });
  }

  private settingsOf(input: SurveyInput) {
    return {
      title: input.title!,
      kind: input.kind,
      study_id: input.studyId,
      languages: JSON.stringify(input.languages),
      anonymous: input.respondents === 'anonymous' ? 1 : 0,
      closes_at: input.closesAt,
      response_limit: input.responseLimit,
    };
  }

  async create(input: SurveyInput, staffId: number): Promise<number> {
    await this.checkStudy(input);
    const at = this.d.clock.now();
    const now = at.toISOString();
    return this.d.db.transaction().execute(async (trx) => {
      const { surveyId } = await insertSurvey(
        trx,
        {
          title: input.title!,
          kind: input.kind,
          studyId: input.studyId,
          languages: input.languages,
          anonymous: input.respondents === 'anonymous',
          texts: { title: { [input.languages[0]]: input.title! } },
          pages: [{ questions: [] }],
        },
        { now, createdBy: staffId },
      );
      await updateSurvey(trx, surveyId, {
        closes_at: input.closesAt,
        response_limit: input.responseLimit,
        updated_at: now,
      });
      await this.audit(trx, staffId, 'survey.create', surveyId, at);
      return surveyId;
    });
  }

  async updateSettings(id: number, input: SurveyInput, staffId: number): Promise<void> {
    await this.get(id);
    await this.checkStudy(input);
    const at = this.d.clock.now();
    await this.d.db.transaction().execute(async (trx) => {
      await updateSurvey(trx, id, { ...this.settingsOf(input), updated_at: at.toISOString() });
      await this.audit(trx, staffId, 'survey.edit', id, at, { what: 'settings' });
    });
  }

  async saveTexts(
    id: number,
    lang: string,
    texts: { title: string | null; introduction: string | null; thankYou: string | null },
    staffId: number,
  ): Promise<void> {
    const at = this.d.clock.now();
    await this.d.db.transaction().execute(async (trx) => {
      const s = await this.get(id, trx);
      if (!s.languages.includes(lang)) throw new NotFoundError();
      const next: SurveyTexts = {
        title: { ...s.texts.title, [lang]: texts.title ?? '' },
        introduction: { ...s.texts.introduction, [lang]: texts.introduction ?? '' },
        thankYou: { ...s.texts.thankYou, [lang]: texts.thankYou ?? '' },
      };
      await updateSurvey(trx, id, { texts: JSON.stringify(next), updated_at: at.toISOString() });
      await this.audit(trx, staffId, 'survey.edit', id, at, { what: `texts ${lang}` });
    });
  }

  /**
   * One change to the newest version's pages: `edit` gets the current pages and returns the
   * would-be result (or refuses); new structure problems refuse it under `field`. Wording goes
   * in place; a structural change on a version with responses copies the version first and
   * changes the copy, in the same transaction (UNIQUE(survey, number) refuses a second copy).
   */
  async change(
    id: number,
    staffId: number,
    what: string,
    field: string,
    edit: (s: BuilderSurvey) => PageSpec[],
  ): Promise<ChangeOutcome> {
    const at = this.d.clock.now();
    const now = at.toISOString();
    return this.d.db
      .transaction()
      .execute(async (trx) => {
        const s = await this.get(id, trx);
        const after = edit(s);
        const problems = newProblems(s.pages, after);
        if (problems.length) throw new ValidationError({ [field]: problems.join('. ') });
        let outcome: ChangeOutcome = { kind: 'in_place' };
        if (!isStructural(s.pages, after)) await updateWording(trx, s.def, after);
        else {
          const responses = await responsesOnVersion(trx, s.version.id);
          if (!responses) await replaceVersionContent(trx, s.version.id, after);
          else {
            const version = await latestVersion(trx, id);
            const copied = await copyVersion(trx, version, now);
            await replaceVersionContent(trx, copied, after);
            outcome = {
              kind: 'new_version',
              number: version.number + 1,
              previous: version.number,
              responses,
            };
          }
        }
        await updateSurvey(trx, id, { updated_at: now });
        await this.audit(trx, staffId, 'survey.edit', id, at, {
          what,
          ...(outcome.kind === 'new_version' ? { version: outcome.number } : {}),
        });
        return outcome;
      })
      .catch((err: unknown) => {
        // Two changes at the same moment both copying the version: UNIQUE(survey, number) keeps one.
        if (isUniqueViolation(err))
          throw new ValidationError({
            [field]: 'Someone else changed this survey at the same moment: look again and retry',
          });
        throw err;
      });
  }

  /** draft → open → closed, and closed → open again; opening is refused while anything is missing. */
  async move(id: number, to: SurveyStatus, staffId: number): Promise<void> {
    const s = await this.get(id);
    const from = s.survey.status;
    if (!CAN_MOVE[from].includes(to))
      throw new ValidationError({ status: `A ${from} survey cannot be moved to ${to}` });
    if (to === 'open') {
      const problems = openingProblems(s);
      if (problems.length)
        throw new ValidationError({
          status: `The survey cannot open yet. ${problems.join('. ')}.`,
        });
    }
    const at = this.d.clock.now();
    await this.d.db.transaction().execute(async (trx) => {
      if ((await moveSurveyStatus(trx, id, from, to, at.toISOString())) !== 1)
        throw new ValidationError({
          status: 'Someone else changed the status just now: look again',
        });
      await this.audit(trx, staffId, 'survey.status', id, at, { from, to });
    });
  }

  private audit(
    trx: DB,
    staffId: number,
    action: string,
    id: number,
    at: Date,
    details?: Record<string, unknown>,
  ) {
    return recordAudit(trx, {
      actorStaffId: staffId,
      action,
      subjectType: 'survey',
      subjectId: id,
      details,
      at,
    });
  }
}
