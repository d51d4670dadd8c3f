import { Router, type Request, type Response, type NextFunction } from 'express';
import type passport from 'passport';
import type { Clock } from '../clock';
import { safeNext } from '../web/auth';
import { ValidationError } from '../errors';
import { flash } from '../web/flash';
import type { RateLimits } from '../web/rate-limit';
import { keepTyped, parseForm } from '../web/forms';
import { markSessionStarted } from '../web/session';
import { hashToken, looksLikeToken } from '../links/tokens';
import type { DeviceCookies } from './device-cookie';
import { accountKey, THROTTLED_MESSAGE } from './login-throttle';
import { firstAdminSchema, loginSchema, setPasswordSchema } from './staff.schema';
import { LoginThrottled, type StaffService, type StaffUser } from './staff.service';

const LOGIN_INCORRECT = 'Email or password is incorrect';

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

  r.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, safeNext(req.query.next));
    res.render('staff/login', { values: {}, errors: {}, next: safeNext(req.query.next) });
  });

  r.post('/login', loginLimiter, (req, res, next) => {
    const form = parseForm(loginSchema, req.body);
    const nextUrl = safeNext(req.body?.next);
    const again = (errors: Record<string, string>, status = 400) =>
      res
        .status(status)
        .render('staff/login', { values: keepTyped(req.body), errors, next: nextUrl });
    if (!form.ok) return again(form.errors);
    d.passport.authenticate(
      'local',
      (err: unknown, user: StaffUser | false, info?: { message?: string }) => {
        if (err) return next(err);
        if (!user) {
          const throttled = info?.message === LoginThrottled.name;
          return again(
            { email: throttled ? THROTTLED_MESSAGE : LOGIN_INCORRECT },
            throttled ? 429 : 400,
          );
        }
        logIn(req, res, next, user, d, nextUrl);
      },
    )(req, res, next);
  });

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

  r.get('/set-password', async (req, res) => {
    const info = req.session.pendingLinkHash
      ? await d.staff.inspectLink(req.session.pendingLinkHash)
      : undefined;
    if (!info) return res.status(410).render('staff/link-invalid');
    res.render('staff/set-password', { info, values: {}, errors: {} });
  });

  r.post('/set-password', async (req, res, next) => {
    const hash = req.session.pendingLinkHash;
    const info = hash ? await d.staff.inspectLink(hash) : undefined;
    if (!hash || !info) return res.status(410).render('staff/link-invalid');
    const again = (errors: Record<string, string>) =>
      res.status(400).render('staff/set-password', { info, values: keepTyped(req.body), errors });
    const form = parseForm(
      info.purpose === 'first-admin' ? firstAdminSchema : setPasswordSchema,
      req.body,
    );
    if (!form.ok) return again(form.errors);
    try {
      const user = await d.staff.completeLink({ hash }, form.data);
      if (!user) return res.status(410).render('staff/link-invalid');
      flash(req, 'success', 'Your password is set. You are now signed in.');
      const messages = req.session.flash;
      logIn(req, res, next, user, d, '/staff', messages);
    } catch (err) {
      if (err instanceof ValidationError) return again(err.fields);
      throw err;
    }
  });

  return r;
}

/**
 * Logs in with a new session id (Passport regenerates it), starts the session clocks and gives
 * the browser a fresh device cookie (a new nonce each time, so its old failures are left behind).
 */
function logIn(
  req: Request,
  res: Response,
  next: NextFunction,
  user: StaffUser,
  d: Pick<AuthRouteDeps, 'clock' | 'devices'>,
  to: string,
  carryFlash?: Request['session']['flash'],
): void {
  req.logIn(user, (err) => {
    if (err) return next(err);
    markSessionStarted(req.session, d.clock);
    const device = d.devices.issue(accountKey(user.email));
    res.cookie(d.devices.name, device, d.devices.cookieOptions());
    if (carryFlash) req.session.flash = carryFlash;
    req.session.save((saveErr) => (saveErr ? next(saveErr) : res.redirect(303, to)));
  });
}
