import { Router } from 'express';
import { hasRole, requireStaff } from '../web/auth';
import { DashboardService, UPCOMING_DAYS, type DashboardDeps } from './dashboard.service';
import { dashboardTiles, tileHrefs, upcomingRows } from './dashboard.view';

/** The staff home (/staff): figures that link to the lists behind them. */
export function dashboardRoutes(d: DashboardDeps): Router {
  const r = Router();
  const dashboard = new DashboardService(d);

  r.get('/staff', requireStaff, async (req, res) => {
    const figures = await dashboard.figures((...roles) => hasRole(req, ...roles), req.user!.id);
    const covered = tileHrefs(figures);
    const nav = res.locals.nav as { href: string; label: string }[];
    res.render('dashboard/home', {
      tiles: dashboardTiles(figures, d.cityTimeZone),
      upcoming: figures.upcoming && upcomingRows(figures, d.cityTimeZone, d.ref),
      upcomingDays: UPCOMING_DAYS,
      upcomingMine: !hasRole(req, 'organizer'),
      otherPages: nav.filter((n) => n.href !== '/staff' && !covered.has(n.href)),
    });
  });

  return r;
}
