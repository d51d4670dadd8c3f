import { Router, type Request, type Response } from 'express';
import type { ReferenceData } from '../../reference/reference.queries';
import { keepTyped, translateErrors } from '../../web/forms';
import type { RateLimits } from '../../web/rate-limit';
import type { ConsentService } from '../consent/consent.service';
import type { ParticipantService } from '../participants.service';
import { profileSchema, validateProfile } from '../profile/profile.schema';
import { profileOptions } from '../profile/profile.view';

export interface JoinDeps {
  participants: ParticipantService;
  consent: ConsentService;
  ref: ReferenceData;
  limits: RateLimits;
  /** Sign-ups per IP address in 15 minutes (a community event shares one address: keep it generous). */
  joinRateLimit?: number;
}

/** /join: the public sign-up, printed on flyers. */
export function joinRoutes(d: JoinDeps): Router {
  const r = Router();
  const schema = profileSchema(d.ref);
  const limiter = d.limits.perIp('join', d.joinRateLimit ?? 60);

  const render = async (
    req: Request,
    res: Response,
    values: Record<string, unknown>,
    errors: Record<string, string>,
  ) => {
    const t = res.locals.t;
    const current = await d.consent.current();
    const consent = d.consent.textIn(current, res.locals.lang);
    const version = current.version;
    res.status(Object.keys(errors).length ? 400 : 200).render('participants/signup/form', {
      values,
      errors,
      opts: profileOptions(t, d.ref),
      consent: { ...consent, version },
    });
  };

  r.get('/join', (req, res) => render(req, res, {}, {}));

  r.post('/join', limiter, async (req, res) => {
    // A bot filled the hidden field (named so that browsers' autofill leaves it alone): answer as if all went well, store nothing.
    if (typeof req.body?.cp_hp === 'string' && req.body.cp_hp !== '')
      return res.redirect(303, '/join/check-email');
    const form = validateProfile(schema, req.body);
    const errors = form.ok ? {} : { ...form.errors };
    if (req.body?.consent !== 'yes') errors.consent = 'fields.consent.required';
    if (!form.ok || errors.consent)
      return render(req, res, keepTyped(req.body), translateErrors(errors, res.locals.t));
    const outcome = await d.participants.join(form.data, {
      recordingConsent: req.body.recordingConsent === 'yes',
    });
    res.redirect(303, outcome === 'check-email' ? '/join/check-email' : '/join/thanks');
  });

  r.get('/join/check-email', (_req, res) => {
    const t = res.locals.t;
    res.render('participants/signup/done', {
      heading: t('join.checkEmailTitle'),
      body: t('join.checkEmailBody'),
      extra: t('join.checkEmailSpam'),
    });
  });

  r.get('/join/thanks', (_req, res) => {
    const t = res.locals.t;
    res.render('participants/signup/done', {
      heading: t('join.thanksPhoneTitle'),
      body: t('join.thanksPhoneBody'),
    });
  });

  return r;
}
