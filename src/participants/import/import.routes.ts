import { Router, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import { z } from 'zod';
import type { ReferenceData } from '../../reference/reference.queries';
import { requireRole } from '../../web/auth';
import { csrfProtection } from '../../web/csrf';
import { ValidationError } from '../../errors';
import { idFrom } from '../../web/params';
import { flash } from '../../web/flash';
import { keepTyped, parseForm } from '../../web/forms';
import { pageOf } from '../../web/pagination';
import {
  IMPORT_FIELDS,
  MAX_FILE_BYTES,
  commitSchema,
  guessMapping,
  parseMapping,
  type Mapping,
} from './import.schema';
import { ImportService, type Draft } from './import.service';
import type { ParticipantService } from '../participants.service';
import { STAFF_SOURCES } from '../profile/options';
import { formatPhone } from '../profile/profile.schema';

export const UPLOAD_PATH = '/staff/participants/import';

/**
 * The upload is multipart: its CSRF token can only be read after multer has parsed the body, so
 * the app-wide check lets exactly this request through and the route checks the token itself.
 */
export const isImportUpload = (req: Request): boolean =>
  req.method === 'POST' && req.path === UPLOAD_PATH && Boolean(req.is('multipart/form-data'));

const PREVIEW_ROWS = 20;
const REPORT_SHOWN = 500;
const PAGE_SIZE = 25;
const CHANNEL_LABELS: Record<string, string> = {
  paper: 'Paper sign-up forms',
  event: 'At an event',
  phone: 'By phone',
  referral: 'Referral from a partner organisation',
};

/** Staff: import participants from a CSV file (upload → map → preview → commit) and past imports. */
export function importRoutes(deps: {
  db: DB;
  clock: Clock;
  ref: ReferenceData;
  participants: ParticipantService;
}): Router {
  const d = { imports: new ImportService(deps), ref: deps.ref };
  const r = Router();
  const canImport = requireRole('organizer');
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
  }).single('file');

  // Too large or malformed multipart: the form again with a message, after the token check.
  const receive: RequestHandler = (req, res, next) =>
    upload(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        res.locals.uploadError =
          err.code === 'LIMIT_FILE_SIZE'
            ? 'The file is larger than 5 MB. Split it into smaller files.'
            : 'Choose one CSV file.';
        return next();
      }
      next(err);
    });

  const renderUpload = (res: Response, errors: Record<string, string> = {}) =>
    res
      .status(Object.keys(errors).length ? 400 : 200)
      .render('participants/import/upload', { errors });

  r.get(UPLOAD_PATH, ...canImport, (_req, res) => renderUpload(res));

  r.post(UPLOAD_PATH, ...canImport, receive, csrfProtection, async (req, res) => {
    if (res.locals.uploadError) return renderUpload(res, { file: res.locals.uploadError });
    const file = req.file;
    if (!file || !file.size) return renderUpload(res, { file: 'Choose a CSV file to upload.' });
    try {
      const id = await d.imports.createDraft(req.user!.id, file.originalname, file.buffer);
      res.redirect(303, `/staff/participants/import/${id}/map`);
    } catch (err) {
      if (err instanceof ValidationError) return renderUpload(res, err.fields);
      throw err;
    }
  });

  const loadDraft = async (req: Request): Promise<Draft> => {
    return d.imports.draft(idFrom(req.params.id), req.user!.id);
  };
  const mapped = (draft: Draft): draft is Draft & { mapping: Mapping } => draft.mapping !== null;

  const languageOptions = d.ref.languages.map((l) => ({ value: l.code, label: l.english_name }));

  const renderMap = (
    res: Response,
    draft: Draft,
    values: Record<string, string>,
    errors: Record<string, string> = {},
  ) => {
    const columns = draft.file.headers.map((h, i) => ({
      value: String(i),
      label: `${h || `Column ${i + 1}`} (e.g. “${sample(draft, i)}”)`,
    }));
    res.status(Object.keys(errors).length ? 400 : 200).render('participants/import/map', {
      draft,
      fields: IMPORT_FIELDS,
      columns,
      languageOptions,
      values,
      errors,
    });
  };

  r.get('/staff/participants/import/:id/map', ...canImport, async (req, res) => {
    const draft = await loadDraft(req);
    const mapping = draft.mapping ?? {
      columns: guessMapping(draft.file.headers),
      defaultLanguage: 'en',
    };
    renderMap(res, draft, mappingValues(mapping));
  });

  r.post('/staff/participants/import/:id/map', ...canImport, async (req, res) => {
    const draft = await loadDraft(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = parseMapping(body, draft.file.headers.length, d.ref);
    if (!form.ok)
      return renderMap(res, draft, keepTyped(body) as Record<string, string>, form.errors);
    await d.imports.saveMapping(draft, form.data);
    res.redirect(303, `/staff/participants/import/${draft.id}/preview`);
  });

  const renderPreview = async (
    res: Response,
    draft: Draft & { mapping: Mapping },
    values: Record<string, string>,
    errors: Record<string, string> = {},
  ) => {
    const policy = values.duplicatePolicy === 'skip' ? 'skip' : 'merge';
    const { plan, report, counts } = await d.imports.preview(draft, policy);
    const outcome = (p: (typeof plan)[number]) =>
      p.outcome === 'create'
        ? 'New'
        : p.outcome === 'merge'
          ? 'Merge'
          : p.outcome === 'skip'
            ? 'Skip'
            : 'Not imported';
    const rows = plan.slice(0, PREVIEW_ROWS).map((p) => {
      const v: Record<string, string> =
        p.outcome === 'invalid'
          ? { ...strings(p.input), phone: String(p.input.phone ?? '') }
          : {
              firstName: p.profile.firstName ?? '',
              lastName: p.profile.lastName ?? '',
              email: p.profile.email ?? '',
              phone: formatPhone(p.profile.phone),
              language: p.profile.language ?? '',
              zip: p.profile.zip ?? '',
              councilDistrict:
                p.profile.councilDistrict == null ? '' : String(p.profile.councilDistrict),
              contactPreference: p.profile.contactPreference ?? '',
            };
      return { n: p.n, outcome: outcome(p), invalid: p.outcome === 'invalid', ...shorten(v) };
    });
    res.status(Object.keys(errors).length ? 400 : 200).render('participants/import/preview', {
      draft,
      rows,
      report: report.slice(0, REPORT_SHOWN),
      reportHidden: Math.max(0, report.length - REPORT_SHOWN),
      counts,
      channels: STAFF_SOURCES.map((c) => ({ value: c, label: CHANNEL_LABELS[c] })),
      values: { duplicatePolicy: policy, ...values },
      errors,
    });
  };

  r.get('/staff/participants/import/:id/preview', ...canImport, async (req, res) => {
    const draft = await loadDraft(req);
    if (!mapped(draft)) return res.redirect(303, `/staff/participants/import/${draft.id}/map`);
    const policy = req.query.duplicatePolicy === 'skip' ? 'skip' : 'merge';
    await renderPreview(res, draft, { duplicatePolicy: policy });
  });

  r.post('/staff/participants/import/:id/commit', ...canImport, async (req, res) => {
    const draft = await loadDraft(req);
    if (!mapped(draft)) return res.redirect(303, `/staff/participants/import/${draft.id}/map`);
    const form = parseForm(commitSchema, req.body);
    if (!form.ok)
      return renderPreview(res, draft, keepTyped(req.body) as Record<string, string>, form.errors);
    const importId = await d.imports.commit(draft, form.data, req.user!.id);
    flash(req, 'success', 'The import is done.');
    res.redirect(303, `/staff/participants/imports/${importId}`);
  });

  r.post('/staff/participants/import/:id/cancel', ...canImport, async (req, res) => {
    const draft = await loadDraft(req);
    await d.imports.cancel(draft);
    flash(req, 'info', 'The import was cancelled and the uploaded file discarded.');
    res.redirect(303, UPLOAD_PATH);
  });

  r.get('/staff/participants/imports', ...canImport, async (req, res) => {
    const page = z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .catch(1)
      .parse(req.query.page ?? 1);
    const { rows, total } = await d.imports.list(page, PAGE_SIZE);
    res.render('participants/import/list', {
      imports: rows,
      channelLabels: CHANNEL_LABELS,
      pagination: pageOf(page, PAGE_SIZE, total, (p) => `/staff/participants/imports?page=${p}`),
    });
  });

  r.get('/staff/participants/imports/:id', ...canImport, async (req, res) => {
    res.render('participants/import/show', {
      imp: await d.imports.get(idFrom(req.params.id)),
      channelLabels: CHANNEL_LABELS,
    });
  });

  return r;
}

function sample(draft: Draft, column: number): string {
  const v = draft.file.rows.find((r) => (r.cells[column] ?? '').trim())?.cells[column] ?? '';
  return v.length > 30 ? `${v.slice(0, 30)}…` : v;
}

function mappingValues(m: Mapping): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(m.columns).map(([k, v]) => [k, String(v)])),
    defaultLanguage: m.defaultLanguage,
  };
}

function strings(o: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]),
  );
}

/** Cells as shown in the preview: a 10 KB "name" must not flood the page. */
function shorten(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [k, v.length > 60 ? `${v.slice(0, 60)}…` : v]),
  );
}
