import { Router } from 'express';
import { z } from 'zod';
import type { DB } from '../db/database';
import { requireRole } from '../web/auth';
import { filledQuery, pageLinks, pageOf, pageParam } from '../web/pagination';
import { auditFilterOptions, listAudit } from './audit.queries';

const PAGE_SIZE = 50;

/** The audit log (admins): who did what to whom, newest first. */
export function auditRoutes(d: { db: DB }): Router {
  const r = Router();

  r.get('/staff/audit', ...requireRole('admin'), async (req, res) => {
    const options = await auditFilterOptions(d.db);
    const f = z
      .object({
        action: z
          .string()
          .refine((a) => options.actions.includes(a))
          .optional()
          .catch(undefined),
        actor: z.coerce.number().int().positive().optional().catch(undefined),
        page: pageParam,
      })
      .parse(filledQuery(req.query));
    const filter = { action: f.action, actorStaffId: f.actor };
    const { rows, total } = await listAudit(d.db, filter, PAGE_SIZE, (f.page - 1) * PAGE_SIZE);
    const shown = { action: f.action ?? '', actor: f.actor === undefined ? '' : String(f.actor) };
    res.render('audit/log', {
      entries: rows.map((e) => ({ ...e, details: detailsOf(e.details) })),
      actions: options.actions.map((a) => ({ value: a, label: a })),
      actors: options.actors.map((a) => ({ value: String(a.id), label: a.name })),
      filter: shown,
      pagination: pageOf(f.page, PAGE_SIZE, total, pageLinks('/staff/audit', shown)),
    });
  });

  return r;
}

/** Details as "key: value" lines; nested values as compact JSON. */
function detailsOf(json: string): { key: string; value: string }[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [{ key: 'details', value: json }];
  }
  if (!parsed || typeof parsed !== 'object') return [];
  return Object.entries(parsed as Record<string, unknown>).map(([key, v]) => ({
    key,
    value: typeof v === 'string' ? v : JSON.stringify(v),
  }));
}
