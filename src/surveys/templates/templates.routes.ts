import { Router, type Request } from 'express';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, inFieldOrder, showForm, type FormPage } from '../../web/forms';
import { idFrom } from '../../web/params';
import type { ReferenceData } from '../../reference/reference.queries';
import type { SurveyTemplate } from './catalog';
import { templateSchema } from './templates.schema';
import type { TemplatesService } from './templates.service';
import { TEMPLATE_FIELDS, templateDefaults, templateOptions } from './templates.view';

export interface TemplateRoutesDeps {
  templates: TemplatesService;
  ref: ReferenceData;
  service311: string;
}

/**
 * Organizers' templates pages: the list (`/staff/surveys/templates`), a form per template that
 * stores a draft survey and goes to its page, and duplicating a survey.
 */
export function templateRoutes(d: TemplateRoutesDeps): Router {
  const r = Router();
  const organizer = requireRole('organizer');

  r.get('/staff/surveys/templates', ...organizer, (req, res) => {
    res.render('surveys/templates/list', { templates: d.templates.list() });
  });

  const formPage =
    (t: SurveyTemplate): FormPage =>
    async (req, res, { values, errors }) => {
      const context = await d.templates.context();
      const defaultTitle = t.build(context, { service: 'general', stage: 'intake' }).title;
      res.render('surveys/templates/form', {
        template: t,
        values: values ?? templateDefaults(t, defaultTitle),
        errors: inFieldOrder(errors, TEMPLATE_FIELDS),
        opts: templateOptions(d.ref, await d.templates.studies(), d.service311),
      });
    };

  // One literal path per template, so every route is spelled out (and classified by the tests).
  for (const t of d.templates.list()) {
    const path = `/staff/surveys/templates/${t.slug}`;
    r.get(path, ...organizer, showForm(formPage(t)));
    r.post(
      path,
      ...organizer,
      handleForm(templateSchema(t, d.ref), formPage(t), async (req, res, input) => {
        const id = await d.templates.create(t.slug, input, req.user!.id);
        flash(req, 'success', `Survey created from the template "${t.name}" as a draft.`);
        res.redirect(303, `/staff/surveys/${id}`);
      }),
    );
  }

  r.post('/staff/surveys/:id/duplicate', ...organizer, async (req: Request, res) => {
    const id = await d.templates.duplicate(idFrom(req.params.id), req.user!.id);
    flash(req, 'success', 'Survey copied as a new draft.');
    res.redirect(303, `/staff/surveys/${id}`);
  });

  return r;
}
