import { Router, type Request, type RequestHandler } from 'express';
import multer from 'multer';
import type { Clock } from '../../clock';
import type { CityNames } from '../../config';
import type { DB } from '../../db/database';
import type { ReferenceData } from '../../reference/reference.queries';
import { requireRole } from '../../web/auth';
import { csrfProtection } from '../../web/csrf';
import { flash } from '../../web/flash';
import { handleForm, showForm, type FormPage, type FormResult } from '../../web/forms';
import { pageOf, pageParam } from '../../web/pagination';
import { idFrom } from '../../web/params';
import type { ParticipantService } from '../participants.service';
import { STAFF_SOURCES } from '../profile/options';
import {
  IMPORT_FIELDS,
  MAX_FILE_BYTES,
  commitSchema,
  guessMapping,
  parseMapping,
  type Mapping,
} from './import.schema';
import { ImportService, type Draft } from './import.service';
import {
  CHANNEL_LABELS,
  REPORT_SHOWN,
  columnOptions,
  mappingValues,
  previewRows,
} from './import.view';

export const UPLOAD_PATH = '/staff/participants/import';

/**
 * The upload is multipart: its CSRF token can only be read after multer has parsed the body, so
 * the app-wide check lets exactly this request through and the route checks the token itself.
 */
export const isImportUpload = (req: Request): boolean =>
  req.method === 'POST' && req.path === UPLOAD_PATH && Boolean(req.is('multipart/form-data'));

const PAGE_SIZE = 25;

declare module 'express-serve-static-core' {
  interface Request {
    /** The draft of the import at :id, loaded by the route's `draft` step. */
    importDraft?: Draft;
    /** Why multer refused the upload, shown on the form. */
    uploadError?: string;
  }
}

/** Staff: import participants from a CSV file (upload → map → preview → commit) and past imports. */
export function importRoutes(deps: {
  db: DB;
  clock: Clock;
  ref: ReferenceData;
  participants: ParticipantService;
  cityNames?: CityNames;
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
      if (!(err instanceof multer.MulterError)) return next(err);
      req.uploadError =
        err.code === 'LIMIT_FILE_SIZE'
          ? 'The file is larger than 5 MB. Split it into smaller files.'
          : 'Choose one CSV file.';
      next();
    });
  const uploaded = (_body: unknown, req: Request): FormResult<Express.Multer.File> => {
    if (req.uploadError) return { ok: false, errors: { file: req.uploadError } };
    if (!req.file?.size) return { ok: false, errors: { file: 'Choose a CSV file to upload.' } };
    return { ok: true, data: req.file };
  };
  const uploadPage: FormPage = (_req, res, { errors }) =>
    res.render('participants/import/upload', { errors });

  r.get(UPLOAD_PATH, ...canImport, showForm(uploadPage));

  r.post(
    UPLOAD_PATH,
    ...canImport,
    receive,
    csrfProtection,
    handleForm(uploaded, uploadPage, async (req, res, file) => {
      const id = await d.imports.createDraft(req.user!.id, file.originalname, file.buffer);
      res.redirect(303, `/staff/participants/import/${id}/map`);
    }),
  );

  /** Loads the draft at :id (only its own uploader's, while it lives). */
  const draft: RequestHandler = async (req, _res, next) => {
    req.importDraft = await d.imports.draft(idFrom(req.params.id), req.user!.id);
    next();
  };
  const draftOf = (req: Request) => req.importDraft!;
  /** After the `mapped` step, the draft has its mapping. */
  const mappedDraftOf = (req: Request) => draftOf(req) as Draft & { mapping: Mapping };
  /** The preview and commit need a mapping: without one, back to the map step. */
  const mapped: RequestHandler = (req, res, next) =>
    draftOf(req).mapping
      ? next()
      : res.redirect(303, `/staff/participants/import/${draftOf(req).id}/map`);

  const languageOptions = d.ref.languages.map((l) => ({ value: l.code, label: l.english_name }));
  const mapPage: FormPage = (req, res, { values, errors }) => {
    const current = draftOf(req);
    const mapping = current.mapping ?? {
      columns: guessMapping(current.file.headers),
      defaultLanguage: 'en',
    };
    res.render('participants/import/map', {
      draft: current,
      fields: IMPORT_FIELDS,
      columns: columnOptions(current),
      languageOptions,
      values: values ?? mappingValues(mapping),
      errors,
    });
  };

  r.get('/staff/participants/import/:id/map', ...canImport, draft, showForm(mapPage));

  r.post(
    '/staff/participants/import/:id/map',
    ...canImport,
    draft,
    handleForm(
      (body, req) =>
        parseMapping(
          (body ?? {}) as Record<string, unknown>,
          draftOf(req).file.headers.length,
          d.ref,
        ),
      mapPage,
      async (req, res, mapping) => {
        await d.imports.saveMapping(draftOf(req), mapping);
        res.redirect(303, `/staff/participants/import/${draftOf(req).id}/preview`);
      },
    ),
  );

  const previewPage: FormPage = async (req, res, { values = {}, errors }) => {
    const typed = values.duplicatePolicy ?? req.query.duplicatePolicy;
    const policy = typed === 'skip' ? 'skip' : 'merge';
    const current = mappedDraftOf(req);
    const { plan, report, counts } = await d.imports.preview(current, policy);
    res.render('participants/import/preview', {
      draft: current,
      rows: previewRows(plan),
      report: report.slice(0, REPORT_SHOWN),
      reportHidden: Math.max(0, report.length - REPORT_SHOWN),
      counts,
      channels: STAFF_SOURCES.map((c) => ({ value: c, label: CHANNEL_LABELS[c] })),
      values: { duplicatePolicy: policy, ...values },
      errors,
    });
  };

  r.get(
    '/staff/participants/import/:id/preview',
    ...canImport,
    draft,
    mapped,
    showForm(previewPage),
  );

  r.post(
    '/staff/participants/import/:id/commit',
    ...canImport,
    draft,
    mapped,
    handleForm(commitSchema, previewPage, async (req, res, options) => {
      const importId = await d.imports.commit(mappedDraftOf(req), options, req.user!.id);
      flash(req, 'success', 'The import is done.');
      res.redirect(303, `/staff/participants/imports/${importId}`);
    }),
  );

  r.post('/staff/participants/import/:id/cancel', ...canImport, draft, async (req, res) => {
    await d.imports.cancel(draftOf(req));
    flash(req, 'info', 'The import was cancelled and the uploaded file discarded.');
    res.redirect(303, UPLOAD_PATH);
  });

  r.get('/staff/participants/imports', ...canImport, async (req, res) => {
    const page = pageParam.parse(req.query.page);
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
