import type { Request } from 'express';
import type { DB } from '../../db/database';
import type { SurveyResponseRow } from '../../db/schema';
import { completeResponse, readPage, type AnswerInput } from '../model/answers';
import { findSurvey, languagesOf, latestVersion, loadDefinition } from '../surveys.queries';
import type { Ctx } from './answering';
import { languageFor, nextPage, seenBefore } from './respond.rules';

declare module 'express-session' {
  interface SessionData {
    /** The staff preview of one survey: what was entered, kept in the session, never stored as a response. */
    surveyPreview: {
      surveyId: number;
      versionId: number;
      lang: string;
      position: number;
      rows: AnswerInput[];
      submitted: boolean;
    };
  }
}

/**
 * The staff preview: the respondent pages of a survey's newest version in any of its
 * languages, with conditions evaluated on what the staff member enters. The answers live in
 * the staff session only; nothing is written to the survey's tables.
 */
export class PreviewService {
  constructor(private readonly d: { db: DB }) {}

  async context(req: Request, surveyId: number): Promise<Ctx | undefined> {
    const survey = await findSurvey(this.d.db, surveyId);
    if (!survey) return undefined;
    const version = await latestVersion(this.d.db, survey.id);
    const def = await loadDefinition(this.d.db, version.id);
    const offered = languagesOf(survey);
    let state = req.session.surveyPreview;
    if (
      !state ||
      state.surveyId !== survey.id ||
      state.versionId !== version.id ||
      req.query.restart === '1'
    )
      state = {
        surveyId: survey.id,
        versionId: version.id,
        lang: offered[0] ?? 'en',
        position: 0,
        rows: [],
        submitted: false,
      };
    const lang = req.query.lang;
    if (typeof lang === 'string' && offered.includes(lang)) state.lang = lang;
    const page = String(req.query.page ?? '');
    if (/^[1-9]\d{0,3}$/.test(page)) state.position = Number(page) - 1;
    req.session.surveyPreview = state;
    const s = state;
    const response = {
      id: 0,
      survey_id: survey.id,
      version_id: version.id,
      status: s.submitted ? 'submitted' : 'in_progress',
      language: languageFor(s.lang, offered),
      page_position: s.position,
      submission_key: 'preview',
    } as SurveyResponseRow;
    const a = { survey, response, def, stored: s.rows };
    return {
      a,
      base: `/staff/surveys/${survey.id}/preview`,
      qlang: response.language,
      kind: 'preview',
      save: async (p, body) => {
        const reading = readPage(p, body, seenBefore(def, s.rows, p.position));
        if (Object.keys(reading.errors).length) return { ok: false, errors: reading.errors };
        const ids = new Set(p.questions.map((q) => q.id));
        s.rows = [...s.rows.filter((r) => !ids.has(r.questionId)), ...reading.answers];
        a.stored = s.rows;
        const next = nextPage(def, s.rows, p.position);
        s.position = next ?? def.pages.length;
        req.session.surveyPreview = s;
        return { ok: true, next };
      },
      submit: async () => {
        const { missingOnPage } = completeResponse(def, s.rows);
        if (missingOnPage !== null) return { done: false, missingOnPage };
        s.submitted = true;
        req.session.surveyPreview = s;
        return { done: true };
      },
    };
  }
}
