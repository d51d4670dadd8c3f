import { recordAudit } from '../../audit/audit.queries';
import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import type { ShareDimension } from '../../db/schema';
import type { ReferenceData } from '../../reference/reference.queries';
import { listCityShares, replaceCityShares, type CityShareListed } from './city-shares.queries';
import type { SharesInput } from './city-shares.rules';

/** A group of a dimension as the reference data lists it: its code and its staff name. */
export interface ShareGroup {
  code: string;
  label: string;
}

/** The groups of each dimension: the reference council districts and languages. */
export function shareGroups(ref: ReferenceData, dimension: ShareDimension): ShareGroup[] {
  return dimension === 'district'
    ? ref.districts.map((d) => ({ code: String(d.district), label: d.name }))
    : ref.languages.map((l) => ({ code: l.code, label: l.english_name }));
}

/** The city's reference shares (admins edit; the representativeness pages read). */
export class CitySharesService {
  constructor(private readonly d: { db: DB; clock: Clock; ref: ReferenceData }) {}

  /** The stored figures of each dimension, by code. */
  async byDimension(): Promise<Record<ShareDimension, Map<string, CityShareListed>>> {
    const rows = await listCityShares(this.d.db);
    const out: Record<ShareDimension, Map<string, CityShareListed>> = {
      district: new Map(),
      language: new Map(),
    };
    for (const r of rows) out[r.dimension].set(r.code, r);
    return out;
  }

  /** Saves one dimension's figures and audits it (codes, source and year; no one's data). */
  async save(input: SharesInput, by: number): Promise<void> {
    const at = this.d.clock.now();
    await this.d.db.transaction().execute(async (trx) => {
      await replaceCityShares(trx, input, by, at.toISOString());
      await recordAudit(trx, {
        actorStaffId: by,
        action: 'city_shares.update',
        subjectType: 'city_shares',
        subjectId: input.dimension,
        details: {
          groups: input.shares.length,
          total_percent: Math.round(input.shares.reduce((s, x) => s + x.share, 0) * 1000) / 10,
          source: input.source,
          year: input.year,
        },
        at,
      });
    });
  }
}
