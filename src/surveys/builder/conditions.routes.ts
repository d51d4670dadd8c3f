import { Router, type Request } from 'express';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, showForm, type FormPage } from '../../web/forms';
import { allQuestions } from '../model/definition';
import { pageIndexOf, questionOf, surveyIdOf, type BuilderDeps } from './builder.deps';
import { conditionSchema, RULE_ROWS } from './builder.schema';
import type { BuilderSurvey } from './builder.service';
import { outcomeMessage } from './builder.view';
import { checkCondition, conditionChoices, conditionFrom, conditionValues } from './condition-form';
import { setCondition } from './edits';

/**
 * The condition of a page or of a question: up to three rules on answers from earlier pages,
 * combined with all/any; every rule row left blank removes it.
 */
export function conditionRoutes(d: BuilderDeps): Router {
  const r = Router();
  const organizer = requireRole('organizer');

  /** What the condition is on, the position it must look before, and where to go back to. */
  const targetOf = (req: Request, s: BuilderSurvey) => {
    const questions = allQuestions(s.def);
    const firstOf = (page: number) =>
      s.def.pages.slice(0, page).reduce((n, p) => n + p.questions.length, 0);
    if (req.params.code !== undefined) {
      const { q, page } = questionOf(req, s);
      return {
        target: { question: q.code },
        what: `question "${q.code}"`,
        condition: q.condition,
        before: firstOf(page),
        questions,
        back: `/staff/surveys/${s.survey.id}/questions/${q.code}`,
      };
    }
    const page = pageIndexOf(req, s);
    return {
      target: { page },
      what: `page ${page + 1}`,
      condition: s.def.pages[page].condition,
      before: firstOf(page),
      questions,
      back: `/staff/surveys/${s.survey.id}#page-${page + 1}`,
    };
  };

  const formPage: FormPage = async (req, res, { values, errors }) => {
    const s = await d.builder.get(surveyIdOf(req));
    const t = targetOf(req, s);
    res.render('surveys/builder/condition', {
      survey: s.survey,
      what: t.what,
      back: t.back,
      action: req.originalUrl.split('?')[0],
      rows: Array.from({ length: RULE_ROWS }, (_, i) => i + 1),
      choices: conditionChoices(t.questions.slice(0, t.before)),
      values: values ?? conditionValues(t.condition),
      errors,
    });
  };

  const save = handleForm(conditionSchema, formPage, async (req, res, input) => {
    let back = '';
    const o = await d.builder.change(
      surveyIdOf(req),
      req.user!.id,
      'condition',
      'rule1Question',
      (s) => {
        const t = targetOf(req, s);
        back = t.back;
        const condition = conditionFrom(input);
        checkCondition(condition, t.questions, t.before);
        return setCondition(s.pages, t.target, condition);
      },
    );
    flash(req, 'success', outcomeMessage(o, 'Condition saved.'));
    res.redirect(303, back);
  });

  for (const path of [
    '/staff/surveys/:id/pages/:page/condition',
    '/staff/surveys/:id/questions/:code/condition',
  ]) {
    r.get(path, ...organizer, showForm(formPage));
    r.post(path, ...organizer, save);
  }
  return r;
}
