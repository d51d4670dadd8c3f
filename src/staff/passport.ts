import type { IncomingMessage } from 'node:http';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { DeviceCookies } from './device-cookie';
import { accountKey } from './login-throttle';
import { normalizeEmail, type StaffService, type StaffUser } from './staff.service';

declare global {
  namespace Express {
    // The session holds only the id; this is loaded fresh on every request.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends StaffUser {}
  }
}

/** A Passport instance per app (no global state between test apps). */
export function createPassport(
  staff: StaffService,
  devices: DeviceCookies,
): passport.PassportStatic {
  const p = new passport.Passport() as passport.PassportStatic;
  p.use(
    new LocalStrategy(
      { usernameField: 'email', passwordField: 'password', passReqToCallback: true },
      (req, email, password, done) => {
        const cookie: unknown = req.cookies?.[devices.name];
        const deviceKey = devices.deviceKeyFor(cookie, accountKey(normalizeEmail(email)));
        staff.authenticate(email, password, req.ip ?? 'unknown', deviceKey).then(
          (user) => done(null, user),
          (err) => done(null, false, { message: err?.constructor?.name ?? 'LoginFailed' }),
        );
      },
    ),
  );
  p.serializeUser((user, done) => done(null, (user as StaffUser).id));
  // A session older than the account's last password change, reset or deactivation is no
  // longer signed in, even if a request in flight wrote its row back after it was deleted.
  p.deserializeUser(
    (
      req: IncomingMessage,
      id: number,
      done: (err: unknown, user?: Express.User | false) => void,
    ) => {
      const startedAt = (req as { session?: { startedAt?: number } }).session?.startedAt ?? 0;
      staff.findActive(id, startedAt).then((user) => done(null, user ?? false), done);
    },
  );
  return p;
}
