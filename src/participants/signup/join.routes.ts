import { Router, type RequestHandler } from 'express';
import type { ReferenceData } from '../../reference/reference.queries';
import { handleForm, showForm, type FormPage } from '../../web/forms';
import type { RateLimits } from '../../web/rate-limit';
import type { ConsentService } from '../consent/consent.service';
import { profileOptions } from '../profile/profile.view';
import { joinValidator } from './signup.schema';
import type { SignupService } from './signup.service';

export interface JoinDeps {
  signup: SignupService;
  consent: ConsentService;
  ref: ReferenceData;
  limits: RateLimits;
  /** Sign-ups per IP address in 15 minutes (a community event shares one address: keep it generous). */
  joinRateLimit?: number;
}

/** /join: the public sign-up, printed on flyers. */
export function joinRoutes(d: JoinDeps): Router {
  const r = Router();
  const limiter = d.limits.perIp('join', d.joinRateLimit ?? 60);

  const joinPage: FormPage = async (_req, res, { values = {}, errors }) =>
    res.render('participants/signup/form', {
      values,
      errors,
      opts: profileOptions(res.locals.t, d.ref),
      consent: await d.consent.shownIn(res.locals.lang),
    });

  // A bot filled the hidden field (named so that browsers' autofill leaves it alone): answer as
  // if all went well, store nothing.
  const honeypot: RequestHandler = (req, res, next) =>
    typeof req.body?.cp_hp === 'string' && req.body.cp_hp !== ''
      ? res.redirect(303, '/join/check-email')
      : next();

  r.get('/join', showForm(joinPage));

  r.post(
    '/join',
    limiter,
    honeypot,
    handleForm(joinValidator(d.ref), joinPage, async (_req, res, form) => {
      const outcome = await d.signup.join(form.profile, {
        recordingConsent: form.recordingConsent,
      });
      res.redirect(303, outcome === 'check-email' ? '/join/check-email' : '/join/thanks');
    }),
  );

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
