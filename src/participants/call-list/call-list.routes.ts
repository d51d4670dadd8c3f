import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import { recordAudit } from '../../audit/audit.queries';
import { translator } from '../../i18n/i18n';
import type { ReferenceData } from '../../reference/reference.queries';
import { requireRole } from '../../web/auth';
import { streamCsv, type CsvColumn } from '../../web/csv';
import { parseForm } from '../../web/forms';
import { pageOf } from '../../web/pagination';
import {
  callListBatches,
  callListPage,
  countCallList,
  type CallListFilter,
  type CallListRow,
} from './call-list.queries';
import { formatPhone } from '../profile/profile.schema';

const PAGE_SIZE = 50;
const t = translator('en');

/** The call list: active people to reach by phone, and its audited CSV export. */
export function callListRoutes(d: { db: DB; clock: Clock; ref: ReferenceData }): Router {
  const r = Router();
  const canUse = requireRole('organizer');
  const languageNames = new Map(d.ref.languages.map((l) => [l.code, l.english_name]));

  // Filters that do not parse are ignored, like the other list pages.
  const filterSchema = z.object({
    language: z
      .string()
      .refine((v) => d.ref.languageCodes.has(v))
      .optional()
      .catch(undefined),
    district: z.coerce
      .number()
      .int()
      .refine((v) => d.ref.districtNumbers.has(v))
      .optional()
      .catch(undefined),
    days: z.coerce.number().int().min(1).max(3650).optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  });
  const exportSchema = z.object({
    reason: z
      .unknown()
      .transform((v) => (typeof v === 'string' ? v.trim() : ''))
      .pipe(
        z
          .string()
          .min(1, {
            error: 'Say why you need this export (for example: “calls for the Bulky Item study”)',
          })
          .max(300, { error: 'Use 300 characters or fewer' }),
      ),
  });

  const parseFilter = (src: unknown) => {
    const raw = (src && typeof src === 'object' ? src : {}) as Record<string, unknown>;
    const blankless = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
    const f = filterSchema.parse(blankless);
    const filter: CallListFilter = {
      language: f.language,
      district: f.district,
      notContactedDays: f.days,
    };
    return { filter, page: f.page };
  };

  const view = (row: CallListRow) => ({
    id: row.id,
    name: [row.first_name, row.last_name].filter(Boolean).join(' '),
    phone: formatPhone(row.phone),
    language: row.language_name ?? row.language,
    contactBy: row.contact_preference
      ? t(`options.contactPreference.${row.contact_preference}`)
      : '',
    availability: (row.availability ?? '')
      .split(',')
      .filter(Boolean)
      .map((a) => t(`options.availability.${a}`))
      .join('; '),
    interpreter: row.needs_interpreter
      ? `Yes${row.interpreter_language ? ` (${languageNames.get(row.interpreter_language) ?? row.interpreter_language})` : ''}`
      : 'No',
    lastContacted: row.last_contacted_at,
  });

  const render = async (
    req: Request,
    res: Response,
    src: unknown,
    errors: Record<string, string> = {},
    reason = '',
  ) => {
    const { filter, page } = parseFilter(src);
    const { rows, total } = await callListPage(
      d.db,
      filter,
      d.clock.now(),
      PAGE_SIZE,
      (page - 1) * PAGE_SIZE,
    );
    const qs = filterQuery(filter);
    res.status(Object.keys(errors).length ? 400 : 200).render('participants/call-list/call-list', {
      people: rows.map(view),
      filter: {
        language: filter.language ?? '',
        district: filter.district === undefined ? '' : String(filter.district),
        days: filter.notContactedDays === undefined ? '' : String(filter.notContactedDays),
      },
      languages: d.ref.languages.map((l) => ({ value: l.code, label: l.english_name })),
      districts: d.ref.districts.map((x) => ({
        value: String(x.district),
        label: `District ${x.district}`,
      })),
      errors,
      reason,
      pagination: pageOf(page, PAGE_SIZE, total, (p) => {
        const q = new URLSearchParams(qs);
        q.set('page', String(p));
        return `/staff/participants/call-list?${q}`;
      }),
    });
  };

  r.get('/staff/participants/call-list', ...canUse, (req, res) => render(req, res, req.query));

  r.post('/staff/participants/call-list/export', ...canUse, async (req, res) => {
    const form = parseForm(exportSchema, req.body);
    if (!form.ok)
      return render(
        req,
        res,
        req.body,
        form.errors,
        typeof req.body?.reason === 'string' ? req.body.reason : '',
      );
    const { filter } = parseFilter(req.body);
    const now = d.clock.now();
    const rows = await countCallList(d.db, filter, now);
    // Logged before the download starts: an export that breaks half-way was still an export.
    await recordAudit(d.db, {
      actorStaffId: req.user!.id,
      action: 'participants.export',
      subjectType: 'call-list',
      details: { export: 'call-list', filter, reason: form.data.reason, rows },
      at: now,
    });
    const columns: CsvColumn<ReturnType<typeof view>>[] = [
      { header: 'Participant id', value: (p) => p.id, kind: 'code' },
      { header: 'Name', value: (p) => p.name },
      // Formatted by the app from a validated number: text that keeps its digits, never altered.
      { header: 'Phone', value: (p) => p.phone, kind: 'code' },
      { header: 'Language', value: (p) => p.language },
      { header: 'Contact by', value: (p) => p.contactBy },
      { header: 'Preferred time', value: (p) => p.availability },
      { header: 'Needs interpreter', value: (p) => p.interpreter },
      { header: 'Last contacted (UTC)', value: (p) => p.lastContacted, kind: 'code' },
    ];
    async function* people() {
      for await (const row of callListBatches(d.db, filter, now)) yield view(row);
    }
    await streamCsv(res, `call-list-${now.toISOString().slice(0, 10)}.csv`, columns, people());
  });

  return r;
}

function filterQuery(f: CallListFilter): Record<string, string> {
  return {
    ...(f.language ? { language: f.language } : {}),
    ...(f.district !== undefined ? { district: String(f.district) } : {}),
    ...(f.notContactedDays !== undefined ? { days: String(f.notContactedDays) } : {}),
  };
}
