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
  { href: '/staff/participants', label: 'Participants', roles: ['admin', 'organizer'] },
  { href: '/staff/participants/call-list', label: 'Call list', roles: ['admin', 'organizer'] },
  { href: '/staff/studies', label: 'Studies', roles: ['admin', 'organizer'] },
  { href: '/staff/surveys', label: 'Surveys', roles: ['admin', 'organizer'] },
  { href: '/staff/results', label: 'Results', roles: ['admin', 'organizer', 'analyst'] },
  { href: '/staff/my-sessions', label: 'My sessions', roles: ['organizer', 'facilitator'] },
  {
    href: '/staff/reminder-calls',
    label: 'Reminder calls',
    roles: ['admin', 'organizer', 'facilitator'],
  },
  { href: '/staff/themes', label: 'Themes', roles: ['admin'] },
  { href: '/staff/mail', label: 'Mail log', roles: ['admin', 'organizer'] },
  { href: '/staff/audit', label: 'Audit log', roles: ['admin'] },
  { href: '/staff/users', label: 'Staff accounts', roles: ['admin'] },
  { href: '/staff/consent', label: 'Consent text', roles: ['admin'] },
  { href: '/staff/settings', label: 'Settings', roles: ['admin'] },
  { href: '/staff/account/password', label: 'Account', roles: 'all' },
];

/** Gives views the signed-in person and their navigation (res.locals.staff, .nav). */
export const staffLocals: RequestHandler = (req, res, next) => {
  const user = req.user;
  res.locals.staff = user ? { id: user.id, name: user.name, role: user.role } : null;
  const items = user ? NAV.filter((n) => n.roles === 'all' || n.roles.includes(user.role)) : [];
  // The current entry is the longest one the path falls under (Call list, not Participants).
  const path = req.path;
  const under = (href: string) =>
    path === href || (href !== '/staff' && path.startsWith(`${href}/`));
  const current = items
    .filter((n) => under(n.href))
    .sort((a, b) => b.href.length - a.href.length)[0];
  res.locals.nav = items.map((n) => ({ ...n, current: n === current }));
  next();
};
