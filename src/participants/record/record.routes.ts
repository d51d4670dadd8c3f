import { Router, type Request } from 'express';
import type { ReferenceData } from '../../reference/reference.queries';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, showForm, type FormPage } from '../../web/forms';
import { idFrom } from '../../web/params';
import { profileSchema, validateProfile } from '../profile/profile.schema';
import { profileOptions, profileValues } from '../profile/profile.view';
import { STATUS_LABELS, contactSchema, statusSchema } from './record.schema';
import type { RecordService } from './record.service';
import { displayName, profileFacts, staffLabels, staffOptions } from './record.view';
import { OUTCOME_LABELS } from '../../studies/invitations/invitation.rules';

export interface RecordRoutesDeps {
  records: RecordService;
  ref: ReferenceData;
}

const idOf = (req: Request) => idFrom(req.params.id);
const path = (req: Request, rest = '') => `/staff/participants/${idOf(req)}${rest}`;
const CONTACT_FIELDS = ['channel', 'outcome', 'note'];

/** Organizers' pages for one participant: the record, edit, status, contact log, deletion. */
export function recordRoutes(d: RecordRoutesDeps): Router {
  const r = Router();
  const organizer = requireRole('organizer');
  const schema = profileSchema(d.ref);
  const opts = staffOptions(d.ref);

  // The status and contact forms sit on this page: their problems come back to it.
  const showPage: FormPage = async (req, res, { values: typed = {}, errors }) => {
    const rec = await d.records.record(idOf(req), req.user!.id);
    const p = rec.participant;
    res.render('participants/record/show', {
      title: displayName(p),
      person: p,
      deleted: p.status === 'deleted',
      facts: rec.choices ? profileFacts(p, rec.choices, res.locals.t, d.ref) : [],
      consentHistory: rec.consent.map((e) => ({
        ...e,
        languageName: staffLabels.language(d.ref, e.language),
      })),
      contacts: rec.contacts,
      registrations: rec.registrations,
      invitations: rec.invitations.map((i) => ({ ...i, outcomeLabel: OUTCOME_LABELS[i.outcome] })),
      mail: rec.mail,
      labels: staffLabels,
      staffOpts: opts,
      errors,
      statusValue: typed.status ?? (p.status === 'pending' ? '' : p.status),
      monthsValue: typed.months ?? '',
      contactValues: CONTACT_FIELDS.some((k) => k in typed) ? typed : {},
    });
  };

  r.get('/staff/participants/:id', ...organizer, showForm(showPage));

  const editPage: FormPage = async (req, res, { values, errors }) => {
    const { participant, choices } = await d.records.forEdit(idOf(req));
    res.render('participants/record/edit', {
      person: participant,
      name: displayName(participant),
      values: values ?? profileValues(participant, choices),
      errors,
      opts: profileOptions(res.locals.t, d.ref),
    });
  };

  r.get('/staff/participants/:id/edit', ...organizer, showForm(editPage));

  r.post(
    '/staff/participants/:id/edit',
    ...organizer,
    handleForm(
      (body) => validateProfile(schema, body),
      editPage,
      async (req, res, profile) => {
        const recording = req.body.recordingConsent === 'yes';
        await d.records.update(idOf(req), profile, recording, req.user!.id);
        flash(req, 'success', 'Changes saved.');
        res.redirect(303, path(req));
      },
    ),
  );

  r.post(
    '/staff/participants/:id/status',
    ...organizer,
    handleForm(statusSchema, showPage, async (req, res, change) => {
      const changed = await d.records.setStatus(idOf(req), change, req.user!.id);
      const label = STATUS_LABELS[change.status];
      if (changed) flash(req, 'success', `Status changed to ${label}.`);
      else flash(req, 'info', `Status was already ${label}.`);
      res.redirect(303, path(req));
    }),
  );

  r.post(
    '/staff/participants/:id/contacts',
    ...organizer,
    handleForm(contactSchema, showPage, async (req, res, contact) => {
      const { withdrawn } = await d.records.recordContact(idOf(req), contact, req.user!.id);
      const extra = ' They asked not to be contacted, so they have been withdrawn from the panel.';
      flash(req, 'success', `Contact recorded.${withdrawn ? extra : ''}`);
      res.redirect(303, `${path(req)}#contact-log`);
    }),
  );

  r.get('/staff/participants/:id/delete', ...organizer, async (req, res) => {
    const person = await d.records.live(idOf(req));
    res.render('participants/record/delete', { person, name: displayName(person) });
  });

  r.post('/staff/participants/:id/delete', ...organizer, async (req, res) => {
    // The button carries confirm=yes: a bare POST (a stray resubmit) only leads back to the question.
    if (req.body?.confirm !== 'yes') return res.redirect(303, path(req, '/delete'));
    await d.records.delete(idOf(req), req.user!.id);
    flash(req, 'success', 'Their information has been deleted.');
    res.redirect(303, path(req));
  });

  return r;
}
