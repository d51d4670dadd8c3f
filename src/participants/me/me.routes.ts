import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Clock } from '../../clock';
import type { ParticipantRow } from '../../db/schema';
import { hashToken, looksLikeToken } from '../../links/tokens';
import type { ReferenceData } from '../../reference/reference.queries';
import { ValidationError } from '../../web/errors';
import { flash } from '../../web/flash';
import type { RateLimits } from '../../web/rate-limit';
import { keepTyped, str, translateErrors } from '../../web/forms';
import { markSessionStarted } from '../../web/session';
import { residentDate } from '../../i18n/dates';
import type { ConsentService } from '../consent/consent.service';
import { PAUSE_MONTHS } from '../profile/options';
import type { ParticipantService } from '../participants.service';
import { profileSchema, validateProfile } from '../profile/profile.schema';
import { profileOptions, profileValues } from '../profile/profile.view';

export interface MeDeps {
  participants: ParticipantService;
  consent: ConsentService;
  ref: ReferenceData;
  clock: Clock;
  cityTimeZone: string;
  limits: RateLimits;
}

declare module 'express-serve-static-core' {
  interface Request {
    participant?: ParticipantRow;
  }
}

/** /me/…: what a resident does through the links in their emails. No passwords. */
export function meRoutes(d: MeDeps): Router {
  const r = Router();
  const schema = profileSchema(d.ref);
  const linkLimiter = d.limits.perIp('me-link', 20);
  const fmt = (date: Date | string, lang: string) => residentDate(date, lang, d.cityTimeZone);
  const invalid = (res: Response) => res.status(410).render('participants/me/invalid');

  /** The resident of this browser session, or the "link cannot be used" page. */
  const resident = async (req: Request, res: Response, next: NextFunction) => {
    const id = req.session.participantId;
    const p = id ? await d.participants.get(id).catch(() => undefined) : undefined;
    if (!p || p.status === 'deleted') return invalid(res);
    req.participant = p;
    next();
  };
  /** A new consent text comes before anything else (someone who left the panel is not asked). */
  const consented = async (req: Request, res: Response, next: NextFunction) => {
    const p = req.participant!;
    if (p.status !== 'withdrawn' && (await d.participants.needsReconsent(p)))
      return res.redirect(303, '/me/consent');
    next();
  };

  // Links from emails: keep what the token proves in the session, then drop it from the URL.
  r.get('/me/m/:token', async (req, res, next) => {
    const token = req.params.token;
    const p = looksLikeToken(token)
      ? await d.participants.participantForLink(hashToken(token), 'participant-manage')
      : undefined;
    if (!p) return res.redirect(303, '/me/expired');
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.participantId = p.id;
      markSessionStarted(req.session, d.clock);
      req.session.save(() => res.redirect(303, `/me?lang=${encodeURIComponent(p.language)}`));
    });
  });

  r.get('/me/c/:token', (req, res) => {
    const token = req.params.token;
    if (!looksLikeToken(token)) return res.redirect(303, '/me/expired');
    req.session.confirmLinkHash = hashToken(token);
    markSessionStarted(req.session, d.clock);
    req.session.save(() => res.redirect(303, '/me/confirm'));
  });

  r.get('/me/e/:token', (req, res) => {
    const token = req.params.token;
    if (!looksLikeToken(token)) return res.redirect(303, '/me/expired');
    req.session.emailLinkHash = hashToken(token);
    markSessionStarted(req.session, d.clock);
    req.session.save(() => res.redirect(303, '/me/email'));
  });

  r.get('/me/email', (req, res) => {
    if (!req.session.emailLinkHash) return invalid(res);
    res.render('participants/me/email-confirm');
  });

  r.post('/me/email', async (req, res, next) => {
    const hash = req.session.emailLinkHash;
    const p = hash ? await d.participants.confirmEmailChange(hash) : undefined;
    if (!p) return invalid(res);
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.participantId = p.id;
      markSessionStarted(req.session, d.clock);
      flash(req, 'success', res.locals.t('me.emailChanged'));
      req.session.save(() => res.redirect(303, '/me'));
    });
  });

  r.get('/me/expired', (_req, res) => invalid(res));

  // Confirming takes a button press, so that mail scanners opening links confirm nothing.
  r.get('/me/confirm', async (req, res) => {
    const hash = req.session.confirmLinkHash;
    const p = hash
      ? await d.participants.participantForLink(hash, 'participant-confirm')
      : undefined;
    if (!p) return invalid(res);
    res.render('participants/me/confirm');
  });

  r.post('/me/confirm', async (req, res, next) => {
    const hash = req.session.confirmLinkHash;
    const p = hash ? await d.participants.confirm(hash) : undefined;
    if (!p) return invalid(res);
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.participantId = p.id;
      markSessionStarted(req.session, d.clock);
      req.session.save(() => res.render('participants/me/confirmed'));
    });
  });

  r.get('/me/consent', resident, async (req, res) => {
    const current = await d.consent.current();
    res.render('participants/me/consent', {
      consent: { ...d.consent.textIn(current, res.locals.lang), version: current.version },
    });
  });

  r.post('/me/consent', resident, async (req, res) => {
    const p = req.participant!;
    if (req.body?.decision === 'agree') {
      await d.participants.reconsent(p.id, res.locals.lang);
      flash(req, 'success', res.locals.t('me.reconsentThanks'));
    } else if (req.body?.decision === 'decline') {
      await d.participants.withdraw(p.id);
      flash(req, 'info', res.locals.t('me.withdrawn'));
    } else {
      return res.redirect(303, '/me/consent');
    }
    res.redirect(303, '/me');
  });

  const managePage = async (
    req: Request,
    res: Response,
    values?: Record<string, unknown>,
    errors: Record<string, string> = {},
  ) => {
    const p = req.participant!;
    const t = res.locals.t;
    res.status(Object.keys(errors).length ? 400 : 200).render('participants/me/manage', {
      person: p,
      values: values ?? profileValues(p, await d.participants.choices(p.id)),
      errors,
      opts: profileOptions(t, d.ref),
      pauseOptions: PAUSE_MONTHS.map((m) => ({ value: m, label: t(`options.pause.${m}`) })),
      pausedUntil: p.paused_until ? fmt(p.paused_until, res.locals.lang) : null,
    });
  };

  r.get('/me', resident, consented, (req, res) => managePage(req, res));

  r.post('/me', resident, consented, async (req, res) => {
    const form = validateProfile(schema, req.body);
    if (!form.ok)
      return managePage(req, res, keepTyped(req.body), translateErrors(form.errors, res.locals.t));
    const saved = await d.participants
      .updateProfile(req.participant!.id, form.data, null, {
        recordingConsent: req.body.recordingConsent === 'yes',
      })
      .catch((err: unknown) => {
        if (err instanceof ValidationError) return err;
        throw err;
      });
    if (saved instanceof ValidationError)
      return managePage(req, res, keepTyped(req.body), translateErrors(saved.fields, res.locals.t));
    flash(req, 'success', res.locals.t('me.saved'));
    if (saved.emailChangePending) flash(req, 'info', res.locals.t('me.emailChangeSent'));
    res.redirect(303, `/me?lang=${encodeURIComponent(form.data.language!)}`);
  });

  r.post('/me/pause', resident, consented, async (req, res) => {
    const months = str(req.body?.months);
    if (!(PAUSE_MONTHS as readonly string[]).includes(months)) {
      return managePage(req, res, undefined, { months: res.locals.t('me.pauseRequired') });
    }
    const until = await d.participants.pause(req.participant!.id, Number(months));
    if (until)
      flash(req, 'success', res.locals.t('me.paused', { date: fmt(until, res.locals.lang) }));
    res.redirect(303, '/me');
  });

  r.post('/me/resume', resident, consented, async (req, res) => {
    if (await d.participants.resume(req.participant!.id))
      flash(req, 'success', res.locals.t('me.resumed'));
    res.redirect(303, '/me');
  });

  r.post('/me/withdraw', resident, consented, async (req, res) => {
    await d.participants.withdraw(req.participant!.id);
    flash(req, 'info', res.locals.t('me.withdrawn'));
    res.redirect(303, '/me');
  });

  r.post('/me/rejoin', resident, consented, async (req, res) => {
    await d.participants.rejoin(req.participant!.id, res.locals.lang);
    flash(req, 'success', res.locals.t('me.rejoined'));
    res.redirect(303, '/me');
  });

  r.get('/me/delete', resident, (_req, res) => res.render('participants/me/delete'));

  r.post('/me/delete', resident, async (req, res, next) => {
    await d.participants.deleteParticipant(req.participant!.id, null, fmt);
    req.session.regenerate((err) => (err ? next(err) : res.redirect(303, '/me/deleted')));
  });

  r.get('/me/deleted', (_req, res) => res.render('participants/me/deleted'));

  r.get('/me/link', (_req, res) => res.render('participants/me/link', { values: {}, errors: {} }));

  r.post('/me/link', linkLimiter, async (req, res) => {
    const email = str(req.body?.email).trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email) || email.length > 254) {
      return res.status(400).render('participants/me/link', {
        values: { email: email.slice(0, 254) },
        errors: { email: res.locals.t('fields.email.invalid') },
      });
    }
    await d.participants.requestManageLink(email);
    res.redirect(303, '/me/link/sent');
  });

  r.get('/me/link/sent', (_req, res) => res.render('participants/me/link-sent'));

  return r;
}
