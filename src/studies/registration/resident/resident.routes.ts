import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Clock } from '../../../clock';
import { flash } from '../../../web/flash';
import { handleForm, inFieldOrder, showForm, type FormPage } from '../../../web/forms';
import { idFrom } from '../../../web/params';
import { renewSession } from '../../../web/session';
import { REGISTER_FIELDS, registerSchema, switchSchema } from './resident.schema';
import type { Opened, ResidentRegistrationService } from './resident.service';

export interface ResidentRoutesDeps {
  resident: ResidentRegistrationService;
  clock: Clock;
}

declare module 'express-serve-static-core' {
  interface Locals {
    opened?: Opened;
  }
}

const VIEWS = 'studies/registration';

/** The polite page for a link or an invitation that cannot be used: no detail of why. */
export const invitationGone = (res: Response) => res.status(410).render(`${VIEWS}/invalid`);

/**
 * The residents' registration pages behind an invitation link (`/r/<token>`): the token starts
 * a resident session and is dropped from the URL (303 to `/r/i/<invitation id>`), whose pages
 * need that session's person to own the invitation.
 */
export function residentRegistrationRoutes(d: ResidentRoutesDeps): Router {
  const r = Router();
  const s = d.resident;
  const opened = (res: Response) => res.locals.opened!;
  const page = (res: Response) => `/r/i/${opened(res).invitation.id}`;
  const lang = (res: Response): string => res.locals.lang;

  /** The invitation of the URL, if this session's resident owns it and its study is open. */
  const own = async (req: Request, res: Response, next: NextFunction) => {
    const raw = String(req.params.id);
    const id = /^[1-9]\d{0,11}$/.test(raw) ? idFrom(raw) : 0;
    const o = id ? await s.open(id, req.session.participantId) : undefined;
    if (!o) return invitationGone(res);
    res.locals.opened = o;
    next();
  };

  r.get('/r/:token', async (req, res) => {
    const invitation = await s.openLink(String(req.params.token));
    const o = invitation && (await s.open(invitation.id, invitation.participant_id));
    if (!o) return invitationGone(res);
    await s.signedIn(o);
    await renewSession(req, d.clock, (sess) => (sess.participantId = o.person.id));
    res.redirect(303, `/r/i/${o.invitation.id}?lang=${encodeURIComponent(o.person.language)}`);
  });

  const choosePage: FormPage = async (req, res, { values, errors }) => {
    const o = opened(res);
    const t = res.locals.t;
    const held = await s.held(o, t, lang(res));
    if (held && !Object.keys(errors).length) return res.render(`${VIEWS}/registered`, { o, held });
    res.render(`${VIEWS}/invitation`, {
      o,
      sessions: await s.offered(o, t, lang(res)),
      values: values ?? {
        accommodations: await s.accommodationsFromProfile(o.person, t, lang(res)),
      },
      errors: inFieldOrder(errors, REGISTER_FIELDS),
    });
  };

  r.get('/r/i/:id', own, showForm(choosePage));

  r.post(
    '/r/i/:id',
    own,
    handleForm(registerSchema, choosePage, async (req, res, form) => {
      const { registration, existing } = await s.register(
        opened(res),
        form.session,
        form.accommodations,
        res.locals.t,
        lang(res),
      );
      const key = registration.status === 'confirmed' ? 'registeredFlash' : 'waitlistedFlash';
      if (!existing) flash(req, 'success', res.locals.t(`register.${key}`));
      res.redirect(303, page(res));
    }),
  );

  r.post('/r/i/:id/decline', own, async (req, res) => {
    await s.decline(opened(res));
    flash(req, 'info', res.locals.t('register.declined'));
    res.redirect(303, page(res));
  });

  r.get('/r/i/:id/cancel', own, async (req, res) => {
    const held = await s.held(opened(res), res.locals.t, lang(res));
    if (!held || held.begun) return res.redirect(303, page(res));
    res.render(`${VIEWS}/cancel`, { o: opened(res), held });
  });

  r.post('/r/i/:id/cancel', own, async (req, res) => {
    if (await s.cancel(opened(res), res.locals.t, lang(res)))
      flash(req, 'success', res.locals.t('register.cancelled'));
    res.redirect(303, page(res));
  });

  const switchPage: FormPage = async (req, res, { errors }) => {
    const o = opened(res);
    const held = await s.held(o, res.locals.t, lang(res));
    if (!held || held.begun) return res.redirect(303, page(res));
    const targets = await s.switchTargets(o, held, res.locals.t, lang(res));
    res.render(`${VIEWS}/switch`, { o, held, targets, errors });
  };

  r.get('/r/i/:id/switch', own, showForm(switchPage));

  r.post(
    '/r/i/:id/switch',
    own,
    handleForm(switchSchema, switchPage, async (req, res, form) => {
      await s.switchTo(opened(res), form.session, res.locals.t, lang(res));
      flash(req, 'success', res.locals.t('register.switched'));
      res.redirect(303, page(res));
    }),
  );

  return r;
}
