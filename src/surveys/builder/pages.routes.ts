import { Router } from 'express';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, showForm, type FormPage } from '../../web/forms';
import { pageIndexOf, surveyIdOf, type BuilderDeps } from './builder.deps';
import { confirmSchema, directionSchema, langField, pageTitleSchema } from './builder.schema';
import { languageColumns, outcomeMessage, translated } from './builder.view';
import { addPage, deletePage, movePage, setPageTitle } from './edits';
import { surveyShowPage } from './survey.routes';

/** Pages: add, retitle per language, move up or down, delete (a page with questions after a confirmation). */
export function pageRoutes(d: BuilderDeps): Router {
  const r = Router();
  const organizer = requireRole('organizer');
  const showPage = surveyShowPage(d);
  const back = (id: number, page?: number) => `/staff/surveys/${id}${page ? `#page-${page}` : ''}`;

  r.post('/staff/surveys/:id/pages', ...organizer, async (req, res) => {
    const id = surveyIdOf(req);
    const o = await d.builder.change(id, req.user!.id, 'add page', 'pages', (s) =>
      addPage(s.pages),
    );
    flash(req, 'success', outcomeMessage(o, 'Page added.'));
    res.redirect(303, back(id));
  });

  const titlePage: FormPage = async (req, res, { values, errors }) => {
    const s = await d.builder.get(surveyIdOf(req));
    const page = pageIndexOf(req, s);
    const title = s.pages[page].title ?? {};
    res.render('surveys/builder/page', {
      survey: s.survey,
      number: page + 1,
      columns: languageColumns(d.ref, s.languages).map((c) => ({
        ...c,
        field: langField('title', c.lang),
      })),
      values:
        values ??
        Object.fromEntries(s.languages.map((l) => [langField('title', l), title[l] ?? ''])),
      errors,
    });
  };
  r.get('/staff/surveys/:id/pages/:page', ...organizer, showForm(titlePage));
  r.post(
    '/staff/surveys/:id/pages/:page',
    ...organizer,
    handleForm(pageTitleSchema, titlePage, async (req, res, input) => {
      const id = surveyIdOf(req);
      const o = await d.builder.change(id, req.user!.id, 'page title', 'form', (s) =>
        setPageTitle(s.pages, pageIndexOf(req, s), translated(input, 'title', s.languages)),
      );
      flash(req, 'success', outcomeMessage(o, 'Page title saved.'));
      res.redirect(303, back(id, Number(req.params.page)));
    }),
  );

  r.post(
    '/staff/surveys/:id/pages/:page/move',
    ...organizer,
    handleForm(directionSchema, showPage, async (req, res, { direction }) => {
      const id = surveyIdOf(req);
      const o = await d.builder.change(id, req.user!.id, 'move page', 'pages', (s) =>
        movePage(s.pages, pageIndexOf(req, s), direction),
      );
      flash(req, 'success', outcomeMessage(o, 'Page moved.'));
      res.redirect(303, back(id));
    }),
  );

  const deletePageForm: FormPage = async (req, res, { errors }) => {
    const s = await d.builder.get(surveyIdOf(req));
    const page = pageIndexOf(req, s);
    res.render('surveys/builder/page-delete', {
      survey: s.survey,
      number: page + 1,
      questions: s.pages[page].questions.map((q) => q.code),
      errors,
    });
  };
  r.get('/staff/surveys/:id/pages/:page/delete', ...organizer, showForm(deletePageForm));
  r.post(
    '/staff/surveys/:id/pages/:page/delete',
    ...organizer,
    handleForm(confirmSchema, deletePageForm, async (req, res) => {
      const id = surveyIdOf(req);
      const o = await d.builder.change(id, req.user!.id, 'delete page', 'confirm', (s) =>
        deletePage(s.pages, pageIndexOf(req, s)),
      );
      flash(req, 'success', outcomeMessage(o, 'Page deleted.'));
      res.redirect(303, back(id));
    }),
  );
  return r;
}
