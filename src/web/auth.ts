import type { Request, RequestHandler } from 'express';
import type { StaffRole } from '../db/schema';
import { ForbiddenError } from '../errors';

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

// A segment of a staff path: letters, digits, _ and -, with dots only between them, so "." and
// ".." (which a browser resolves, leaving /staff) never pass. No "%" at all in the path: an
// encoded dot or slash (%2e, %2f) would be decoded into one by the browser or a proxy.
const PATH = /^\/staff(?:\/[\w-]+(?:\.[\w-]+)*)*\/?$/;
// A query string: no backslash, no fragment, no control characters; encoded dots, slashes and
// backslashes are refused too, so nothing down the line can turn them into a path.
const QUERY = /^[\w\-.~=&+,:;@%/]*$/;
const ENCODED_DOT_OR_SLASH = /%(2e|2f|5c)/i;

/** Only same-site paths under /staff are followed after login (no open redirect, no way out of /staff). */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000) return '/staff';
  const q = value.indexOf('?');
  const path = q === -1 ? value : value.slice(0, q);
  const query = q === -1 ? '' : value.slice(q + 1);
  const ok =
    PATH.test(path) &&
    QUERY.test(query) &&
    !ENCODED_DOT_OR_SLASH.test(query) &&
    !value.includes('//');
  return ok ? value : '/staff';
}
