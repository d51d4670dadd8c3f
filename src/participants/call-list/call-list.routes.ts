import { Router } from 'express';
import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import { recordAudit } from '../../audit/audit.queries';
import { translator } from '../../i18n/i18n';
import type { ReferenceData } from '../../reference/reference.queries';
import { requireRole } from '../../web/auth';
import { streamCsv } from '../../web/csv';
import { handleForm, showForm, type FormPage } from '../../web/forms';
import { pageLinks, pageOf } from '../../web/pagination';
import { callListBatches, callListPage, countCallList } from './call-list.queries';
import { callListFilter, exportSchema, filterValues } from './call-list.schema';
import { CALL_LIST_COLUMNS, callListPerson } from './call-list.view';

const PAGE_SIZE = 50;
const PATH = '/staff/participants/call-list';

/** The call list: active people to reach by phone, and its audited CSV export. */
export function callListRoutes(d: { db: DB; clock: Clock; ref: ReferenceData }): Router {
  const r = Router();
  const canUse = requireRole('organizer');
  const parseFilter = callListFilter(d.ref);
  const person = callListPerson(d.ref, translator('en'));
  const languages = d.ref.languages.map((l) => ({ value: l.code, label: l.english_name }));
  const districts = d.ref.districts.map((x) => ({
    value: String(x.district),
    label: `District ${x.district}`,
  }));

  // The export form carries the filter in hidden fields: a problem shows the same list again.
  const listPage: FormPage = async (req, res, { values, errors }) => {
    const { filter, page } = parseFilter(values ?? req.query);
    const offset = (page - 1) * PAGE_SIZE;
    const { rows, total } = await callListPage(d.db, filter, d.clock.now(), PAGE_SIZE, offset);
    const shown = filterValues(filter);
    res.render('participants/call-list/call-list', {
      people: rows.map(person),
      filter: shown,
      languages,
      districts,
      errors,
      reason: typeof values?.reason === 'string' ? values.reason : '',
      pagination: pageOf(page, PAGE_SIZE, total, pageLinks(PATH, shown)),
    });
  };

  r.get(PATH, ...canUse, showForm(listPage));

  r.post(
    `${PATH}/export`,
    ...canUse,
    handleForm(exportSchema, listPage, async (req, res, { reason }) => {
      const { filter } = parseFilter(req.body);
      const now = d.clock.now();
      const rows = await countCallList(d.db, filter, now);
      // Logged before the download starts: an export that breaks half-way was still an export.
      await recordAudit(d.db, {
        actorStaffId: req.user!.id,
        action: 'participants.export',
        subjectType: 'call-list',
        details: { export: 'call-list', filter, reason, rows },
        at: now,
      });
      async function* people() {
        for await (const row of callListBatches(d.db, filter, now)) yield person(row);
      }
      await streamCsv(
        res,
        `call-list-${now.toISOString().slice(0, 10)}.csv`,
        CALL_LIST_COLUMNS,
        people(),
      );
    }),
  );

  return r;
}
