import { Router } from 'express';
import type { Clock } from '../../clock';
import { residentDate } from '../../i18n/dates';
import { hashToken, looksLikeToken } from '../../links/tokens';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, showForm, type FormPage } from '../../web/forms';
import { markSessionStarted } from '../../web/session';
import { invalidLink } from '../me/links.routes';
import { retentionSettingsSchema } from './retention.schema';
import type { RetentionService } from './retention.service';

declare module 'express-session' {
  interface SessionData {
    /** The hash of a stay link waiting for its button press. */
    stayLinkHash: string;
  }
}

export interface RetentionRoutesDeps {
  retention: RetentionService;
  clock: Clock;
  cityTimeZone: string;
}

/** The stay link of the retention warning, and the admin's retention setting. */
export function retentionRoutes(d: RetentionRoutesDeps): Router {
  const r = Router();
  const admin = requireRole('admin');

  // Like a confirmation link, the stay link waits for a button press (mail scanners open links).
  r.get('/me/stay/:token', async (req, res) => {
    const token = req.params.token;
    const p = looksLikeToken(token) ? await d.retention.personForStay(hashToken(token)) : undefined;
    if (!p) return res.redirect(303, '/me/expired');
    req.session.stayLinkHash = hashToken(token);
    markSessionStarted(req.session, d.clock);
    req.session.save(() => res.redirect(303, `/me/stay?lang=${encodeURIComponent(p.language)}`));
  });

  r.get('/me/stay', async (req, res) => {
    const hash = req.session.stayLinkHash;
    const p = hash ? await d.retention.personForStay(hash) : undefined;
    if (!p) return invalidLink(res);
    res.render('participants/retention/stay');
  });

  r.post('/me/stay', async (req, res) => {
    const hash = req.session.stayLinkHash;
    const until = hash ? await d.retention.stay(hash) : undefined;
    if (!until) return invalidLink(res);
    delete req.session.stayLinkHash;
    const date = residentDate(until, res.locals.lang, d.cityTimeZone);
    res.render('participants/retention/stayed', { date });
  });

  const settingsPage: FormPage = async (_req, res, { values, errors }) => {
    const preview = await d.retention.preview();
    res.render('participants/retention/settings', {
      values: values ?? { retentionYears: String(preview.years) },
      errors,
      preview,
    });
  };

  r.get('/staff/settings', ...admin, showForm(settingsPage));

  r.post(
    '/staff/settings',
    ...admin,
    handleForm(retentionSettingsSchema, settingsPage, async (req, res, form) => {
      await d.retention.setYears(form.retentionYears, req.user!.id);
      flash(req, 'success', `Saved: people inactive for ${form.retentionYears} years are deleted.`);
      res.redirect(303, '/staff/settings');
    }),
  );

  return r;
}
