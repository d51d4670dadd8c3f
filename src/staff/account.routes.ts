import { Router } from 'express';
import { requireStaff } from '../web/auth';
import { flash } from '../web/flash';
import { handleForm, showForm, type FormPage } from '../web/forms';
import { changePasswordSchema } from './staff.schema';
import type { Clock } from '../clock';
import type { DeviceCookies } from './device-cookie';
import { startStaffSession } from './sign-in';
import type { StaffService } from './staff.service';

/** Each staff member's own account: changing their password. */
export function accountRoutes(d: {
  staff: StaffService;
  devices: DeviceCookies;
  clock: Clock;
}): Router {
  const { staff } = d;
  const r = Router();
  const passwordPage: FormPage = (_req, res, { errors }) =>
    res.render('staff/change-password', { errors });

  r.get('/staff/account/password', requireStaff, showForm(passwordPage));

  r.post(
    '/staff/account/password',
    requireStaff,
    handleForm(changePasswordSchema, passwordPage, async (req, res, form) => {
      const user = req.user!;
      await staff.changePassword(user, form.currentPassword, form.newPassword, {
        ip: req.ip ?? 'unknown',
      });
      // Every session of the account has ended; this browser starts a new one.
      await startStaffSession(req, res, user, d);
      flash(req, 'success', 'Your password has been changed.');
      res.redirect(303, '/staff');
    }),
  );

  return r;
}
