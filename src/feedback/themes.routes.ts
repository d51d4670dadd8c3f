import { Router, type Request } from 'express';
import { requireRole } from '../web/auth';
import { flash } from '../web/flash';
import { handleForm, inFieldOrder, showForm, type FormPage } from '../web/forms';
import { idFrom } from '../web/params';
import { THEME_FIELDS, mergeSchema, themeNameSchema } from './themes.schema';
import type { ThemeService } from './themes.service';

/** Each rename box has its theme's id (`name3`), so an error points at its row. */
const renamed = (req: Request, errors: Record<string, string>) =>
  req.params.themeId && errors.name
    ? { [`name${idFrom(req.params.themeId)}`]: errors.name }
    : errors;

/** Admins curate the themes: add, rename, approve a proposal, merge one into another. */
export function themesRoutes(d: { themes: ThemeService }): Router {
  const r = Router();
  const admin = requireRole('admin');

  const page: FormPage = async (req, res, { values, errors }) => {
    const themes = await d.themes.list();
    res.render('feedback/themes', {
      themes: themes.map((t) => ({ ...t, notes: Number(t.notes) })),
      renaming: req.params.themeId ? idFrom(req.params.themeId) : null,
      values: values ?? {},
      errors: inFieldOrder(renamed(req, errors), THEME_FIELDS),
    });
  };

  r.get('/staff/themes', ...admin, showForm(page));

  r.post(
    '/staff/themes',
    ...admin,
    handleForm(themeNameSchema, page, async (req, res, input) => {
      await d.themes.add(input.name, req.user!.id);
      flash(req, 'success', `Theme “${input.name}” added.`);
      res.redirect(303, '/staff/themes');
    }),
  );

  r.post(
    '/staff/themes/:themeId/rename',
    ...admin,
    handleForm(themeNameSchema, page, async (req, res, input) => {
      await d.themes.rename(idFrom(req.params.themeId), input.name, req.user!.id);
      flash(req, 'success', `Theme renamed to “${input.name}”.`);
      res.redirect(303, `/staff/themes#theme-${idFrom(req.params.themeId)}`);
    }),
  );

  r.post('/staff/themes/:themeId/approve', ...admin, async (req, res) => {
    const done = await d.themes.approve(idFrom(req.params.themeId), req.user!.id);
    flash(
      req,
      done.changed ? 'success' : 'info',
      done.changed
        ? `“${done.name}” is now on the list.`
        : `“${done.name}” was already on the list.`,
    );
    res.redirect(303, '/staff/themes');
  });

  r.post(
    '/staff/themes/merge',
    ...admin,
    handleForm(mergeSchema, page, async (req, res, input) => {
      const done = await d.themes.merge(input.from, input.into, req.user!.id);
      flash(
        req,
        'success',
        `“${done.from}” merged into “${done.into}”: ${done.moved} note${done.moved === 1 ? '' : 's'} now carry “${done.into}”.`,
      );
      res.redirect(303, '/staff/themes');
    }),
  );

  return r;
}
