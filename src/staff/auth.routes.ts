import { Router, type Request, type RequestHandler, type Response } from 'express';
import type passport from 'passport';
import type { Clock } from '../clock';
import { safeNext } from '../web/auth';
import { ValidationError } from '../errors';
import { flash } from '../web/flash';
import type { RateLimits } from '../web/rate-limit';
import { handleForm, parseForm, showForm, type FormPage } from '../web/forms';
import { markSessionStarted } from '../web/session';
import { startStaffSession } from './sign-in';
import { hashToken, looksLikeToken } from '../links/tokens';
import type { DeviceCookies } from './device-cookie';
import { THROTTLED_MESSAGE } from './login-throttle';
import { firstAdminSchema, loginSchema, setPasswordSchema } from './staff.schema';
import { LoginThrottled, type StaffService, type StaffUser } from './staff.service';

const LOGIN_INCORRECT = 'Email or password is incorrect';

declare module 'express-serve-static-core' {
  interface Request {
    /** The set-password link this session holds (invitation, reset or first admin). */
    staffLink?: Awaited<ReturnType<StaffService['inspectLink']>>;
  }
}

export interface AuthRouteDeps {
  staff: StaffService;
  passport: passport.PassportStatic;
  /** The signed cookie that keeps a browser that signed in before out of the account lock. */
  devices: DeviceCookies;
  clock: Clock;
  limits: RateLimits;
  /** Requests per IP to POST /login in 15 minutes (a coarse limit; failures are throttled separately). */
  loginRateLimit?: number;
}

/** Login, logout and the set-password links (invitation and first admin). */
export function authRoutes(d: AuthRouteDeps): Router {
  const r = Router();
  const loginLimiter = d.limits.perIp('login', d.loginRateLimit ?? 50);

  const loginPage: FormPage = (req, res, { values = {}, errors }) =>
    res.render('staff/login', { values, errors, next: safeNext(req.body?.next ?? req.query.next) });

  r.get('/login', (req, res, next) =>
    req.user ? res.redirect(303, safeNext(req.query.next)) : showForm(loginPage)(req, res, next),
  );

  r.post(
    '/login',
    loginLimiter,
    handleForm(loginSchema, loginPage, async (req, res) => {
      const user = await authenticate(d.passport, req, res);
      await startStaffSession(req, res, user, d);
      res.redirect(303, safeNext(req.body?.next));
    }),
  );

  r.post('/logout', (req, res, next) => {
    // Destroy the server-side session: the old cookie is useless from now on.
    req.session.destroy((err) => {
      if (err) return next(err);
      res.clearCookie(req.app.get('sessionCookieName'), { path: '/' });
      res.redirect(303, '/login');
    });
  });

  // The link in the email or console: keep its hash in the session, then drop the token from the URL.
  r.get('/set-password/:token', (req, res) => {
    const token = req.params.token;
    if (!looksLikeToken(token)) return res.redirect(303, '/set-password');
    req.session.pendingLinkHash = hashToken(token);
    markSessionStarted(req.session, d.clock);
    req.session.save(() => res.redirect(303, '/set-password'));
  });

  /** The set-password link this session holds, or the "link cannot be used" page. */
  const pendingLink: RequestHandler = async (req, res, next) => {
    const hash = req.session.pendingLinkHash;
    const info = hash ? await d.staff.inspectLink(hash) : undefined;
    if (!hash || !info) return res.status(410).render('staff/link-invalid');
    req.staffLink = info;
    next();
  };
  const setPasswordPage: FormPage = (req, res, { values = {}, errors }) =>
    res.render('staff/set-password', { info: req.staffLink, values, errors });
  const schemaFor = (req: Request) =>
    req.staffLink!.purpose === 'first-admin' ? firstAdminSchema : setPasswordSchema;

  r.get('/set-password', pendingLink, showForm(setPasswordPage));

  r.post(
    '/set-password',
    pendingLink,
    handleForm(
      (body, req) => parseForm(schemaFor(req), body),
      setPasswordPage,
      async (req, res, form) => {
        const user = await d.staff.completeLink({ hash: req.session.pendingLinkHash! }, form);
        if (!user) return res.status(410).render('staff/link-invalid');
        flash(req, 'success', 'Your password is set. You are now signed in.');
        await startStaffSession(req, res, user, d, req.session.flash);
        res.redirect(303, '/staff');
      },
    ),
  );

  return r;
}

/** Passport's local strategy as a promise: the staff member, or a ValidationError for the form. */
function authenticate(p: passport.PassportStatic, req: Request, res: Response): Promise<StaffUser> {
  return new Promise((resolve, reject) =>
    p.authenticate(
      'local',
      (err: unknown, user: StaffUser | false, info?: { message?: string }) => {
        if (err) return reject(err);
        if (user) return resolve(user);
        const throttled = info?.message === LoginThrottled.name;
        reject(
          throttled
            ? new ValidationError({ email: THROTTLED_MESSAGE }, 429)
            : new ValidationError({ email: LOGIN_INCORRECT }),
        );
      },
    )(req, res, (err: unknown) => reject(err)),
  );
}
