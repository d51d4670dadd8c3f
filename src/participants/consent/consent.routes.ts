import { Router } from 'express';
import { z } from 'zod';
import { LOCALES, LOCALE_NAMES } from '../../i18n/i18n';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, showForm, type FormPage } from '../../web/forms';
import type { ConsentService } from './consent.service';

const MAX_TEXT = 10_000;

/** One text per resident language (`text_en`, `text_es` …), each at most MAX_TEXT characters. */
const publishSchema = z.object(
  Object.fromEntries(
    LOCALES.map((l) => [
      `text_${l}`,
      z
        .unknown()
        .transform((v) => (typeof v === 'string' ? v : ''))
        .pipe(z.string().max(MAX_TEXT, { error: `Use ${MAX_TEXT} characters or fewer` })),
    ]),
  ),
);

/** Admins publish consent texts; each publication is a new version residents re-consent to. */
export function consentRoutes(consent: ConsentService): Router {
  const r = Router();
  const admin = requireRole('admin');

  const adminPage: FormPage = async (_req, res, { values, errors }) => {
    const current = await consent.current();
    res.render('participants/consent/admin', {
      current,
      versions: await consent.list(),
      languages: LOCALES.map((code) => ({ code, name: LOCALE_NAMES[code] })),
      values:
        values ??
        Object.fromEntries(LOCALES.map((l) => [`text_${l}`, consent.textIn(current, l).text])),
      errors,
    });
  };

  r.get('/staff/consent', ...admin, showForm(adminPage));

  r.post(
    '/staff/consent',
    ...admin,
    handleForm(publishSchema, adminPage, async (req, res, texts) => {
      await consent.publish(
        req.user!.id,
        Object.fromEntries(LOCALES.map((l) => [l, texts[`text_${l}`]])),
      );
      flash(
        req,
        'success',
        'A new consent version is published. Residents will be asked to agree at their next visit.',
      );
      res.redirect(303, '/staff/consent');
    }),
  );

  return r;
}
