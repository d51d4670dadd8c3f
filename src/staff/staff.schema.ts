import { z } from 'zod';
import { ROLES } from './staff.service';

const email = z
  .string({ error: 'Enter an email address' })
  .trim()
  .min(1, 'Enter an email address')
  .max(254, 'Email address must be 254 characters or fewer')
  .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.gov' }));

const name = z
  .string({ error: 'Enter a name' })
  .trim()
  .min(1, 'Enter a name')
  .max(100, 'Name must be 100 characters or fewer')
  .regex(/^[^\p{Cc}\u2028\u2029]*$/u, 'Name must not contain line breaks or control characters');

const role = z.enum(ROLES as [string, ...string[]], { error: 'Choose a role' });

export const loginSchema = z.object({
  email: z
    .string({ error: 'Enter your email address' })
    .trim()
    .min(1, 'Enter your email address')
    .max(254, 'Email or password is incorrect'),
  password: z
    .string({ error: 'Enter your password' })
    .min(1, 'Enter your password')
    .max(1024, 'Email or password is incorrect'),
});

export const inviteSchema = z.object({ name, email, role });

export const roleSchema = z.object({ role });

export const setPasswordSchema = z.object({
  password: z.string({ error: 'Enter a password' }).min(1, 'Enter a password'),
});

export const firstAdminSchema = z.object({
  name,
  email,
  password: z.string({ error: 'Enter a password' }).min(1, 'Enter a password'),
});

export const changePasswordSchema = z.object({
  currentPassword: z
    .string({ error: 'Enter your current password' })
    .min(1, 'Enter your current password'),
  newPassword: z.string({ error: 'Enter a new password' }).min(1, 'Enter a new password'),
});
