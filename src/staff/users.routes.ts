import { Router, type Request } from 'express';
import { z } from 'zod';
import type { StaffRole } from '../db/schema';
import { requireRole } from '../web/auth';
import { flash } from '../web/flash';
import { handleForm, showForm, type FormPage } from '../web/forms';
import { idFrom } from '../web/params';
import { inviteSchema, roleSchema } from './staff.schema';
import { ROLES, ROLE_LABELS, type StaffService } from './staff.service';

const roleOptions = ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }));
/** The account buttons (deactivate, reactivate, new link) carry no fields. */
const noFields = z.object({});

/** Admin pages to invite staff, change roles and deactivate accounts. */
export function usersRoutes(staff: StaffService): Router {
  const r = Router();
  const admin = requireRole('admin');

  const listPage: FormPage = async (_req, res, { values, errors }) =>
    res.render('staff/users', {
      users: await staff.list(),
      roleOptions,
      roleLabels: ROLE_LABELS,
      values: values ?? { role: 'organizer' },
      errors,
    });

  r.get('/staff/users', ...admin, showForm(listPage));

  r.post(
    '/staff/users',
    ...admin,
    handleForm(inviteSchema, listPage, async (req, res, invite) => {
      await staff.invite(req.user!, { ...invite, role: invite.role as StaffRole });
      flash(req, 'success', `Invitation sent to ${invite.email}.`);
      res.redirect(303, '/staff/users');
    }),
  );

  // A rule broken (the last admin, one's own account) shows the account page with its message.
  const userPage: FormPage = async (req, res, { errors }) =>
    res.render('staff/user', {
      account: await staff.get(idFrom(req.params.id)),
      roleOptions,
      roleLabels: ROLE_LABELS,
      errors,
    });

  r.get('/staff/users/:id', ...admin, showForm(userPage));

  /** An account change from the account page: done, said in a banner, back to the page. */
  const change = <T>(
    schema: z.ZodType<T>,
    act: (req: Request, id: number, form: T) => Promise<string>,
  ) =>
    handleForm(schema, userPage, async (req, res, form) => {
      const id = idFrom(req.params.id);
      flash(req, 'success', await act(req, id, form));
      res.redirect(303, `/staff/users/${id}`);
    });

  r.post(
    '/staff/users/:id/role',
    ...admin,
    change(roleSchema, async (req, id, { role }) => {
      await staff.changeRole(req.user!, id, role as StaffRole);
      return `Role changed to ${ROLE_LABELS[role as StaffRole]}.`;
    }),
  );

  r.post(
    '/staff/users/:id/deactivate',
    ...admin,
    change(noFields, async (req, id) => {
      await staff.setActive(req.user!, id, false);
      return 'Account deactivated. This person can no longer sign in.';
    }),
  );

  r.post(
    '/staff/users/:id/reactivate',
    ...admin,
    change(noFields, async (req, id) => {
      await staff.setActive(req.user!, id, true);
      return 'Account reactivated.';
    }),
  );

  r.post(
    '/staff/users/:id/password-link',
    ...admin,
    change(noFields, async (req, id) => {
      await staff.sendPasswordLink(req.user!, id);
      return 'A new set-password link has been emailed.';
    }),
  );

  return r;
}
