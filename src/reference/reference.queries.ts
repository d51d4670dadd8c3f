import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { DB } from '../db/database';
import type { Labels } from './reference.labels';

export interface ReferenceData {
  /** Residents see a language by its native name, whatever the page's language. */
  languages: { code: string; english_name: string; native_name: string }[];
  /** `name` is the staff name ("Council District 1"); `labels` what residents read, by locale. */
  districts: { district: number; name: string; labels: Labels }[];
  councils: { id: number; name: string; service_region: string; labels: Labels }[];
  requestTypes: { name: string; usual_owner: string; labels: Labels }[];
  languageCodes: Set<string>;
  districtNumbers: Set<number>;
  councilIds: Set<number>;
  requestTypeNames: Set<string>;
}

/**
 * The city's reference data, read once when the app is built (it changes only with the CSV
 * files, at start): option lists for forms and sets for validation.
 */
export async function loadReference(db: DB): Promise<ReferenceData> {
  const [languages, districts, councils, requestTypes] = await Promise.all([
    db
      .selectFrom('languages')
      .select(['code', 'english_name', 'native_name'])
      .orderBy('sort_order')
      .execute(),
    db
      .selectFrom('council_districts')
      .select(['district', 'name', 'labels'])
      .orderBy('district')
      .execute(),
    db
      .selectFrom('neighborhood_councils')
      .select(['id', 'name', 'service_region', 'labels'])
      .orderBy('service_region')
      .orderBy('name')
      .execute(),
    db
      .selectFrom('request_types')
      .select(['name', 'usual_owner', 'labels'])
      .orderBy('requests_2019_2020', 'desc')
      .execute(),
  ]);
  // Labels are stored complete (the seed filled in English and logged what it lacked).
  const parsed = <T extends { labels: string }>(rows: T[]) =>
    rows.map((r) => ({ ...r, labels: JSON.parse(r.labels) as Labels }));
  return {
    languages,
    districts: parsed(districts),
    councils: parsed(councils),
    requestTypes: parsed(requestTypes),
    languageCodes: new Set(languages.map((l) => l.code)),
    districtNumbers: new Set(districts.map((d) => d.district)),
    councilIds: new Set(councils.map((c) => c.id)),
    requestTypeNames: new Set(requestTypes.map((r) => r.name)),
  };
}

/** Inserts or updates reference rows by their key (the seed runs it at every start). */
export async function upsertReferenceRows<T extends Record<string, unknown>>(
  trx: Kysely<Database>,
  table: keyof Database,
  key: keyof T & string,
  rows: T[],
): Promise<void> {
  // Table and key names are constants of this file, never user input.
  const t = trx as unknown as Kysely<any>;
  for (const row of rows) {
    const rest = Object.fromEntries(Object.entries(row).filter(([k]) => k !== key));
    await t
      .insertInto(table)
      .values(row)
      .onConflict((oc) =>
        Object.keys(rest).length ? oc.column(key).doUpdateSet(rest) : oc.column(key).doNothing(),
      )
      .execute();
  }
}
