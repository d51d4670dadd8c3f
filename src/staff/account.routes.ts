import { Router } from 'express';
import { requireStaff } from '../web/auth';
import { ValidationError } from '../errors';
import { flash } from '../web/flash';
import { parseForm } from '../web/forms';
import { THROTTLED_MESSAGE } from './login-throttle';
import { changePasswordSchema } from './staff.schema';
import { LoginThrottled, type StaffService } from './staff.service';

/** The staff home page and each person's own account. */
export function accountRoutes(staff: StaffService): Router {
  const r = Router();

  r.get('/staff/account/password', requireStaff, (_req, res) => {
    res.render('staff/change-password', { errors: {} });
  });

  r.post('/staff/account/password', requireStaff, async (req, res) => {
    const again = (errors: Record<string, string>, status = 400) =>
      res.status(status).render('staff/change-password', { errors });
    const form = parseForm(changePasswordSchema, req.body);
    if (!form.ok) return again(form.errors);
    try {
      await staff.changePassword(req.user!, form.data.currentPassword, form.data.newPassword, {
        sessionId: req.sessionID,
        ip: req.ip ?? 'unknown',
      });
    } catch (err) {
      if (err instanceof ValidationError) return again(err.fields);
      // Answered as the login page answers: the same message and status.
      if (err instanceof LoginThrottled) return again({ currentPassword: THROTTLED_MESSAGE }, 429);
      throw err;
    }
    flash(req, 'success', 'Your password has been changed.');
    res.redirect(303, '/staff');
  });

  return r;
}
