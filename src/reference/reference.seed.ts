import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { SEEDS_DIR } from '../paths';
import type { Logger } from 'pino';
import type { DB } from '../db/database';
import { referenceLabels } from './reference.labels';
import { upsertReferenceRows } from './reference.queries';

type Row = Record<string, string>;

export interface SeedOptions {
  /** Warned once per label a CSV lacks (file, code, language). */
  logger: Pick<Logger, 'warn'>;
  /** Where the CSVs are; db/seeds by default (tests point it at another city's files). */
  dir?: string;
}

function readRows(dir: string, file: string): Row[] {
  return parse(fs.readFileSync(path.join(dir, file)), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
    bom: true,
  }) as Row[];
}

/**
 * Loads the city's reference data (db/seeds/*.csv, copied from shared/data) into its tables.
 * Idempotent: each table is replaced in one transaction, so editing a CSV and restarting is
 * enough to serve another city's districts or request types.
 */
export async function loadReferenceData(db: DB, o: SeedOptions): Promise<void> {
  const dir = o.dir ?? SEEDS_DIR;
  const readCsv = (file: string) => readRows(dir, file);
  // What residents see: the label_<locale> columns, English where one is missing (logged).
  const labels = (file: string, code: string, r: Row) =>
    JSON.stringify(
      referenceLabels(r, code, (language) =>
        o.logger.warn({ file, code, language }, 'reference label missing: English used'),
      ),
    );
  const districts = readCsv('council_districts.csv').map((r) => ({
    district: Number(r.district),
    name: r.name,
    labels: labels('council_districts.csv', r.district, r),
  }));
  const councils = readCsv('neighborhood_councils.csv').map((r) => ({
    name: r.name,
    service_region: r.service_region,
    labels: labels('neighborhood_councils.csv', r.name, r),
  }));
  const agencies = readCsv('owner_agencies.csv').map((r) => ({
    code: r.code,
    agency: r.agency,
  }));
  const types = readCsv('request_types.csv').map((r) => ({
    name: r.request_type,
    usual_owner: r.usual_owner,
    requests_2019_2020: Number(r.requests_2019_2020),
    labels: labels('request_types.csv', r.request_type, r),
  }));
  const sources = readCsv('request_sources.csv').map((r) => ({ name: r.request_source }));
  const statuses = readCsv('request_statuses.csv').map((r) => ({
    status: r.status,
    meaning: r.meaning,
  }));
  const languages = readCsv('languages.csv').map((r, i) => ({
    code: r.code,
    english_name: r.english_name,
    native_name: r.native_name,
    where_used: r.where_the_city_uses_it,
    sort_order: i,
  }));
  const cx = readCsv('omb_a11_280_questions.csv').map((r) => ({
    driver: r.driver,
    statement: r.statement,
    scale: r.scale,
  }));

  // Upserts by key, never delete-and-insert: panel data refers to these rows.
  await db.transaction().execute(async (trx) => {
    await upsertReferenceRows(trx, 'council_districts', 'district', districts);
    await upsertReferenceRows(trx, 'neighborhood_councils', 'name', councils);
    await upsertReferenceRows(trx, 'owner_agencies', 'code', agencies);
    await upsertReferenceRows(trx, 'request_types', 'name', types);
    await upsertReferenceRows(trx, 'request_sources', 'name', sources);
    await upsertReferenceRows(trx, 'request_statuses', 'status', statuses);
    await upsertReferenceRows(trx, 'languages', 'code', languages);
    await upsertReferenceRows(trx, 'cx_questions', 'driver', cx);
  });
}
