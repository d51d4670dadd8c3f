import { Router, type Request, type RequestHandler, type Response } from 'express';
import { isLocale, translator } from '../../i18n/i18n';
import type { ReferenceData } from '../../reference/reference.queries';
import { requireRole } from '../../web/auth';
import { ValidationError, type FieldErrors } from '../../web/errors';
import { flash } from '../../web/flash';
import { keepTyped, parseForm, translateErrors } from '../../web/forms';
import type { ConsentService } from '../consent/consent.service';
import { PROFILE_FIELDS, profileSchema, validateProfile } from '../profile/profile.schema';
import { profileOptions, profileValues } from '../profile/profile.view';
import {
  STAFF_ENTRY_FIELDS,
  STATUS_LABELS,
  contactSchema,
  staffEntrySchema,
  statusSchema,
} from './record.schema';
import { DuplicateEmailError, type StaffParticipantService } from './record.service';
import { displayName, profileFacts, staffLabels, staffOptions } from './record.view';

export interface ParticipantRoutesDeps {
  staffParticipants: StaffParticipantService;
  consent: ConsentService;
  ref: ReferenceData;
}

type Values = Record<string, string | string[]>;

/** A participant id in the path: a positive integer, or this route does not apply (→ 404). */
const participantId: RequestHandler = (req, _res, next) => {
  const raw = String(req.params.id);
  next(/^[1-9]\d{0,14}$/.test(raw) ? undefined : 'route');
};
const idOf = (req: Request) => Number(req.params.id);

/** Organizers' pages for one participant, staff-assisted entry and the paper sign-up form. */
export function participantRoutes(d: ParticipantRoutesDeps): Router {
  const r = Router();
  const organizer = requireRole('organizer');
  const schema = profileSchema(d.ref);
  const opts = staffOptions(d.ref);
  const path = (id: number, rest = '') => `/staff/participants/${id}${rest}`;

  // ---- Staff-assisted entry (before /:id, which it would otherwise look like) ----

  const newPage = async (
    res: Response,
    values: Values,
    errors: FieldErrors,
    existingId?: number,
  ) => {
    const current = await d.consent.current();
    res.status(Object.keys(errors).length ? 400 : 200).render('participants/record/new', {
      values,
      errors,
      existingId,
      opts: profileOptions(res.locals.t, d.ref),
      staffOpts: opts,
      consent: { ...d.consent.textIn(current, 'en'), version: current.version },
    });
  };

  r.get('/staff/participants/new', ...organizer, (_req, res) => newPage(res, {}, {}));

  r.post('/staff/participants/new', ...organizer, async (req, res) => {
    const profile = validateProfile(schema, req.body);
    const entry = parseForm(staffEntrySchema, req.body);
    const typed = keepTyped(req.body);
    if (!profile.ok || !entry.ok) {
      const errors = {
        ...(profile.ok ? {} : translateErrors(profile.errors, res.locals.t)),
        ...(entry.ok ? {} : entry.errors),
      };
      return newPage(res, typed, inOrder(errors, [...PROFILE_FIELDS, ...STAFF_ENTRY_FIELDS]));
    }
    try {
      const id = await d.staffParticipants.create(profile.data, entry.data, req.user!.id);
      flash(
        req,
        'success',
        'Participant added to the panel as active, with their consent recorded.',
      );
      res.redirect(303, path(id));
    } catch (err) {
      if (err instanceof DuplicateEmailError)
        return newPage(res, typed, err.fields, err.existingId);
      throw err;
    }
  });

  // ---- Paper sign-up form, in a resident language (the page itself is not staff English) ----

  r.get('/staff/participants/paper-form', ...organizer, async (req, res) => {
    const lang = isLocale(req.query.lang) ? req.query.lang : 'en';
    const t = translator(lang, res.locals.cityNames);
    const current = await d.consent.current();
    // These locals override the staff English of res.locals for this render only.
    res.render('participants/record/paper-form', {
      lang,
      t,
      dir: t('meta.dir'),
      values: {},
      errors: {},
      opts: profileOptions(t, d.ref),
      consent: { ...d.consent.textIn(current, lang), version: current.version },
      paperForms: opts.paperForms,
    });
  });

  // ---- One participant ----

  const showPage = async (
    req: Request,
    res: Response,
    errors: FieldErrors = {},
    typed: Values = {},
  ) => {
    const rec = await d.staffParticipants.record(idOf(req), req.user!.id);
    const p = rec.participant;
    res.status(Object.keys(errors).length ? 400 : 200).render('participants/record/show', {
      title: displayName(p),
      person: p,
      deleted: p.status === 'deleted',
      facts: rec.choices ? profileFacts(p, rec.choices, res.locals.t, d.ref) : [],
      consentHistory: rec.consent.map((e) => ({
        ...e,
        languageName: staffLabels.language(d.ref, e.language),
      })),
      contacts: rec.contacts,
      mail: rec.mail,
      labels: staffLabels,
      staffOpts: opts,
      errors,
      statusValue: typed.status ?? (p.status === 'pending' ? '' : p.status),
      monthsValue: typed.months ?? '',
      contactValues: 'channel' in typed || 'outcome' in typed || 'note' in typed ? typed : {},
    });
  };

  r.get('/staff/participants/:id', participantId, ...organizer, (req, res) => showPage(req, res));

  const editPage = async (
    req: Request,
    res: Response,
    values?: Values,
    errors: FieldErrors = {},
  ) => {
    const { participant, choices } = await d.staffParticipants.forEdit(idOf(req));
    res.status(Object.keys(errors).length ? 400 : 200).render('participants/record/edit', {
      person: participant,
      name: displayName(participant),
      values: values ?? profileValues(participant, choices),
      errors,
      opts: profileOptions(res.locals.t, d.ref),
    });
  };

  r.get('/staff/participants/:id/edit', participantId, ...organizer, (req, res) =>
    editPage(req, res),
  );

  r.post('/staff/participants/:id/edit', participantId, ...organizer, async (req, res) => {
    const form = validateProfile(schema, req.body);
    if (!form.ok)
      return editPage(req, res, keepTyped(req.body), translateErrors(form.errors, res.locals.t));
    try {
      await d.staffParticipants.update(
        idOf(req),
        form.data,
        req.body.recordingConsent === 'yes',
        req.user!.id,
      );
    } catch (err) {
      if (err instanceof ValidationError)
        return editPage(req, res, keepTyped(req.body), translateErrors(err.fields, res.locals.t));
      throw err;
    }
    flash(req, 'success', 'Changes saved.');
    res.redirect(303, path(idOf(req)));
  });

  r.post('/staff/participants/:id/status', participantId, ...organizer, async (req, res) => {
    const form = parseForm(statusSchema, req.body);
    if (!form.ok) return showPage(req, res, form.errors, keepTyped(req.body));
    try {
      const changed = await d.staffParticipants.setStatus(idOf(req), form.data, req.user!.id);
      flash(
        req,
        changed ? 'success' : 'info',
        changed
          ? `Status changed to ${STATUS_LABELS[form.data.status]}.`
          : `Status was already ${STATUS_LABELS[form.data.status]}.`,
      );
    } catch (err) {
      if (err instanceof ValidationError)
        return showPage(req, res, err.fields, keepTyped(req.body));
      throw err;
    }
    res.redirect(303, path(idOf(req)));
  });

  r.post('/staff/participants/:id/contacts', participantId, ...organizer, async (req, res) => {
    const form = parseForm(contactSchema, req.body);
    if (!form.ok) return showPage(req, res, form.errors, keepTyped(req.body));
    const { withdrawn } = await d.staffParticipants.recordContact(
      idOf(req),
      form.data,
      req.user!.id,
    );
    flash(
      req,
      'success',
      withdrawn
        ? 'Contact recorded. They asked not to be contacted, so they have been withdrawn from the panel.'
        : 'Contact recorded.',
    );
    res.redirect(303, `${path(idOf(req))}#contact-log`);
  });

  r.get('/staff/participants/:id/delete', participantId, ...organizer, async (req, res) => {
    const person = await d.staffParticipants.live(idOf(req));
    res.render('participants/record/delete', { person, name: displayName(person) });
  });

  r.post('/staff/participants/:id/delete', participantId, ...organizer, async (req, res) => {
    // The button carries confirm=yes: a bare POST (a stray resubmit) only leads back to the question.
    if (req.body?.confirm !== 'yes') return res.redirect(303, path(idOf(req), '/delete'));
    await d.staffParticipants.delete(idOf(req), req.user!.id);
    flash(req, 'success', 'Their information has been deleted.');
    res.redirect(303, path(idOf(req)));
  });

  return r;
}

/** Errors in the order their fields appear on the page (the error summary follows it). */
function inOrder(errors: FieldErrors, order: readonly string[]): FieldErrors {
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}
