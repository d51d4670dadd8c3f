import { DateTime } from 'luxon';
import type { Clock } from '../clock';
import type { DB } from '../db/database';
import type { StaffRole } from '../db/schema';
import { countByStatus } from '../mail/outbox.queries';
import { countCallList } from '../participants/call-list/call-list.queries';
import { countPoolByStatus } from '../participants/pool/pool.queries';
import { parsePoolQuery, poolCriteria, poolQuerySchema } from '../participants/pool/pool.schema';
import { poolHref } from '../participants/pool/pool.view';
import type { ReferenceData } from '../reference/reference.queries';
import {
  unansweredInvitations,
  upcomingSessions,
  type UpcomingSession,
} from '../studies/overview.queries';
import { callsToMake } from '../studies/reminders/reminders.queries';

/*
 * The figures on the staff home. Each one is asked of the feature that owns its table, with the
 * same filter as the page it links to (the Pool's own query string, the call list's own
 * criteria, the Mail log's status), so the number and the list behind the link agree.
 */

/** Statuses that make up the pool (deleted people are no longer in it). */
export const POOL_STATUSES = ['pending', 'active', 'paused', 'withdrawn'] as const;
export type PoolStatus = (typeof POOL_STATUSES)[number];

/** "This week" is the last 7 days, today included, as whole days in the city's time zone. */
export const SIGN_UP_DAYS = 7;

export const MAIL_LOG_PATH = '/staff/mail';
export const CALL_LIST_PATH = '/staff/participants/call-list';

/** The staff home lists the sessions of the next two weeks. */
export const UPCOMING_DAYS = 14;

export const REMINDER_CALLS_PATH = '/staff/reminder-calls';
export const studyPath = (id: number) => `/staff/studies/${id}`;
export const rosterPath = (studyId: number, id: number) =>
  `/staff/studies/${studyId}/sessions/${id}/roster`;
export const sessionPath = (studyId: number, id: number) =>
  `/staff/studies/${studyId}/sessions/${id}`;

export interface Figure {
  count: number;
  href: string;
}

export interface Dashboard {
  pool?: { byStatus: Record<PoolStatus, Figure>; href: string };
  signUps?: { since: string; total: Figure; pending: Figure };
  mail?: { failed: Figure; href: string };
  callList?: { waiting: Figure };
  /** Sessions of the next UPCOMING_DAYS days, each with the page that opens it. */
  upcoming?: (UpcomingSession & { href: string })[];
  /** Things waiting for someone: unanswered invitations per study, waitlists per session. */
  todo?: {
    unanswered: (Figure & { study: string })[];
    waitlists: (Figure & { session: UpcomingSession })[];
    /** Reminder and cancellation calls due (a facilitator: for the sessions they run). */
    calls: Figure;
  };
}

/** Whether the signed-in person may open pages guarded by requireRole(...roles). */
export type MayOpen = (...roles: StaffRole[]) => boolean;

export interface DashboardDeps {
  db: DB;
  ref: ReferenceData;
  clock: Clock;
  cityTimeZone: string;
}

export class DashboardService {
  private readonly poolSchema;

  constructor(private readonly d: DashboardDeps) {
    this.poolSchema = poolQuerySchema(d.ref);
  }

  /**
   * Only the figures whose pages this person may open (the roles their routes require). A
   * facilitator (`staffId` given) sees the sessions they run and their reminder calls.
   */
  async figures(may: MayOpen, staffId: number): Promise<Dashboard> {
    if (!may('organizer')) {
      if (!may('facilitator')) return {};
      const [upcoming, calls] = await Promise.all([
        this.upcoming(staffId, rosterPath),
        this.reminderCalls(staffId),
      ]);
      return { upcoming, todo: { unanswered: [], waitlists: [], calls } };
    }
    // The pool, the call list and the Mail log all require organizer (admins pass every check).
    const [pool, signUps, mail, callList, upcoming, unanswered, calls] = await Promise.all([
      this.pool(),
      this.signUps(),
      this.mail(),
      this.callList(),
      this.upcoming(null, sessionPath),
      unansweredInvitations(this.d.db),
      this.reminderCalls(null),
    ]);
    const todo = {
      unanswered: unanswered.map((u) => ({
        count: u.n,
        href: studyPath(u.study_id),
        study: u.study_title,
      })),
      waitlists: upcoming
        .filter((s) => s.waitlisted > 0)
        .map((s) => ({ count: s.waitlisted, href: sessionPath(s.study_id, s.id), session: s })),
      calls,
    };
    return { pool, signUps, mail, callList, upcoming, todo };
  }

  private async upcoming(
    staffId: number | null,
    href: (studyId: number, id: number) => string,
  ): Promise<NonNullable<Dashboard['upcoming']>> {
    const now = this.d.clock.now();
    const to = new Date(now.getTime() + UPCOMING_DAYS * 86_400_000);
    const rows = await upcomingSessions(this.d.db, now.toISOString(), to.toISOString(), staffId);
    return rows.map((s) => ({ ...s, href: href(s.study_id, s.id) }));
  }

  /** Reminder calls due now: the count the calls page lists for this person. */
  private async reminderCalls(facilitatorId: number | null): Promise<Figure> {
    const rows = await callsToMake(this.d.db, this.d.clock.now().toISOString(), facilitatorId);
    return { count: rows.length, href: REMINDER_CALLS_PATH };
  }

  /** A Pool filter given as its query string: its count by status and its link. */
  private async poolFigure(query: Record<string, string>) {
    const filter = parsePoolQuery(this.poolSchema, query);
    const counts = await countPoolByStatus(this.d.db, poolCriteria(filter, this.d.cityTimeZone));
    return { counts, href: (more: Record<string, string> = {}) => this.poolLink(query, more) };
  }

  private poolLink(query: Record<string, string>, more: Record<string, string>): string {
    return poolHref(parsePoolQuery(this.poolSchema, { ...query, ...more }));
  }

  private async pool(): Promise<Dashboard['pool']> {
    const { counts, href } = await this.poolFigure({});
    const byStatus = Object.fromEntries(
      POOL_STATUSES.map((s) => [s, { count: counts[s] ?? 0, href: href({ status: s }) }]),
    ) as Record<PoolStatus, Figure>;
    return { byStatus, href: href() };
  }

  private async signUps(): Promise<Dashboard['signUps']> {
    const since = DateTime.fromJSDate(this.d.clock.now())
      .setZone(this.d.cityTimeZone)
      .startOf('day')
      .minus({ days: SIGN_UP_DAYS - 1 })
      .toISODate()!;
    const { counts, href } = await this.poolFigure({ createdFrom: since });
    // Deleted people are not in the pool, so not in its count either.
    const total = POOL_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);
    return {
      since,
      total: { count: total, href: href() },
      pending: { count: counts.pending ?? 0, href: href({ status: 'pending' }) },
    };
  }

  private async mail(): Promise<Dashboard['mail']> {
    const counts = await countByStatus(this.d.db);
    return {
      failed: { count: counts.failed ?? 0, href: `${MAIL_LOG_PATH}?status=failed` },
      href: MAIL_LOG_PATH,
    };
  }

  private async callList(): Promise<Dashboard['callList']> {
    // The call list page with no filter: the same criteria, asked of the same query.
    const count = await countCallList(this.d.db, {}, this.d.clock.now());
    return { waiting: { count, href: CALL_LIST_PATH } };
  }
}
