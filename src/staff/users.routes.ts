import { Router, type Request, type Response } from 'express';
import type { StaffRole } from '../db/schema';
import { requireRole } from '../web/auth';
import { ValidationError } from '../errors';
import { flash } from '../web/flash';
import { keepTyped, parseForm } from '../web/forms';
import { inviteSchema, roleSchema } from './staff.schema';
import { idFrom } from '../web/params';
import { ROLES, ROLE_LABELS, type StaffService } from './staff.service';

const roleOptions = ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }));

/** Admin pages to invite staff, change roles and deactivate accounts. */
export function usersRoutes(staff: StaffService): Router {
  const r = Router();
  const admin = requireRole('admin');

  const listPage = async (values: Record<string, unknown>, errors: Record<string, string>) => ({
    users: await staff.list(),
    roleOptions,
    roleLabels: ROLE_LABELS,
    values,
    errors,
  });

  r.get('/staff/users', ...admin, async (_req, res) => {
    res.render('staff/users', await listPage({ role: 'organizer' }, {}));
  });

  r.post('/staff/users', ...admin, async (req, res) => {
    const again = async (errors: Record<string, string>) =>
      res.status(400).render('staff/users', await listPage(keepTyped(req.body), errors));
    const form = parseForm(inviteSchema, req.body);
    if (!form.ok) return again(form.errors);
    try {
      await staff.invite(req.user!, { ...form.data, role: form.data.role as StaffRole });
    } catch (err) {
      if (err instanceof ValidationError) return again(err.fields);
      throw err;
    }
    flash(req, 'success', `Invitation sent to ${form.data.email}.`);
    res.redirect(303, '/staff/users');
  });

  const userPage = async (id: number, errors: Record<string, string> = {}) => ({
    account: await staff.get(id),
    roleOptions,
    roleLabels: ROLE_LABELS,
    errors,
  });

  r.get('/staff/users/:id', ...admin, async (req, res) => {
    res.render('staff/user', await userPage(idFrom(req.params.id)));
  });

  /** Runs an account change; a rule broken (last admin, own account) re-renders with the message. */
  const change =
    (action: (req: Request, id: number) => Promise<string>) =>
    async (req: Request, res: Response) => {
      const id = idFrom(req.params.id);
      try {
        flash(req, 'success', await action(req, id));
      } catch (err) {
        if (err instanceof ValidationError)
          return res.status(400).render('staff/user', await userPage(id, err.fields));
        throw err;
      }
      res.redirect(303, `/staff/users/${id}`);
    };

  r.post(
    '/staff/users/:id/role',
    ...admin,
    change(async (req, id) => {
      const form = parseForm(roleSchema, req.body);
      if (!form.ok) throw new ValidationError(form.errors);
      await staff.changeRole(req.user!, id, form.data.role as StaffRole);
      return `Role changed to ${ROLE_LABELS[form.data.role as StaffRole]}.`;
    }),
  );

  r.post(
    '/staff/users/:id/deactivate',
    ...admin,
    change(async (req, id) => {
      await staff.setActive(req.user!, id, false);
      return 'Account deactivated. This person can no longer sign in.';
    }),
  );

  r.post(
    '/staff/users/:id/reactivate',
    ...admin,
    change(async (req, id) => {
      await staff.setActive(req.user!, id, true);
      return 'Account reactivated.';
    }),
  );

  r.post(
    '/staff/users/:id/password-link',
    ...admin,
    change(async (req, id) => {
      await staff.sendPasswordLink(req.user!, id);
      return 'A new set-password link has been emailed.';
    }),
  );

  return r;
}
