import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Request, RequestHandler } from 'express';
import type { StaffRole } from '../db/schema';
import type { StaffService, StaffUser } from '../staff/staff.service';
import { ForbiddenError } from './errors';

declare global {
  namespace Express {
    // The session holds only the id; this is loaded fresh on every request.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends StaffUser {}
  }
}

/** A Passport instance per app (no global state between test apps). */
export function createPassport(staff: StaffService): passport.PassportStatic {
  const p = new passport.Passport() as passport.PassportStatic;
  p.use(
    new LocalStrategy(
      { usernameField: 'email', passwordField: 'password', passReqToCallback: true },
      (req, email, password, done) => {
        staff.authenticate(email, password, req.ip ?? 'unknown').then(
          (user) => done(null, user),
          (err) => done(null, false, { message: err?.constructor?.name ?? 'LoginFailed' }),
        );
      },
    ),
  );
  p.serializeUser((user, done) => done(null, (user as StaffUser).id));
  p.deserializeUser((id: number, done) => {
    staff.findActive(id).then((user) => done(null, user ?? false), done);
  });
  return p;
}

/** Logged-in staff only. A GET without a session goes to the login page and comes back after. */
export const requireStaff: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  if (req.method === 'GET' || req.method === 'HEAD') {
    return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
  }
  next(new ForbiddenError());
};

/** Staff with one of these roles; admins may do everything. */
export function requireRole(...roles: StaffRole[]): RequestHandler[] {
  return [
    requireStaff,
    (req, _res, next) => {
      const role = req.user!.role;
      if (role === 'admin' || roles.includes(role)) return next();
      next(new ForbiddenError());
    },
  ];
}

export function hasRole(req: Request, ...roles: StaffRole[]): boolean {
  return Boolean(req.user && (req.user.role === 'admin' || roles.includes(req.user.role)));
}

/** Only same-site paths under /staff are followed after login (no open redirect). */
export function safeNext(value: unknown): string {
  return typeof value === 'string' &&
    /^\/staff(\/[\w\-./?=&%]*)?$/.test(value) &&
    !value.includes('//')
    ? value
    : '/staff';
}
