import { Router } from 'express';
import type { Clock } from '../clock';
import type { DB } from '../db/database';
import type { ReferenceData } from '../reference/reference.queries';
import type { AttendanceService } from '../studies/attendance/attendance.service';
import { notesRoutes } from './notes.routes';
import { NotesService } from './notes.service';
import { themesRoutes } from './themes.routes';
import { ThemeService } from './themes.service';

export interface FeedbackFeatureDeps {
  db: DB;
  clock: Clock;
  ref: ReferenceData;
  cityTimeZone: string;
  /** The studies feature: who may see a session, and its roster (for pseudonyms). */
  attendance: Pick<AttendanceService, 'session' | 'roster'>;
}

/** The feedback feature's services, built once (the demo uses them too). */
export function feedbackServices(d: Pick<FeedbackFeatureDeps, 'db' | 'clock' | 'attendance'>) {
  const themes = new ThemeService(d);
  const notes = new NotesService({ ...d, themes });
  return { themes, notes };
}

/** Coded facilitator notes and the themes admins curate. */
export function feedbackFeature(d: FeedbackFeatureDeps) {
  const s = feedbackServices(d);
  const router = Router();
  router.use(notesRoutes({ ...s, ref: d.ref, cityTimeZone: d.cityTimeZone }), themesRoutes(s));
  return { ...s, router };
}
