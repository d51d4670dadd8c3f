import { Router, type Response } from 'express';
import type { Clock } from '../../clock';
import { hashToken, looksLikeToken } from '../../links/tokens';
import { flash } from '../../web/flash';
import { handleForm, showForm, type FormPage } from '../../web/forms';
import type { RateLimits } from '../../web/rate-limit';
import { markSessionStarted, renewSession } from '../../web/session';
import type { ParticipantService } from '../participants.service';
import type { ProfileService } from '../profile/profile.service';
import type { SignupService } from '../signup/signup.service';
import type { LinkRequestService } from './link-requests.service';
import { linkRequestSchema } from './me.schema';

export interface LinkRoutesDeps {
  participants: ParticipantService;
  profiles: ProfileService;
  signup: SignupService;
  linkRequests: LinkRequestService;
  clock: Clock;
  limits: RateLimits;
}

export const invalidLink = (res: Response) => res.status(410).render('participants/me/invalid');

/**
 * The links in resident emails: each token is exchanged for a session and dropped from the URL
 * (303), then a button confirms what it proves. Also "get my link" for a lost one.
 */
export function linkRoutes(d: LinkRoutesDeps): Router {
  const r = Router();
  const linkLimiter = d.limits.perIp('me-link', 20);

  r.get('/me/m/:token', async (req, res) => {
    const token = req.params.token;
    const p = looksLikeToken(token)
      ? await d.participants.participantForLink(hashToken(token), 'participant-manage')
      : undefined;
    if (!p) return res.redirect(303, '/me/expired');
    await d.participants.signedInByLink(p.id);
    await renewSession(req, d.clock, (s) => (s.participantId = p.id));
    res.redirect(303, `/me?lang=${encodeURIComponent(p.language)}`);
  });

  // Confirmation and email-change links wait for a button press, so that mail scanners opening
  // links confirm nothing: the session keeps the token's hash until then.
  const keepLink = (key: 'confirmLinkHash' | 'emailLinkHash', next: string) =>
    r.get(`/me/${key === 'confirmLinkHash' ? 'c' : 'e'}/:token`, (req, res) => {
      const token = req.params.token;
      if (!looksLikeToken(token)) return res.redirect(303, '/me/expired');
      req.session[key] = hashToken(token);
      markSessionStarted(req.session, d.clock);
      req.session.save(() => res.redirect(303, next));
    });
  keepLink('confirmLinkHash', '/me/confirm');
  keepLink('emailLinkHash', '/me/email');

  r.get('/me/email', (req, res) =>
    req.session.emailLinkHash ? res.render('participants/me/email-confirm') : invalidLink(res),
  );

  r.post('/me/email', async (req, res) => {
    const hash = req.session.emailLinkHash;
    const p = hash ? await d.profiles.confirmEmailChange(hash) : undefined;
    if (!p) return invalidLink(res);
    await renewSession(req, d.clock, (s) => (s.participantId = p.id));
    flash(req, 'success', res.locals.t('me.emailChanged'));
    req.session.save(() => res.redirect(303, '/me'));
  });

  r.get('/me/expired', (_req, res) => invalidLink(res));

  r.get('/me/confirm', async (req, res) => {
    const hash = req.session.confirmLinkHash;
    const p = hash
      ? await d.participants.participantForLink(hash, 'participant-confirm')
      : undefined;
    if (!p) return invalidLink(res);
    res.render('participants/me/confirm');
  });

  r.post('/me/confirm', async (req, res) => {
    const hash = req.session.confirmLinkHash;
    const p = hash ? await d.signup.confirm(hash) : undefined;
    if (!p) return invalidLink(res);
    await renewSession(req, d.clock, (s) => (s.participantId = p.id));
    res.render('participants/me/confirmed');
  });

  const linkPage: FormPage = (_req, res, { values = {}, errors }) =>
    res.render('participants/me/link', { values, errors });

  r.get('/me/link', showForm(linkPage));

  r.post(
    '/me/link',
    linkLimiter,
    handleForm(linkRequestSchema, linkPage, async (_req, res, form) => {
      await d.linkRequests.request(form.email!);
      res.redirect(303, '/me/link/sent');
    }),
  );

  r.get('/me/link/sent', (_req, res) => res.render('participants/me/link-sent'));

  return r;
}
