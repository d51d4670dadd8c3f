import { Router, type Request } from 'express';
import { ValidationError } from '../../errors';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, showForm, type FormPage } from '../../web/forms';
import { allowsOther, hasOptions, hasStatements } from '../model/question-types';
import type { OptionSpec } from '../model/spec';
import { textIn } from '../model/texts';
import { optionOf, questionOf, surveyIdOf, type BuilderDeps } from './builder.deps';
import { confirmSchema, directionSchema, langField, optionSchema } from './builder.schema';
import type { BuilderSurvey } from './builder.service';
import { languageColumns, languageName, outcomeMessage, translated } from './builder.view';
import { addItem, deleteItem, moveItem, updateItem } from './edits';
import { questionPage } from './question.page';

/** Options of a choice question (statements of an agreement grid): add, edit, move, delete. */
export function optionRoutes(d: BuilderDeps): Router {
  const r = Router();
  const organizer = requireRole('organizer');
  const questionForm = questionPage(d, 'edit');
  const back = (req: Request) =>
    `/staff/surveys/${surveyIdOf(req)}/questions/${String(req.params.code)}`;

  /** The list a question has, or a refusal for a type without options. */
  const listOf = (req: Request, s: BuilderSurvey) => {
    const { q } = questionOf(req, s);
    if (hasStatements(q.type)) return { q, list: 'statements' as const };
    if (hasOptions(q.type)) return { q, list: 'options' as const };
    throw new ValidationError({ code: 'This type of question has no options' });
  };

  const item = (input: Record<string, unknown>, s: BuilderSurvey, other: boolean): OptionSpec => {
    const label = translated(input, 'label', s.languages);
    const first = s.languages[0];
    if (!label[first])
      throw new ValidationError({
        [langField('label', first)]: `Enter the label in ${languageName(d.ref, first)}`,
      });
    return { code: input.code as string, label, isOther: other && input.isOther === true };
  };

  const optionPage =
    (mode: 'new' | 'edit'): FormPage =>
    async (req, res, { values, errors }) => {
      const s = await d.builder.get(surveyIdOf(req));
      const { q, list } = listOf(req, s);
      const found = mode === 'edit' ? optionOf(req, q).option : null;
      res.render('surveys/builder/option', {
        survey: s.survey,
        question: q,
        noun: list === 'statements' ? 'statement' : 'option',
        option: found,
        canOther: allowsOther(q.type),
        columns: languageColumns(d.ref, s.languages).map((c) => ({
          ...c,
          field: langField('label', c.lang),
        })),
        values:
          values ??
          (found
            ? {
                code: found.code,
                isOther: found.isOther ? 'yes' : '',
                ...Object.fromEntries(
                  s.languages.map((l) => [langField('label', l), textIn(found.label, l)]),
                ),
              }
            : {}),
        errors,
      });
    };

  r.get('/staff/surveys/:id/questions/:code/add-option', ...organizer, showForm(optionPage('new')));
  r.post(
    '/staff/surveys/:id/questions/:code/add-option',
    ...organizer,
    handleForm(optionSchema, optionPage('new'), async (req, res, input) => {
      const o = await d.builder.change(surveyIdOf(req), req.user!.id, 'add option', 'code', (s) => {
        const { q, list } = listOf(req, s);
        return addItem(s.pages, q.code, list, item(input, s, allowsOther(q.type)));
      });
      flash(req, 'success', outcomeMessage(o, 'Added.'));
      res.redirect(303, `${back(req)}#items`);
    }),
  );

  r.get(
    '/staff/surveys/:id/questions/:code/options/:option',
    ...organizer,
    showForm(optionPage('edit')),
  );
  r.post(
    '/staff/surveys/:id/questions/:code/options/:option',
    ...organizer,
    handleForm(optionSchema, optionPage('edit'), async (req, res, input) => {
      const o = await d.builder.change(
        surveyIdOf(req),
        req.user!.id,
        'edit option',
        'code',
        (s) => {
          const { q, list } = listOf(req, s);
          const { option } = optionOf(req, q);
          return updateItem(
            s.pages,
            q.code,
            list,
            option.code,
            item(input, s, allowsOther(q.type)),
          );
        },
      );
      flash(req, 'success', outcomeMessage(o, 'Saved.'));
      res.redirect(303, `${back(req)}#items`);
    }),
  );

  r.post(
    '/staff/surveys/:id/questions/:code/options/:option/move',
    ...organizer,
    handleForm(directionSchema, questionForm, async (req, res, { direction }) => {
      const o = await d.builder.change(
        surveyIdOf(req),
        req.user!.id,
        'move option',
        'items',
        (s) => {
          const { q, list } = listOf(req, s);
          return moveItem(s.pages, q.code, list, optionOf(req, q).option.code, direction);
        },
      );
      flash(req, 'success', outcomeMessage(o, 'Moved.'));
      res.redirect(303, `${back(req)}#items`);
    }),
  );

  r.post(
    '/staff/surveys/:id/questions/:code/options/:option/delete',
    ...organizer,
    handleForm(confirmSchema, questionForm, async (req, res) => {
      const o = await d.builder.change(
        surveyIdOf(req),
        req.user!.id,
        'delete option',
        'items',
        (s) => {
          const { q, list } = listOf(req, s);
          return deleteItem(s.pages, q.code, list, optionOf(req, q).option.code);
        },
      );
      flash(req, 'success', outcomeMessage(o, 'Deleted.'));
      res.redirect(303, `${back(req)}#items`);
    }),
  );
  return r;
}
