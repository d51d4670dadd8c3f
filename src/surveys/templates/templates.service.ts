import { recordAudit } from '../../audit/audit.queries';
import type { Clock } from '../../clock';
import type { CityNames } from '../../config';
import type { DB } from '../../db/database';
import { NotFoundError, ValidationError } from '../../errors';
import type { ReferenceData } from '../../reference/reference.queries';
import { findStudy, listStudies } from '../../studies/studies.queries';
import { specPagesOf, structureProblems, type SurveySpec } from '../model/spec';
import {
  findSurvey,
  insertSurvey,
  languagesOf,
  latestVersion,
  loadDefinition,
  surveyTexts,
} from '../surveys.queries';
import { inA11Order } from './a11.template';
import {
  TEMPLATES,
  onlyLanguages,
  templateBySlug,
  type SurveyTemplate,
  type TemplateContext,
} from './catalog';
import type { TemplateInput } from './templates.schema';
import { TITLE_MAX } from './templates.schema';
import { copySurveySettings, cxQuestions } from './templates.queries';

export interface TemplatesDeps {
  db: DB;
  clock: Clock;
  ref: ReferenceData;
  names: CityNames;
}

/** "Copy of …", kept within the title's limit. */
export const copyTitle = (title: string): string => `Copy of ${title}`.slice(0, TITLE_MAX);

/**
 * Surveys made from the shipped templates, and copies of existing surveys. Both store a new
 * draft (version 1) with `insertSurvey` in one transaction, audited.
 */
export class TemplatesService {
  constructor(private readonly d: TemplatesDeps) {}

  list(): readonly SurveyTemplate[] {
    return TEMPLATES;
  }

  template(slug: string): SurveyTemplate {
    const t = templateBySlug(slug);
    if (!t) throw new NotFoundError();
    return t;
  }

  /** What every template is built from: reference data, the city's names, the A-11 table. */
  async context(): Promise<TemplateContext> {
    return {
      ref: this.d.ref,
      names: this.d.names,
      cx: inA11Order(await cxQuestions(this.d.db)),
    };
  }

  /** Studies a survey can belong to (not archived), newest first. */
  async studies() {
    const rows = await listStudies(this.d.db, null, this.d.clock.now().toISOString());
    return rows.filter((s) => s.status !== 'archived');
  }

  /** The template's survey as it would be stored. */
  async spec(t: SurveyTemplate, input: TemplateInput): Promise<SurveySpec> {
    const built = t.build(await this.context(), {
      service: input.service ?? 'general',
      stage: input.stage ?? 'intake',
    });
    const spec = onlyLanguages(built, input.languages);
    const problems = structureProblems(spec.pages);
    // Only broken reference data can get here (another city's A-11 table with odd drivers).
    if (problems.length) throw new Error(`The template is not sound: ${problems.join('; ')}`);
    return { ...spec, title: input.title, studyId: input.studyId, status: 'draft' };
  }

  /** Creates a draft survey from a template; returns its id. */
  async create(slug: string, input: TemplateInput, staffId: number): Promise<number> {
    const t = this.template(slug);
    if (input.studyId !== null) {
      const study = await findStudy(this.d.db, input.studyId);
      if (!study || study.status === 'archived')
        throw new ValidationError({ studyId: 'Choose a study from the list' });
    }
    const spec = await this.spec(t, input);
    const now = this.d.clock.now();
    return this.d.db.transaction().execute(async (trx) => {
      const { surveyId, versionId } = await insertSurvey(trx, spec, {
        now: now.toISOString(),
        createdBy: staffId,
      });
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'survey.create_from_template',
        subjectType: 'survey',
        subjectId: surveyId,
        details: {
          template: t.slug,
          versionId,
          studyId: input.studyId,
          languages: spec.languages,
          ...(t.asksService ? { service: input.service, stage: input.stage } : {}),
        },
        at: now,
      });
      return surveyId;
    });
  }

  /**
   * Copies a survey's newest version into a new draft survey titled "Copy of …": the same
   * kind, study, languages, texts, pages, questions, options, conditions and tags; no
   * responses, no recipients, no open link, no close date. Returns the new survey's id.
   */
  async duplicate(surveyId: number, staffId: number): Promise<number> {
    const now = this.d.clock.now();
    return this.d.db.transaction().execute(async (trx) => {
      const survey = await findSurvey(trx, surveyId);
      if (!survey) throw new NotFoundError();
      const version = await latestVersion(trx, survey.id);
      const def = await loadDefinition(trx, version.id);
      const copy = await insertSurvey(
        trx,
        {
          title: copyTitle(survey.title),
          kind: survey.kind,
          studyId: survey.study_id,
          languages: languagesOf(survey),
          anonymous: survey.anonymous === 1,
          status: 'draft',
          texts: surveyTexts(survey),
          pages: specPagesOf(def),
        },
        { now: now.toISOString(), createdBy: staffId },
      );
      await copySurveySettings(trx, copy.surveyId, survey);
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'survey.duplicate',
        subjectType: 'survey',
        subjectId: copy.surveyId,
        details: { from: survey.id, fromVersion: version.number },
        at: now,
      });
      return copy.surveyId;
    });
  }
}
