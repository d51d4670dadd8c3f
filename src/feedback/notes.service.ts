import { recordAudit } from '../audit/audit.queries';
import type { Clock } from '../clock';
import type { DB } from '../db/database';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { RosterSession } from '../studies/attendance/attendance.queries';
import type { AttendanceService, Viewer } from '../studies/attendance/attendance.service';
import { isFrozen } from '../studies/study.rules';
import type { NoteInput } from './notes.schema';
import {
  deleteNote,
  insertNote,
  lastCodesOf,
  noteOfSession,
  notesOfSession,
  setNoteThemes,
  themesOfNotes,
  updateNote,
} from './notes.queries';
import { isPseudonymWithin, pseudonymLabels } from './pseudonym.rules';
import { existingThemeIds, isForeignKeyViolation } from './themes.queries';
import type { ThemeService } from './themes.service';

export interface NotesDeps {
  db: DB;
  clock: Clock;
  /** The studies feature: which sessions a staff member may see, and their rosters. */
  attendance: Pick<AttendanceService, 'session' | 'roster'>;
  themes: ThemeService;
}

/** Organizers and admins may change anyone's notes; others only their own. */
export const canChange = (viewer: Viewer, note: { author_staff_id: number | null }) =>
  viewer.role === 'admin' || viewer.role === 'organizer' || note.author_staff_id === viewer.id;

/**
 * Coded notes of a session, for the staff who may see the session (the studies feature's rule:
 * its facilitator and note-taker, organizers and admins).
 */
export class NotesService {
  constructor(private readonly d: NotesDeps) {}

  session(studyId: number, sessionId: number, viewer: Viewer): Promise<RosterSession> {
    return this.d.attendance.session(studyId, sessionId, viewer);
  }

  /** How many pseudonyms the session has: the people on its roster who held a seat or came. */
  async pseudonymCount(s: RosterSession): Promise<number> {
    return pseudonymLabels(await this.d.attendance.roster(s)).size;
  }

  /** The session's notes, newest first, each with its themes. */
  async notes(s: RosterSession) {
    const notes = await notesOfSession(this.d.db, s.id);
    const themes = await themesOfNotes(
      this.d.db,
      notes.map((n) => n.id),
    );
    return notes.map((n) => ({ ...n, themes: themes.filter((t) => t.note_id === n.id) }));
  }

  /** The codes of the viewer's latest note at this session, for the next one. */
  lastCodes(s: RosterSession, viewer: Viewer) {
    return lastCodesOf(this.d.db, s.id, viewer.id);
  }

  /** A note of this session that the viewer may change (or 404 / 403). */
  async changeable(s: RosterSession, noteId: number, viewer: Viewer) {
    const note = await noteOfSession(this.d.db, s.id, noteId);
    if (!note) throw new NotFoundError();
    if (!canChange(viewer, note)) throw new ForbiddenError();
    const themes = await themesOfNotes(this.d.db, [note.id]);
    return { ...note, themes: themes.map((t) => t.id) };
  }

  async create(s: RosterSession, input: NoteInput, viewer: Viewer): Promise<number> {
    await this.check(s, input);
    const now = this.d.clock.now();
    const at = now.toISOString();
    return this.d.db
      .transaction()
      .execute(async (trx) => {
        const themes = await this.themeIds(trx, input, viewer, now);
        const id = await insertNote(trx, {
          session_id: s.id,
          author_staff_id: viewer.id,
          ...codes(input),
          created_at: at,
          updated_at: at,
        });
        await setNoteThemes(trx, id, themes);
        return id;
      })
      .catch(unlessThemeGone);
  }

  async update(s: RosterSession, noteId: number, input: NoteInput, viewer: Viewer) {
    await this.changeable(s, noteId, viewer);
    await this.check(s, input);
    const now = this.d.clock.now();
    await this.d.db
      .transaction()
      .execute(async (trx) => {
        const themes = await this.themeIds(trx, input, viewer, now);
        await updateNote(trx, noteId, { ...codes(input), updated_at: now.toISOString() });
        await setNoteThemes(trx, noteId, themes);
      })
      .catch(unlessThemeGone);
  }

  /** Deletes a note; false when it was already gone. */
  async remove(s: RosterSession, noteId: number, viewer: Viewer): Promise<boolean> {
    const note = await noteOfSession(this.d.db, s.id, noteId);
    if (!note) return false;
    if (!canChange(viewer, note)) throw new ForbiddenError();
    this.assertWritable(s, 'notes');
    const now = this.d.clock.now();
    return this.d.db.transaction().execute(async (trx) => {
      const gone = await deleteNote(trx, noteId);
      if (gone)
        await recordAudit(trx, {
          actorStaffId: viewer.id,
          action: 'session_note.delete',
          subjectType: 'session',
          subjectId: s.id,
          details: { noteId, author: note.author_staff_id },
          at: now,
        });
      return gone;
    });
  }

  /** The rules the schema cannot see: an archived study, the roster's size. */
  private async check(s: RosterSession, input: NoteInput) {
    this.assertWritable(s, 'body');
    const errors: Record<string, string> = {};
    if (input.pseudonym !== null) {
      const n = await this.pseudonymCount(s);
      if (!isPseudonymWithin(input.pseudonym, n))
        errors.pseudonym = n
          ? `Choose a participant between P1 and P${n}, or leave it blank`
          : 'No one is on this session’s roster yet: leave the participant blank';
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
  }

  private assertWritable(s: RosterSession, field: string) {
    if (isFrozen(s.study_status))
      throw new ValidationError({
        [field]: 'This study is archived: its notes can no longer change',
      });
  }

  /**
   * The note's themes, checked inside its transaction (a merge may have removed one since the
   * page was shown), with the one it proposes.
   */
  private async themeIds(trx: DB, input: NoteInput, viewer: Viewer, at: Date) {
    const known = await existingThemeIds(trx, input.themes);
    if (known.length !== input.themes.length) throw new ValidationError({ themes: THEME_GONE });
    const out = [...input.themes];
    if (input.newTheme)
      out.push(await this.d.themes.findOrPropose(trx, input.newTheme, viewer.id, at));
    return [...new Set(out)];
  }
}

const THEME_GONE = 'A theme you ticked no longer exists (it may have been merged): tick again';

/**
 * A theme merged away between the check and the insert (PostgreSQL's concurrent writers: the
 * merge holds the theme's row, the tag's foreign key waits for it, then fails): the same
 * message as the check's, not a 500.
 */
function unlessThemeGone(err: unknown): never {
  if (isForeignKeyViolation(err)) throw new ValidationError({ themes: THEME_GONE });
  throw err;
}

/** The stored columns of a note's text and codes. */
function codes(input: NoteInput) {
  return {
    body: input.body,
    service: input.service,
    stage: input.stage,
    driver: input.driver,
    sentiment: input.sentiment,
    is_quote: input.isQuote ? 1 : 0,
    pseudonym: input.pseudonym,
  };
}
