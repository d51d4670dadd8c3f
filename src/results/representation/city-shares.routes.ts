import { Router } from 'express';
import type { ShareDimension } from '../../db/schema';
import { hasRole, requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, showForm, type FormPage, type FormResult } from '../../web/forms';
import {
  DIMENSIONS,
  readShares,
  shareField,
  sharesField,
  type SharesInput,
} from './city-shares.rules';
import { shareGroups, type CitySharesService } from './city-shares.service';
import type { RepresentationDeps } from './representation.routes';
import { DIMENSION_TITLES, sourceLine, storedTotal, storedValues } from './representation.view';

const isDimension = (v: unknown): v is ShareDimension =>
  typeof v === 'string' && (DIMENSIONS as readonly string[]).includes(v);

/** The city's reference shares: admins edit them, analysts and organizers read them. */
export function citySharesRoutes(d: RepresentationDeps & { shares: CitySharesService }): Router {
  const r = Router();
  const url = '/staff/results/city-shares';

  const page: FormPage = async (req, res, { values, errors }) => {
    const stored = await d.shares.byDimension();
    const posted = isDimension(req.body?.dimension) ? req.body.dimension : null;
    const forms = DIMENSIONS.map((dimension) => {
      const groups = shareGroups(d.ref, dimension);
      return {
        dimension,
        title: DIMENSION_TITLES[dimension],
        groups: groups.map((g) => ({ ...g, field: shareField(dimension, g.code) })),
        sharesField: sharesField(dimension),
        // The form that was posted keeps what was typed; the other shows what is stored.
        values:
          posted === dimension && values
            ? values
            : storedValues(dimension, groups, stored[dimension]),
        total: storedTotal(stored[dimension]),
        source: sourceLine([...stored[dimension].values()], d.cityTimeZone),
        empty: stored[dimension].size === 0,
      };
    });
    res.render('results/representation/city-shares', {
      forms,
      errors,
      canEdit: hasRole(req, 'admin'),
    });
  };

  const validate = (input: unknown): FormResult<SharesInput> => {
    const body = (input ?? {}) as Record<string, unknown>;
    if (!isDimension(body.dimension)) {
      return { ok: false, errors: { district_shares: 'Choose which shares to save' } };
    }
    return readShares(body, body.dimension, shareGroups(d.ref, body.dimension));
  };

  r.get(url, ...requireRole('analyst', 'organizer'), showForm(page));
  r.post(
    url,
    ...requireRole('admin'),
    handleForm(validate, page, async (req, res, input) => {
      await d.shares.save(input, req.user!.id);
      const what = DIMENSION_TITLES[input.dimension].toLowerCase();
      flash(req, 'success', `Saved the city’s shares by ${what}.`);
      res.redirect(303, url);
    }),
  );
  return r;
}
