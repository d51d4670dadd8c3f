import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Clock } from '../../clock';
import type { ParticipantRow } from '../../db/schema';
import type { ReferenceData } from '../../reference/reference.queries';
import { residentDate } from '../../i18n/dates';
import { flash } from '../../web/flash';
import { handleForm, showForm, type FormPage } from '../../web/forms';
import { renewSession } from '../../web/session';
import type { ConsentService } from '../consent/consent.service';
import type { DeletionService } from '../deletion.service';
import type { ParticipantService } from '../participants.service';
import { PAUSE_MONTHS } from '../profile/options';
import { profileSchema, validateProfile } from '../profile/profile.schema';
import type { ProfileService } from '../profile/profile.service';
import { profileOptions, profileValues } from '../profile/profile.view';
import type { StatusService } from '../status.service';
import { invalidLink } from './links.routes';
import { pauseSchema, reconsentSchema } from './me.schema';

export interface MeDeps {
  participants: ParticipantService;
  profiles: ProfileService;
  statuses: StatusService;
  deletion: DeletionService;
  consent: ConsentService;
  ref: ReferenceData;
  clock: Clock;
  cityTimeZone: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    participant?: ParticipantRow;
  }
}

/** /me/…: what a resident does with their own data once a link has started their session. */
export function meRoutes(d: MeDeps): Router {
  const r = Router();
  const schema = profileSchema(d.ref);
  const fmt = (date: Date | string, lang: string) => residentDate(date, lang, d.cityTimeZone);
  const me = (req: Request) => req.participant!;

  /** The resident of this browser session, or the "link cannot be used" page. */
  const resident = async (req: Request, res: Response, next: NextFunction) => {
    const id = req.session.participantId;
    const p = id ? await d.participants.get(id).catch(() => undefined) : undefined;
    if (!p || p.status === 'deleted') return invalidLink(res);
    req.participant = p;
    next();
  };
  /** A new consent text comes before anything else (someone who left the panel is not asked). */
  const consented = async (req: Request, res: Response, next: NextFunction) => {
    const p = me(req);
    if (p.status !== 'withdrawn' && (await d.statuses.needsReconsent(p)))
      return res.redirect(303, '/me/consent');
    next();
  };
  const done = (req: Request, res: Response, kind: 'success' | 'info', key: string) => {
    flash(req, kind, res.locals.t(key));
    res.redirect(303, '/me');
  };

  r.get('/me/consent', resident, async (_req, res) =>
    res.render('participants/me/consent', { consent: await d.consent.shownIn(res.locals.lang) }),
  );

  const consentPage: FormPage = (_req, res) => res.redirect(303, '/me/consent');
  r.post(
    '/me/consent',
    resident,
    handleForm(reconsentSchema, consentPage, async (req, res, form) => {
      if (form.decision === 'decline') {
        await d.statuses.withdraw(me(req).id);
        return done(req, res, 'info', 'me.withdrawn');
      }
      await d.statuses.reconsent(me(req).id, res.locals.lang);
      done(req, res, 'success', 'me.reconsentThanks');
    }),
  );

  const managePage: FormPage = async (req, res, { values, errors }) => {
    const p = me(req);
    const t = res.locals.t;
    res.render('participants/me/manage', {
      person: p,
      values: values ?? profileValues(p, await d.participants.choices(p.id)),
      errors,
      opts: profileOptions(t, d.ref),
      pauseOptions: PAUSE_MONTHS.map((m) => ({ value: m, label: t(`options.pause.${m}`) })),
      pausedUntil: p.paused_until ? fmt(p.paused_until, res.locals.lang) : null,
    });
  };

  r.get('/me', resident, consented, showForm(managePage));

  r.post(
    '/me',
    resident,
    consented,
    handleForm(
      (body) => validateProfile(schema, body),
      managePage,
      async (req, res, profile) => {
        const saved = await d.profiles.update(me(req).id, profile, null, {
          recordingConsent: req.body.recordingConsent === 'yes',
        });
        flash(req, 'success', res.locals.t('me.saved'));
        if (saved.emailChangePending) flash(req, 'info', res.locals.t('me.emailChangeSent'));
        res.redirect(303, `/me?lang=${encodeURIComponent(profile.language!)}`);
      },
    ),
  );

  // The pause choice sits on the manage page: a problem shows that page, profile as stored.
  const pausePage: FormPage = (req, res, { errors }) => managePage(req, res, { errors });
  r.post(
    '/me/pause',
    resident,
    consented,
    handleForm(pauseSchema, pausePage, async (req, res, form) => {
      const until = await d.statuses.pause(me(req).id, form.months);
      if (until)
        flash(req, 'success', res.locals.t('me.paused', { date: fmt(until, res.locals.lang) }));
      res.redirect(303, '/me');
    }),
  );

  r.post('/me/resume', resident, consented, async (req, res) => {
    if (await d.statuses.resume(me(req).id)) flash(req, 'success', res.locals.t('me.resumed'));
    res.redirect(303, '/me');
  });

  r.post('/me/withdraw', resident, consented, async (req, res) => {
    await d.statuses.withdraw(me(req).id);
    done(req, res, 'info', 'me.withdrawn');
  });

  r.post('/me/rejoin', resident, consented, async (req, res) => {
    await d.statuses.rejoin(me(req).id, res.locals.lang);
    done(req, res, 'success', 'me.rejoined');
  });

  r.get('/me/delete', resident, (_req, res) => res.render('participants/me/delete'));

  r.post('/me/delete', resident, async (req, res) => {
    await d.deletion.delete(me(req).id, null);
    await renewSession(req, d.clock);
    res.redirect(303, '/me/deleted');
  });

  r.get('/me/deleted', (_req, res) => res.render('participants/me/deleted'));

  return r;
}
