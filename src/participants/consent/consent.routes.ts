import { Router } from 'express';
import { LOCALES, LOCALE_NAMES } from '../../i18n/i18n';
import { requireRole } from '../../web/auth';
import { ValidationError } from '../../errors';
import { flash } from '../../web/flash';
import { str } from '../../web/forms';
import type { ConsentService } from './consent.service';

const MAX_TEXT = 10_000;

/** Admins publish consent texts; each publication is a new version residents re-consent to. */
export function consentRoutes(consent: ConsentService): Router {
  const r = Router();
  const admin = requireRole('admin');

  const page = async (values?: Record<string, string>, errors: Record<string, string> = {}) => {
    const current = await consent.current();
    return {
      current,
      versions: await consent.list(),
      languages: LOCALES.map((code) => ({ code, name: LOCALE_NAMES[code] })),
      values:
        values ??
        Object.fromEntries(LOCALES.map((l) => [`text_${l}`, consent.textIn(current, l).text])),
      errors,
    };
  };

  r.get('/staff/consent', ...admin, async (_req, res) => {
    res.render('participants/consent/admin', await page());
  });

  r.post('/staff/consent', ...admin, async (req, res) => {
    const values = Object.fromEntries(
      LOCALES.map((l) => [`text_${l}`, str(req.body?.[`text_${l}`])]),
    );
    const tooLong = Object.entries(values).filter(([, v]) => v.length > MAX_TEXT);
    try {
      if (tooLong.length)
        throw new ValidationError(
          Object.fromEntries(tooLong.map(([k]) => [k, `Use ${MAX_TEXT} characters or fewer`])),
        );
      await consent.publish(
        req.user!.id,
        Object.fromEntries(LOCALES.map((l) => [l, values[`text_${l}`]])),
      );
    } catch (err) {
      if (err instanceof ValidationError)
        return res.status(400).render('participants/consent/admin', await page(values, err.fields));
      throw err;
    }
    flash(
      req,
      'success',
      'A new consent version is published. Residents will be asked to agree at their next visit.',
    );
    res.redirect(303, '/staff/consent');
  });

  return r;
}
