import { Router, type Request } from 'express';
import { ValidationError } from '../../errors';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, parseForm, showForm, type FormPage, type Validator } from '../../web/forms';
import { isQuestionType } from '../model/question-types';
import { pageIndexOf, questionOf, surveyIdOf, type BuilderDeps } from './builder.deps';
import { confirmSchema, directionSchema, questionSchema, toPageSchema } from './builder.schema';
import { languageName, outcomeMessage } from './builder.view';
import {
  addQuestion,
  deleteQuestion,
  findQuestion,
  moveQuestion,
  moveQuestionToPage,
  updateQuestion,
} from './edits';
import { questionFields, questionPage } from './question.page';
import { surveyShowPage } from './survey.routes';

/** Questions: add to a page (type first), edit, move up/down or to another page, delete. */
export function questionRoutes(d: BuilderDeps): Router {
  const r = Router();
  const organizer = requireRole('organizer');
  const showPage = surveyShowPage(d);
  const services = d.ref.requestTypeNames;
  const name = (l: string) => languageName(d.ref, l);
  const base = (req: Request) => `/staff/surveys/${surveyIdOf(req)}`;
  const codeOf = (req: Request) => String(req.params.code);

  // The form's own type field says which settings it has (refused with the chooser when unknown).
  const validator: Validator<Record<string, unknown>> = (input) => {
    const type = (input as Record<string, unknown> | null)?.type;
    if (!isQuestionType(type)) return { ok: false, errors: { type: 'Choose a type of question' } };
    const form = parseForm(questionSchema(type, services), input);
    return form.ok ? { ok: true, data: { ...(form.data as object), type } } : form;
  };

  const newPage = questionPage(d, 'new');
  r.get('/staff/surveys/:id/pages/:page/questions/new', ...organizer, showForm(newPage));
  r.post(
    '/staff/surveys/:id/pages/:page/questions/new',
    ...organizer,
    handleForm(validator, newPage, async (req, res, input) => {
      await d.builder.checkDriver(input.driver);
      const type = input.type as Parameters<typeof questionFields>[1];
      const o = await d.builder.change(surveyIdOf(req), req.user!.id, 'add question', 'code', (s) =>
        addQuestion(s.pages, pageIndexOf(req, s), {
          ...questionFields(input, type, s, name),
          type,
        }),
      );
      flash(req, 'success', outcomeMessage(o, 'Question added.'));
      res.redirect(303, `${base(req)}/questions/${String(input.code)}`);
    }),
  );

  const editPage = questionPage(d, 'edit');
  r.get('/staff/surveys/:id/questions/:code', ...organizer, showForm(editPage));
  r.post(
    '/staff/surveys/:id/questions/:code',
    ...organizer,
    handleForm(validator, editPage, async (req, res, input) => {
      await d.builder.checkDriver(input.driver);
      const o = await d.builder.change(
        surveyIdOf(req),
        req.user!.id,
        'edit question',
        'code',
        (s) => {
          const { q } = questionOf(req, s);
          if (q.type !== input.type)
            throw new ValidationError({
              type: 'A question keeps its type: add a new question instead',
            });
          return updateQuestion(s.pages, q.code, questionFields(input, q.type, s, name));
        },
      );
      flash(req, 'success', outcomeMessage(o, 'Question saved.'));
      res.redirect(303, `${base(req)}/questions/${String(input.code)}`);
    }),
  );

  r.post(
    '/staff/surveys/:id/questions/:code/move',
    ...organizer,
    handleForm(directionSchema, showPage, async (req, res, { direction }) => {
      const o = await d.builder.change(
        surveyIdOf(req),
        req.user!.id,
        'move question',
        'questions',
        (s) => moveQuestion(s.pages, questionOf(req, s).q.code, direction),
      );
      flash(req, 'success', outcomeMessage(o, 'Question moved.'));
      res.redirect(303, base(req));
    }),
  );

  r.post(
    '/staff/surveys/:id/questions/:code/page',
    ...organizer,
    handleForm(toPageSchema, editPage, async (req, res, { toPage }) => {
      const o = await d.builder.change(
        surveyIdOf(req),
        req.user!.id,
        'move question',
        'toPage',
        (s) => {
          if (toPage >= s.pages.length)
            throw new ValidationError({ toPage: 'Choose the page to move the question to' });
          return moveQuestionToPage(s.pages, questionOf(req, s).q.code, toPage);
        },
      );
      flash(req, 'success', outcomeMessage(o, `Question moved to page ${toPage + 1}.`));
      res.redirect(303, `${base(req)}/questions/${codeOf(req)}`);
    }),
  );

  const deleteForm: FormPage = async (req, res, { errors }) => {
    const s = await d.builder.get(surveyIdOf(req));
    const { q } = questionOf(req, s);
    res.render('surveys/builder/question-delete', { survey: s.survey, code: q.code, errors });
  };
  r.get('/staff/surveys/:id/questions/:code/delete', ...organizer, showForm(deleteForm));
  r.post(
    '/staff/surveys/:id/questions/:code/delete',
    ...organizer,
    handleForm(confirmSchema, deleteForm, async (req, res) => {
      const o = await d.builder.change(
        surveyIdOf(req),
        req.user!.id,
        'delete question',
        'confirm',
        (s) => {
          findQuestion(s.pages, questionOf(req, s).q.code);
          return deleteQuestion(s.pages, codeOf(req));
        },
      );
      flash(req, 'success', outcomeMessage(o, `Question "${codeOf(req)}" deleted.`));
      res.redirect(303, base(req));
    }),
  );
  return r;
}
