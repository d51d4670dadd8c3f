import { Router, type Request, type Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { requireRole } from '../../web/auth';
import { ValidationError } from '../../errors';
import { streamCsv } from '../../web/csv';
import { handleForm, keepTyped, rejectForm, showForm, type FormPage } from '../../web/forms';
import { exportParamPairs } from './export-params';
import type { ExportRunner } from './export-runner';
import type { ExportActor } from './export-type';
import { downloadPath, exportsView } from './exports.view';

/**
 * The downloads (issue 9): `/staff/results/export/<type>.csv?survey=ID|study=ID&profile=…&labels=…
 * &<filters>` for every registered type but personal ones, `/staff/results/export/bundle.zip?…`,
 * the personal-data form `/staff/results/export/participants` (a reason, then POST streams), and
 * the exports page `/staff/results/exports` (a GET form; with `go=1` it is checked and
 * redirects to the download). The rules are the ExportRunner's; wrong parameters come back to
 * the exports page with 400 and what is wrong.
 */
export function exportRoutes(runner: ExportRunner): Router {
  const r = Router();
  const results = requireRole('analyst', 'organizer');
  const organizer = requireRole('organizer');
  const actorOf = (req: Request): ExportActor => ({
    staffId: req.user!.id,
    role: req.user!.role,
    via: 'web',
  });

  const page: FormPage = async (req, res, { values, errors }) => {
    const kinds = runner.kindsFor(req.user!.role);
    res.render('results/exports/page', {
      ...exportsView({ kinds, ...(await runner.choices()) }),
      values: values ?? keepTyped(req.query),
      errors,
    });
  };
  const refuse = (req: Request, res: Response, errors: Record<string, string>) =>
    rejectForm(req, res, page, errors);

  const chosen = handleForm(
    (query: unknown, req) => {
      const q = (query ?? {}) as Record<string, unknown>;
      const kind = runner.kindsFor(req.user!.role).find((k) => k.type === q.type);
      if (!kind) return { ok: false as const, errors: { type: 'Choose an export from the list' } };
      // A personal type asks why on its own form: only its scope is checked here.
      const read = runner.readForLink(kind, q);
      return read.ok ? { ok: true as const, data: { kind, params: read.data } } : read;
    },
    page,
    (_req, res, { kind, params }) =>
      res.redirect(303, downloadPath(kind, exportParamPairs(params))),
  );
  r.get('/staff/results/exports', ...results, (req, res, next) =>
    (req.query.go === '1' ? chosen : showForm(page))(req, res, next),
  );

  r.get('/staff/results/export/bundle.zip', ...results, async (req, res) => {
    const read = runner.read(runner.kind('bundle', actorOf(req)), req.query);
    if (!read.ok) return void (await refuse(req, res, read.errors));
    const bundle = await runner.bundle(read.data, actorOf(req));
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${bundle.filename}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    await pipeline(bundle.stream, res);
  });

  r.get('/staff/results/export/:type.csv', ...results, async (req, res) => {
    const kind = runner.kind(String(req.params.type), actorOf(req));
    if (kind.personal) return res.redirect(303, `/staff/results/export/${kind.type}`);
    const read = runner.read(kind, req.query);
    if (!read.ok) return void (await refuse(req, res, read.errors));
    let table;
    try {
      table = await runner.table(read.data, actorOf(req));
    } catch (err) {
      // A rule the type checks as it opens (a date range that could be differenced): the exports
      // page with the message beside its field and the export chosen, nothing streamed yet.
      if (!(err instanceof ValidationError)) throw err;
      res.status(err.status);
      const values = { ...keepTyped(req.query), type: kind.type };
      return void (await page(req, res, { values, errors: err.fields }));
    }
    await streamCsv(res, table.filename, table.columns, table.rows, read.data.profile);
  });

  const PERSONAL = 'participants';
  const personalPage: FormPage = async (req, res, { values, errors }) => {
    const kind = runner.types.get(PERSONAL);
    res.render('results/exports/personal', {
      ...exportsView({ kinds: [], ...(await runner.choices()) }),
      kind: kind ?? { type: PERSONAL, title: 'Participants with personal data', scope: 'panel' },
      // From the exports page, the study chosen there comes along in the query string.
      values: values ?? keepTyped(req.query, ['reason']),
      errors,
    });
  };
  r.get('/staff/results/export/participants', ...organizer, showForm(personalPage));
  r.post(
    '/staff/results/export/participants',
    ...organizer,
    handleForm(
      (body, req) =>
        runner.read(runner.kind(PERSONAL, actorOf(req)), (body ?? {}) as Record<string, unknown>),
      personalPage,
      async (req, res, choice) => {
        const table = await runner.table(choice, actorOf(req));
        await streamCsv(res, table.filename, table.columns, table.rows, choice.profile);
      },
    ),
  );
  return r;
}
