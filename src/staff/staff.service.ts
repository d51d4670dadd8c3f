import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { DAY, HOUR } from '../clock';
import type { Config } from '../config';
import type { DB } from '../db/database';
import type { Database, StaffRole, StaffUserRow } from '../db/schema';
import { recordAudit } from '../audit/audit.queries';
import {
  findUsableLink,
  insertLink,
  redeemLink,
  voidLinks,
  type LinkPurpose,
} from '../links/links.queries';
import { hashToken, newToken } from '../links/tokens';
import type { Mailer } from '../mail/mailer';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { deleteSessionsOfStaff } from '../web/session.queries';
import {
  authenticate,
  changePassword,
  normalizeEmail,
  toStaffUser,
  type PasswordChangeFrom,
} from './credentials';
import { hashPassword, passwordProblem } from './passwords';
import * as q from './staff.queries';

export const ROLES: StaffRole[] = ['admin', 'organizer', 'facilitator', 'analyst'];
export const ROLE_LABELS: Record<StaffRole, string> = {
  admin: 'Admin',
  organizer: 'Organizer',
  facilitator: 'Facilitator',
  analyst: 'Analyst',
};

/** What the rest of the app knows about a logged-in staff member. */
export interface StaffUser {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
}

export { LoginFailed, LoginThrottled, normalizeEmail } from './credentials';

export const INVITE_TTL = 7 * DAY;
export const FIRST_ADMIN_TTL = 24 * HOUR;

export interface StaffDeps {
  db: DB;
  mailer: Mailer;
  clock: Clock;
  config: Pick<Config, 'baseUrl'>;
  logger: Logger;
}

export class StaffService {
  constructor(private readonly d: StaffDeps) {}

  /** See credentials.ts: throttled, one answer for every failure. */
  async authenticate(email: string, password: string, ip: string, deviceKey?: string) {
    return authenticate(this.d, { email, password, ip, deviceKey });
  }

  /** The active staff member behind a session, or undefined (deactivated people are logged out). */
  /**
   * The staff member of a session, if the account is active and the session started after its
   * last password change, reset or deactivation (`startedAt`, ms).
   */
  async findActive(id: number, startedAt?: number): Promise<StaffUser | undefined> {
    const row = await q.findStaffById(this.d.db, id);
    if (!row || row.status !== 'active') return undefined;
    const cutOff = row.sessions_valid_after ? Date.parse(row.sessions_valid_after) : 0;
    return startedAt !== undefined && startedAt < cutOff ? undefined : toStaffUser(row);
  }

  async list() {
    return q.listStaff(this.d.db);
  }

  async get(id: number): Promise<StaffUserRow> {
    const row = await q.findStaffById(this.d.db, id);
    if (!row) throw new NotFoundError();
    return row;
  }

  /** Scripted set-up (`npm run admin -- create-user`): an active account with a password. */
  async createUser(input: {
    email: string;
    name: string;
    role: StaffRole;
    password: string;
  }): Promise<number> {
    const email = normalizeEmail(input.email);
    const problem = passwordProblem(input.password, email);
    if (problem) throw new ValidationError({ password: problem });
    if (await q.findStaffByEmail(this.d.db, email))
      throw new ValidationError({ email: 'A staff account with this email already exists' });
    const now = this.d.clock.now().toISOString();
    return q.insertStaff(this.d.db, {
      email,
      name: input.name.trim(),
      role: input.role,
      status: 'active',
      password_hash: await hashPassword(input.password),
      created_at: now,
      updated_at: now,
      last_login_at: null,
    });
  }

  /** Invites a colleague: an `invited` account and an email with a 7-day set-password link. */
  async invite(
    actor: StaffUser,
    input: { email: string; name: string; role: StaffRole },
  ): Promise<number> {
    const email = normalizeEmail(input.email);
    if (await q.findStaffByEmail(this.d.db, email))
      throw new ValidationError({ email: 'A staff account with this email already exists' });
    const link = await this.composeLinkMail(actor, 'staff-invite', { ...input, email });
    const now = this.d.clock.now();
    return this.d.db.transaction().execute(async (trx) => {
      const id = await q.insertStaff(trx, {
        email,
        name: input.name.trim(),
        role: input.role,
        status: 'invited',
        password_hash: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        last_login_at: null,
      });
      await this.storeLinkMail(trx, link, id, now);
      await recordAudit(trx, {
        actorStaffId: actor.id,
        action: 'staff.invite',
        subjectType: 'staff',
        subjectId: id,
        details: { role: input.role },
        at: now,
      });
      return id;
    });
  }

  /** Sends a new set-password link (for an invitation that expired, or a forgotten password). */
  async sendPasswordLink(actor: StaffUser, id: number): Promise<void> {
    const row = await this.get(id);
    if (row.status === 'deactivated')
      throw new ValidationError({ status: 'Reactivate the account first' });
    const template = row.status === 'invited' ? 'staff-invite' : 'staff-password-reset';
    const link = await this.composeLinkMail(actor, template, row);
    const now = this.d.clock.now();
    await this.d.db.transaction().execute(async (trx) => {
      await voidLinks(trx, 'staff-set-password', id, now);
      await this.storeLinkMail(trx, link, id, now);
      await recordAudit(trx, {
        actorStaffId: actor.id,
        action: 'staff.send-password-link',
        subjectType: 'staff',
        subjectId: id,
        at: now,
      });
    });
  }

  /** A fresh set-password token and the email that carries it, rendered outside any transaction. */
  private async composeLinkMail(
    actor: StaffUser,
    template: 'staff-invite' | 'staff-password-reset',
    to: { email: string; name: string; role: StaffRole },
  ) {
    const { token, hash } = newToken();
    const mail = await this.d.mailer.compose({
      template,
      to: to.email,
      toName: to.name,
      language: 'en',
      data: {
        name: to.name,
        inviterName: actor.name,
        role: ROLE_LABELS[to.role],
        link: this.linkUrl(token),
        expiresInDays: INVITE_TTL / DAY,
      },
    });
    return { hash, mail };
  }

  private async storeLinkMail(
    trx: Kysely<Database>,
    link: Awaited<ReturnType<StaffService['composeLinkMail']>>,
    staffUserId: number,
    now: Date,
  ): Promise<void> {
    await insertLink(trx, {
      tokenHash: link.hash,
      purpose: 'staff-set-password',
      staffUserId,
      now,
      ttlMs: INVITE_TTL,
    });
    await this.d.mailer.enqueue(trx, { ...link.mail, staffUserId });
  }

  async changeRole(actor: StaffUser, id: number, role: StaffRole): Promise<void> {
    const row = await this.get(id);
    if (row.role === role) return;
    if (
      row.role === 'admin' &&
      row.status === 'active' &&
      (await q.countActiveAdmins(this.d.db)) <= 1
    )
      throw new ValidationError({ role: 'There must be at least one active admin' });
    const now = this.d.clock.now();
    await this.d.db.transaction().execute(async (trx) => {
      await q.updateStaff(trx, id, { role, updated_at: now.toISOString() });
      await recordAudit(trx, {
        actorStaffId: actor.id,
        action: 'staff.change-role',
        subjectType: 'staff',
        subjectId: id,
        details: { from: row.role, to: role },
        at: now,
      });
    });
  }

  async setActive(actor: StaffUser, id: number, active: boolean): Promise<void> {
    const row = await this.get(id);
    if (!active) {
      if (row.id === actor.id)
        throw new ValidationError({ status: 'You cannot deactivate your own account' });
      if (
        row.role === 'admin' &&
        row.status === 'active' &&
        (await q.countActiveAdmins(this.d.db)) <= 1
      )
        throw new ValidationError({ status: 'There must be at least one active admin' });
    }
    const status = active ? (row.password_hash ? 'active' : 'invited') : 'deactivated';
    const now = this.d.clock.now();
    await this.d.db.transaction().execute(async (trx) => {
      await q.updateStaff(trx, id, {
        status,
        updated_at: now.toISOString(),
        ...(active ? {} : { sessions_valid_after: now.toISOString() }),
      });
      if (!active) {
        await voidLinks(trx, 'staff-set-password', id, now);
        await deleteSessionsOfStaff(trx, id);
      }
      await recordAudit(trx, {
        actorStaffId: actor.id,
        action: active ? 'staff.reactivate' : 'staff.deactivate',
        subjectType: 'staff',
        subjectId: id,
        at: now,
      });
    });
  }

  /** See credentials.ts: throttled like a login; ends the account's other sessions. */
  async changePassword(user: StaffUser, current: string, next: string, from: PasswordChangeFrom) {
    return changePassword(this.d, user, { current, next }, from);
  }

  // ---- Set-password links: the invitation link and the first-admin link printed at start ----

  linkUrl(token: string): string {
    return `${this.d.config.baseUrl}/set-password/${token}`;
  }

  /** Creates the console link for the first admin when there is no staff account yet. */
  async firstAdminLink(): Promise<string | undefined> {
    if ((await q.countStaff(this.d.db)) > 0) return undefined;
    const { token, hash } = newToken();
    const now = this.d.clock.now();
    await this.d.db.transaction().execute(async (trx) => {
      await voidLinks(trx, 'first-admin', null, now);
      await insertLink(trx, {
        tokenHash: hash,
        purpose: 'first-admin',
        staffUserId: null,
        now,
        ttlMs: FIRST_ADMIN_TTL,
      });
    });
    return this.linkUrl(token);
  }

  /** What a valid link is for, or undefined when it is unknown, used or expired. */
  async inspectLink(
    tokenHash: string,
  ): Promise<{ purpose: LinkPurpose; staff?: StaffUserRow } | undefined> {
    const link = await findUsableLink(
      this.d.db,
      tokenHash,
      ['staff-set-password', 'first-admin'],
      this.d.clock.now(),
    );
    if (!link) return undefined;
    if (link.purpose === 'first-admin') {
      if ((await q.countStaff(this.d.db)) > 0) return undefined;
      return { purpose: 'first-admin' };
    }
    const staff = link.staff_user_id
      ? await q.findStaffById(this.d.db, link.staff_user_id)
      : undefined;
    if (!staff || staff.status === 'deactivated') return undefined;
    return { purpose: 'staff-set-password', staff };
  }

  /**
   * Redeems a set-password link (atomically, once) and sets the password; for the first-admin
   * link, creates the admin account. Returns the person, now active, to log in.
   */
  async completeLink(
    token: string | { hash: string },
    input: { password: string; name?: string; email?: string },
  ): Promise<StaffUser | undefined> {
    const hash = typeof token === 'string' ? hashToken(token) : token.hash;
    const info = await this.inspectLink(hash);
    if (!info) return undefined;
    const email = info.staff?.email ?? normalizeEmail(input.email ?? '');
    const problem = passwordProblem(input.password, email);
    if (problem) throw new ValidationError({ password: problem });
    const passwordHash = await hashPassword(input.password);
    const now = this.d.clock.now();
    const id = await this.d.db.transaction().execute(async (trx) => {
      if (!(await redeemLink(trx, hash, now))) return undefined;
      if (info.purpose === 'first-admin') {
        if ((await q.countStaff(trx)) > 0) throw new ForbiddenError();
        const newId = await q.insertStaff(trx, {
          email,
          name: (input.name ?? '').trim(),
          role: 'admin',
          status: 'active',
          password_hash: passwordHash,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
          last_login_at: now.toISOString(),
        });
        await recordAudit(trx, {
          actorStaffId: newId,
          action: 'staff.first-admin',
          subjectType: 'staff',
          subjectId: newId,
          at: now,
        });
        return newId;
      }
      const staffId = info.staff!.id;
      await q.updateStaff(trx, staffId, {
        password_hash: passwordHash,
        status: 'active',
        updated_at: now.toISOString(),
        last_login_at: now.toISOString(),
        sessions_valid_after: now.toISOString(),
      });
      // A reset is often because the password leaked: every session of the account ends
      // (the browser that used the link gets a fresh one when it is logged in).
      await deleteSessionsOfStaff(trx, staffId);
      return staffId;
    });
    return id === undefined ? undefined : this.findActive(id);
  }
}
