import type { Request, Response } from 'express';
import type { Clock } from '../clock';
import { markSessionStarted } from '../web/session';
import type { DeviceCookies } from './device-cookie';
import { accountKey } from './login-throttle';
import type { StaffUser } from './staff.service';

/**
 * Signs a staff member in with a new session id (Passport regenerates it), starts the session
 * clocks and gives the browser a fresh device cookie (a new nonce each time, so its old failures
 * are left behind). Also after a password change: the session that changed it starts anew, after
 * the account's cut-off, while every other one ends.
 */
export function startStaffSession(
  req: Request,
  res: Response,
  user: StaffUser,
  d: { clock: Clock; devices: DeviceCookies },
  carryFlash?: Request['session']['flash'],
): Promise<void> {
  return new Promise((resolve, reject) =>
    req.logIn(user, (err) => {
      if (err) return reject(err);
      markSessionStarted(req.session, d.clock);
      res.cookie(
        d.devices.name,
        d.devices.issue(accountKey(user.email)),
        d.devices.cookieOptions(),
      );
      if (carryFlash) req.session.flash = carryFlash;
      req.session.save((saveErr) => (saveErr ? reject(saveErr) : resolve()));
    }),
  );
}
