import { DateTime } from 'luxon';
import type { ReferenceData } from '../reference/reference.queries';
import { formatCityTime } from '../studies/city-time';
import type { Dashboard, Figure } from './dashboard.service';

/*
 * View model of the staff home: each figure becomes a link whose text says what it counts
 * ("12 pending confirmations"), read the same by eye and by screen reader.
 */

export interface FigureLink {
  count: string;
  label: string;
  href: string;
}

export interface Tile {
  id: string;
  heading: string;
  lead?: string;
  figures: FigureLink[];
  more?: { href: string; label: string };
}

const number = (n: number) => n.toLocaleString('en-US');

function figure(f: Figure, one: string, many: string): FigureLink {
  return { count: number(f.count), label: f.count === 1 ? one : many, href: f.href };
}

export function dashboardTiles(d: Dashboard, cityTimeZone: string): Tile[] {
  const tiles: Tile[] = [];
  if (d.pool) {
    const s = d.pool.byStatus;
    tiles.push({
      id: 'pool',
      heading: 'Participant pool',
      figures: [
        figure(s.active, 'active participant', 'active participants'),
        figure(s.pending, 'pending participant', 'pending participants'),
        figure(s.paused, 'paused participant', 'paused participants'),
        figure(s.withdrawn, 'withdrawn participant', 'withdrawn participants'),
      ],
      more: { href: d.pool.href, label: 'Open the participant pool' },
    });
  }
  if (d.signUps) {
    const since = DateTime.fromISO(d.signUps.since, { zone: cityTimeZone }).toLocaleString(
      { weekday: 'long', month: 'long', day: 'numeric' },
      { locale: 'en-US' },
    );
    tiles.push({
      id: 'sign-ups',
      heading: 'Sign-ups this week',
      lead: `The last 7 days, since ${since}.`,
      figures: [
        figure(d.signUps.total, 'sign-up in the last 7 days', 'sign-ups in the last 7 days'),
        figure(d.signUps.pending, 'pending confirmation', 'pending confirmations'),
      ],
    });
  }
  if (d.callList) {
    tiles.push({
      id: 'call-list',
      heading: 'Call list',
      figures: [
        figure(
          d.callList.waiting,
          'person waiting on the call list',
          'people waiting on the call list',
        ),
      ],
    });
  }
  if (d.todo) {
    const { unanswered, waitlists, calls } = d.todo;
    tiles.push({
      id: 'todo',
      heading: 'What needs doing',
      figures: [
        figure(calls, 'reminder call to make', 'reminder calls to make'),
        ...unanswered.map((u) =>
          figure(u, `invitation not answered: ${u.study}`, `invitations not answered: ${u.study}`),
        ),
        ...waitlists.map((w) => {
          const where = `${w.session.study_title}, ${formatCityTime(w.session.starts_at, cityTimeZone)}`;
          return figure(w, `person on the waitlist: ${where}`, `people on the waitlist: ${where}`);
        }),
      ],
    });
  }
  if (d.mail) {
    tiles.push({
      id: 'mail',
      heading: 'Mail',
      figures: [figure(d.mail.failed, 'failed message', 'failed messages')],
      more: { href: d.mail.href, label: 'Open the Mail log' },
    });
  }
  return tiles;
}

export interface UpcomingRow {
  when: string;
  study: string;
  language: string;
  seats: string;
  waitlisted: number;
  href: string;
}

/** The upcoming sessions table: seats as "taken of capacity (+ extra)". */
export function upcomingRows(
  d: Dashboard,
  cityTimeZone: string,
  ref: ReferenceData,
): UpcomingRow[] {
  return (d.upcoming ?? []).map((s) => ({
    when: formatCityTime(s.starts_at, cityTimeZone),
    study: s.study_title,
    language: ref.languages.find((l) => l.code === s.language)?.english_name ?? s.language,
    seats: `${s.seats_taken} of ${s.capacity}${s.extra_seats ? ` + ${s.extra_seats} extra` : ''}`,
    waitlisted: s.waitlisted,
    href: s.href,
  }));
}

/** Pages a tile already leads to: the home's plain links leave them out. */
export function tileHrefs(d: Dashboard): Set<string> {
  const hrefs = new Set<string>();
  if (d.pool) hrefs.add(d.pool.href);
  if (d.callList) hrefs.add(d.callList.waiting.href);
  if (d.mail) hrefs.add(d.mail.href);
  if (d.todo) hrefs.add(d.todo.calls.href);
  return hrefs;
}
