import { Router } from 'express';
import { isLocale, translator } from '../../i18n/i18n';
import type { ReferenceData } from '../../reference/reference.queries';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, showForm, type FormPage } from '../../web/forms';
import type { ConsentService } from '../consent/consent.service';
import { profileOptions } from '../profile/profile.view';
import { staffEntryValidator } from './record.schema';
import { DuplicateEmailError, type RecordService } from './record.service';
import { staffOptions } from './record.view';

export interface EntryRoutesDeps {
  records: RecordService;
  consent: ConsentService;
  ref: ReferenceData;
}

/** Staff-assisted entry and the printable paper sign-up form (before the /:id routes). */
export function entryRoutes(d: EntryRoutesDeps): Router {
  const r = Router();
  const organizer = requireRole('organizer');
  const opts = staffOptions(d.ref);

  const newPage: FormPage = async (_req, res, { values = {}, errors, cause }) =>
    res.render('participants/record/new', {
      values,
      errors,
      existingId: cause instanceof DuplicateEmailError ? cause.existingId : undefined,
      opts: profileOptions(res.locals.t, d.ref),
      staffOpts: opts,
      consent: await d.consent.shownIn('en'),
    });

  r.get('/staff/participants/new', ...organizer, showForm(newPage));

  r.post(
    '/staff/participants/new',
    ...organizer,
    handleForm(staffEntryValidator(d.ref), newPage, async (req, res, form) => {
      const id = await d.records.create(form.profile, form.entry, req.user!.id);
      flash(
        req,
        'success',
        'Participant added to the panel as active, with their consent recorded.',
      );
      res.redirect(303, `/staff/participants/${id}`);
    }),
  );

  // In a resident language: these locals override the staff English for this render only.
  r.get('/staff/participants/paper-form', ...organizer, async (req, res) => {
    const lang = isLocale(req.query.lang) ? req.query.lang : 'en';
    const t = translator(lang, res.locals.cityNames);
    res.render('participants/record/paper-form', {
      lang,
      t,
      dir: t('meta.dir'),
      values: {},
      errors: {},
      opts: profileOptions(t, d.ref),
      consent: await d.consent.shownIn(lang),
      paperForms: opts.paperForms,
    });
  });

  return r;
}
