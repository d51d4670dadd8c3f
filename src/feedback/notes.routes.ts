import { Router, type Request } from 'express';
import { z } from 'zod';
import type { ReferenceData } from '../reference/reference.queries';
import { sessionHeading } from '../studies/attendance/attendance.view';
import { isFrozen } from '../studies/study.rules';
import { requireRole } from '../web/auth';
import { flash } from '../web/flash';
import { handleForm, inFieldOrder, showForm, type FormPage } from '../web/forms';
import { idFrom } from '../web/params';
import { NOTE_FIELDS, noteSchema } from './notes.schema';
import type { NotesService } from './notes.service';
import { nextNoteValues, noteCards, noteOptions, noteValues } from './notes.view';
import type { ThemeService } from './themes.service';

export interface NotesRoutesDeps {
  notes: NotesService;
  themes: ThemeService;
  ref: ReferenceData;
  cityTimeZone: string;
}

const BASE = '/staff/studies/:id/sessions/:sessionId/notes';
const base = (req: Request) =>
  `/staff/studies/${idFrom(req.params.id)}/sessions/${idFrom(req.params.sessionId)}`;

/**
 * A session's coded notes, for its facilitator and note-taker (and organizers): one form that
 * stays open after each save, the notes below it; edit and delete for the author or organizers.
 */
export function notesRoutes(d: NotesRoutesDeps): Router {
  const r = Router();
  const team = requireRole('organizer', 'facilitator');
  const schema = noteSchema(d.ref);
  const sessionOf = (req: Request) =>
    d.notes.session(idFrom(req.params.id), idFrom(req.params.sessionId), req.user!);

  /** The form's options and the session's heading, shared by both pages. */
  const common = async (req: Request) => {
    const s = await sessionOf(req);
    const [themes, n] = await Promise.all([d.themes.choices(), d.notes.pseudonymCount(s)]);
    return {
      s,
      base: base(req),
      heading: sessionHeading(s, d.ref, d.cityTimeZone),
      frozen: isFrozen(s.study_status),
      opts: noteOptions(d.ref, themes, n),
    };
  };

  const notesPage: FormPage = async (req, res, { values, errors }) => {
    const c = await common(req);
    const notes = await d.notes.notes(c.s);
    res.render('feedback/notes', {
      ...c,
      values: values ?? nextNoteValues(await d.notes.lastCodes(c.s, req.user!)),
      errors: inFieldOrder(errors, NOTE_FIELDS),
      notes: noteCards(notes, d.ref, req.user!, d.cityTimeZone),
      draftKey: `cp-note-draft-${req.user!.id}-${c.s.id}`,
    });
  };

  const editPage: FormPage = async (req, res, { values, errors }) => {
    const c = await common(req);
    const note = await d.notes.changeable(c.s, idFrom(req.params.noteId), req.user!);
    res.render('feedback/edit', {
      ...c,
      note,
      values: values ?? noteValues(note),
      errors: inFieldOrder(errors, NOTE_FIELDS),
    });
  };

  r.get(BASE, ...team, showForm(notesPage));

  r.post(
    BASE,
    ...team,
    handleForm(schema, notesPage, async (req, res, input) => {
      const s = await sessionOf(req);
      const id = await d.notes.create(s, { ...input, body: input.body! }, req.user!);
      flash(req, 'success', 'Note saved.');
      res.redirect(303, `${base(req)}/notes?saved=${id}#note-form`);
    }),
  );

  r.get(`${BASE}/:noteId/edit`, ...team, showForm(editPage));

  r.post(
    `${BASE}/:noteId/edit`,
    ...team,
    handleForm(schema, editPage, async (req, res, input) => {
      const s = await sessionOf(req);
      const id = idFrom(req.params.noteId);
      await d.notes.update(s, id, { ...input, body: input.body! }, req.user!);
      flash(req, 'success', 'Note updated.');
      res.redirect(303, `${base(req)}/notes#note-${id}`);
    }),
  );

  // A button: nothing but the URL to act on (a refusal comes back on the notes page).
  r.post(
    `${BASE}/:noteId/delete`,
    ...team,
    handleForm(z.object({}), notesPage, async (req, res) => {
      const s = await sessionOf(req);
      const gone = await d.notes.remove(s, idFrom(req.params.noteId), req.user!);
      flash(
        req,
        gone ? 'success' : 'info',
        gone ? 'Note deleted.' : 'That note was already deleted.',
      );
      res.redirect(303, `${base(req)}/notes`);
    }),
  );

  return r;
}
