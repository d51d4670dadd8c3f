import { Router } from 'express';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, showForm, type FormPage } from '../../web/forms';
import { NotFoundError } from '../../errors';
import { surveyIdOf, type BuilderDeps } from './builder.deps';
import { listQuerySchema, statusSchema, surveySchema, textsSchema } from './builder.schema';
import {
  languageName,
  listRows,
  newSurveyValues,
  settingsOptions,
  settingsValues,
  statusFilter,
  surveyPage,
} from './builder.view';

/** The survey list, a new survey, the survey's page, its settings, its texts per language, its status. */
export function surveyRoutes(d: BuilderDeps): Router {
  const r = Router();
  const organizer = requireRole('organizer');
  const schema = surveySchema(d.cityTimeZone);

  r.get('/staff/surveys', ...organizer, async (req, res) => {
    const { status } = listQuerySchema.parse(req.query);
    const { rows, counts } = await d.builder.list(status);
    res.render('surveys/builder/list', {
      rows: listRows(rows, d.ref),
      filter: statusFilter(status, counts),
      status,
    });
  });

  const formPage =
    (mode: 'new' | 'edit'): FormPage =>
    async (req, res, { values, errors }) => {
      const s = mode === 'edit' ? await d.builder.get(surveyIdOf(req)) : null;
      res.render('surveys/builder/form', {
        survey: s?.survey ?? null,
        values: values ?? (s ? settingsValues(s, d.cityTimeZone) : newSurveyValues()),
        errors,
        opts: settingsOptions(d.ref, await d.builder.studies()),
      });
    };

  r.get('/staff/surveys/new', ...organizer, showForm(formPage('new')));
  r.post(
    '/staff/surveys/new',
    ...organizer,
    handleForm(schema, formPage('new'), async (req, res, input) => {
      const id = await d.builder.create(input, req.user!.id);
      flash(req, 'success', 'Survey created as a draft, with one empty page.');
      res.redirect(303, `/staff/surveys/${id}`);
    }),
  );

  const showPage = surveyShowPage(d);
  r.get('/staff/surveys/:id', ...organizer, showForm(showPage));
  r.get('/staff/surveys/:id/settings', ...organizer, showForm(formPage('edit')));
  r.post(
    '/staff/surveys/:id/settings',
    ...organizer,
    handleForm(schema, formPage('edit'), async (req, res, input) => {
      await d.builder.updateSettings(surveyIdOf(req), input, req.user!.id);
      flash(req, 'success', 'Settings saved.');
      res.redirect(303, `/staff/surveys/${surveyIdOf(req)}`);
    }),
  );

  const textsPage: FormPage = async (req, res, { values, errors }) => {
    const s = await d.builder.get(surveyIdOf(req));
    const lang = String(req.params.lang);
    if (!s.languages.includes(lang)) throw new NotFoundError();
    const t = s.texts;
    res.render('surveys/builder/texts', {
      survey: s.survey,
      langCode: lang,
      language: languageName(d.ref, lang),
      values: values ?? {
        title: t.title[lang] ?? '',
        introduction: t.introduction[lang] ?? '',
        thankYou: t.thankYou[lang] ?? '',
      },
      errors,
    });
  };
  r.get('/staff/surveys/:id/texts/:lang', ...organizer, showForm(textsPage));
  r.post(
    '/staff/surveys/:id/texts/:lang',
    ...organizer,
    handleForm(textsSchema, textsPage, async (req, res, input) => {
      await d.builder.saveTexts(surveyIdOf(req), String(req.params.lang), input, req.user!.id);
      flash(req, 'success', `Texts in ${languageName(d.ref, String(req.params.lang))} saved.`);
      res.redirect(303, `/staff/surveys/${surveyIdOf(req)}#translations`);
    }),
  );

  r.post(
    '/staff/surveys/:id/status',
    ...organizer,
    handleForm(statusSchema, showPage, async (req, res, { status }) => {
      await d.builder.move(surveyIdOf(req), status, req.user!.id);
      flash(req, 'success', `The survey is now ${status}.`);
      res.redirect(303, `/staff/surveys/${surveyIdOf(req)}`);
    }),
  );
  return r;
}

/** The survey's page; the buttons on it (status, moves, add page) bring their problems back to it. */
export function surveyShowPage(d: BuilderDeps): FormPage {
  return async (req, res, { errors }) => {
    const s = await d.builder.get(surveyIdOf(req));
    const [versions, studies] = await Promise.all([
      d.builder.versions(s.survey.id),
      d.builder.studies(),
    ]);
    res.render('surveys/builder/show', {
      ...surveyPage(s, versions, d.ref, studies, d.cityTimeZone),
      errors,
    });
  };
}
