import type { DB } from '../db/database';

export interface ReferenceData {
  languages: { code: string; english_name: string; native_name: string }[];
  districts: { district: number; name: string }[];
  councils: { id: number; name: string; service_region: string }[];
  requestTypes: { name: string; usual_owner: string }[];
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
    db.selectFrom('council_districts').select(['district', 'name']).orderBy('district').execute(),
    db
      .selectFrom('neighborhood_councils')
      .select(['id', 'name', 'service_region'])
      .orderBy('service_region')
      .orderBy('name')
      .execute(),
    db
      .selectFrom('request_types')
      .select(['name', 'usual_owner'])
      .orderBy('requests_2019_2020', 'desc')
      .execute(),
  ]);
  return {
    languages,
    districts,
    councils,
    requestTypes,
    languageCodes: new Set(languages.map((l) => l.code)),
    districtNumbers: new Set(districts.map((d) => d.district)),
    councilIds: new Set(councils.map((c) => c.id)),
    requestTypeNames: new Set(requestTypes.map((r) => r.name)),
  };
}
