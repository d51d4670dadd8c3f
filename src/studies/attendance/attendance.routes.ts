import { Router, type Request } from 'express';
import type { ReferenceData } from '../../reference/reference.queries';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, inFieldOrder, showForm, type FormPage } from '../../web/forms';
import { idFrom } from '../../web/params';
import type { IncentiveService } from '../incentives/incentives.service';
import { ROSTER_FIELDS } from '../incentives/incentives.schema';
import { LOCALES } from '../../i18n/i18n';
import { formatPhone } from '../../participants/profile/profile.schema';
import {
  NEW_WALK_IN_FIELDS,
  checkInSchema,
  newWalkInValidator,
  walkInSchema,
  walkInSearch,
} from './attendance.schema';
import type { AttendanceService } from './attendance.service';
import type { WalkInService } from './walk-in.service';
import { rosterView, sessionHeading, signInSheet } from './attendance.view';

export interface AttendanceRoutesDeps {
  attendance: AttendanceService;
  walkIns: WalkInService;
  incentives: IncentiveService;
  ref: ReferenceData;
  cityTimeZone: string;
}

const BASE = '/staff/studies/:id/sessions/:sessionId';
const base = (req: Request) =>
  `/staff/studies/${idFrom(req.params.id)}/sessions/${idFrom(req.params.sessionId)}`;

const DONE: Record<string, string> = {
  attended: 'is checked in as attended',
  no_show: 'is recorded as a no-show',
  late_cancellation: 'is recorded as a late cancellation',
  undo: 'is back to how they were before check-in',
};

/** The roster with its check-in and incentive forms (their problems come back here). */
export function rosterPageOf(d: AttendanceRoutesDeps): FormPage {
  return async (req, res, { values, errors }) => {
    const s = await d.attendance.session(
      idFrom(req.params.id),
      idFrom(req.params.sessionId),
      req.user!,
    );
    const rows = await d.attendance.roster(s);
    res.render('studies/attendance/roster', {
      s,
      base: base(req),
      heading: sessionHeading(s, d.ref, d.cityTimeZone),
      roster: rosterView(s, rows, d.ref),
      closed: d.attendance.closedReason(s),
      canManage: req.user!.role === 'admin' || req.user!.role === 'organizer',
      today: d.incentives.today(),
      values: values ?? {},
      errors: inFieldOrder(errors, ROSTER_FIELDS),
    });
  };
}

/**
 * The session itself, for its facilitator and note-taker (and organizers): My sessions, the
 * roster with its check-in buttons, the sign-in sheet and walk-ins.
 */
export function attendanceRoutes(d: AttendanceRoutesDeps): Router {
  const r = Router();
  const team = requireRole('organizer', 'facilitator');
  const zone = d.cityTimeZone;
  const sessionOf = (req: Request) =>
    d.attendance.session(idFrom(req.params.id), idFrom(req.params.sessionId), req.user!);

  r.get('/staff/my-sessions', ...team, async (req, res) => {
    const { upcoming, past } = await d.attendance.mySessions(req.user!.id);
    const item = (s: (typeof upcoming)[number]) => ({
      ...sessionHeading(s, d.ref, zone),
      href: `/staff/studies/${s.study_id}/sessions/${s.id}/roster`,
      notesHref: `/staff/studies/${s.study_id}/sessions/${s.id}/notes`,
      title: s.study_title,
      role: s.facilitator_id === req.user!.id ? 'Facilitator' : 'Note-taker',
      seats: `${s.seats_taken} of ${s.capacity}`,
      cancelled: s.status === 'cancelled',
    });
    res.render('studies/attendance/my-sessions', {
      upcoming: upcoming.map(item),
      past: past.map(item),
    });
  });

  const rosterPage = rosterPageOf(d);
  r.get(`${BASE}/roster`, ...team, showForm(rosterPage));

  r.post(
    `${BASE}/check-in`,
    ...team,
    handleForm(checkInSchema, rosterPage, async (req, res, input) => {
      const s = await sessionOf(req);
      const done =
        input.outcome === 'undo'
          ? await d.attendance.undo(s, input.registrationId, req.user!.id)
          : await d.attendance.record(s, input.registrationId, input.outcome, req.user!.id);
      flash(
        req,
        done.changed ? 'success' : 'info',
        done.changed
          ? `The person ${DONE[input.outcome]}.`
          : 'Nothing changed: it was already recorded.',
      );
      res.redirect(303, `${base(req)}/roster#r-${input.registrationId}`);
    }),
  );

  r.get(`${BASE}/sign-in-sheet`, ...team, async (req, res) => {
    const s = await sessionOf(req);
    res.render('studies/attendance/sign-in-sheet', {
      s,
      base: base(req),
      heading: sessionHeading(s, d.ref, zone),
      people: signInSheet(await d.attendance.roster(s), d.ref),
    });
  });

  /** Walk-ins: search the pool, or add someone new (both forms' problems come back here). */
  const walkInsPage: FormPage = async (req, res, { values, errors }) => {
    const s = await sessionOf(req);
    const q = walkInSearch(req.query);
    const found = await d.walkIns.find(q);
    res.render('studies/attendance/walk-ins', {
      s,
      base: base(req),
      heading: sessionHeading(s, d.ref, zone),
      closed: d.attendance.closedReason(s),
      q,
      found: found.map((p) => ({
        id: p.id,
        name: [p.first_name, p.last_name].filter(Boolean).join(' ') || 'No name given',
        email: p.email,
        phone: formatPhone(p.phone),
        status: p.status,
      })),
      languages: d.ref.languages.map((l) => ({ value: l.code, label: l.english_name })),
      consentLanguages: d.ref.languages
        .filter((l) => LOCALES.includes(l.code))
        .map((l) => ({ value: l.code, label: l.english_name })),
      values: values ?? {},
      errors: inFieldOrder(errors, NEW_WALK_IN_FIELDS),
    });
  };
  r.get(`${BASE}/walk-ins`, ...team, showForm(walkInsPage));

  r.post(
    `${BASE}/walk-ins`,
    ...team,
    handleForm(walkInSchema, walkInsPage, async (req, res, input) => {
      const s = await sessionOf(req);
      const done = await d.walkIns.fromPool(s, input.participantId, req.user!.id);
      flash(
        req,
        done.changed ? 'success' : 'info',
        done.changed
          ? `${done.name || 'The person'} is checked in as attended.`
          : `${done.name || 'The person'} was already checked in.`,
      );
      res.redirect(303, `${base(req)}/roster`);
    }),
  );

  r.post(
    `${BASE}/walk-ins/new`,
    ...team,
    handleForm(newWalkInValidator(d.ref), walkInsPage, async (req, res, input) => {
      const s = await sessionOf(req);
      await d.walkIns.newToPanel(s, input, req.user!.id);
      flash(req, 'success', `${input.firstName} joined the panel and is checked in as attended.`);
      res.redirect(303, `${base(req)}/roster`);
    }),
  );

  return r;
}
