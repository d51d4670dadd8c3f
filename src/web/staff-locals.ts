import type { RequestHandler } from 'express';
import type { StaffRole } from '../db/schema';

interface NavItem {
  href: string;
  label: string;
  roles: StaffRole[] | 'all';
}

/** Staff navigation, by role. Features add their entries here as they arrive. */
const NAV: NavItem[] = [
  { href: '/staff', label: 'Home', roles: 'all' },
  { href: '/staff/mail', label: 'Mail log', roles: ['admin', 'organizer'] },
  { href: '/staff/users', label: 'Staff accounts', roles: ['admin'] },
  { href: '/staff/account/password', label: 'Account', roles: 'all' },
];

/** Gives views the signed-in person and their navigation (res.locals.staff, .nav). */
export const staffLocals: RequestHandler = (req, res, next) => {
  const user = req.user;
  res.locals.staff = user ? { id: user.id, name: user.name, role: user.role } : null;
  const path = req.path;
  res.locals.nav = user
    ? NAV.filter((n) => n.roles === 'all' || n.roles.includes(user.role)).map((n) => ({
        ...n,
        current: n.href === '/staff' ? path === '/staff' : path.startsWith(n.href),
      }))
    : [];
  next();
};
