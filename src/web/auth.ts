import type { Request, RequestHandler } from 'express';
import type { StaffRole } from '../db/schema';
import { ForbiddenError } from './errors';

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
