import express from 'express';
import cookieParser from 'cookie-parser';
import type { Logger } from 'pino';
import type { Clock } from './clock';
import type { Config } from './config';
import type { DB } from './db/database';
import { createLogger } from './logger';
import type { Mailer } from './mail/mailer';
import { mailRoutes } from './mail/mail.routes';
import { homeRoutes } from './home/home.routes';
import { isImportUpload } from './participants/import/import.routes';
import { participantsFeature } from './participants/participants.feature';
import { auditRoutes } from './audit/audit.routes';
import { loadReference } from './reference/reference.queries';
import { StaffService } from './staff/staff.service';
import { studiesFeature } from './studies/studies.feature';
import { surveysFeature } from './surveys/surveys.feature';
import { feedbackFeature } from './feedback/feedback.feature';
import { resultsFeature } from './results/results.feature';
import { authRoutes } from './staff/auth.routes';
import { accountRoutes } from './staff/account.routes';
import { dashboardRoutes } from './dashboard/dashboard.routes';
import { usersRoutes } from './staff/users.routes';
import { createPassport } from './staff/passport';
import { DeviceCookies } from './staff/device-cookie';
import { PUBLIC_DIR, USWDS_DIST, VIEWS_DIR } from './paths';
import { csrfLocals, csrfProtection } from './web/csrf';
import { errorHandler, notFound } from './web/error-handler';
import { flashLocals } from './web/flash';
import { healthCheck } from './web/health.routes';
import { residentLocale, staffLocale } from './web/locale';
import { requestLog } from './web/request-log';
import { rateLimits } from './web/rate-limit';
import { chain, flatRouter } from './web/routes';
import { noStore, securityHeaders } from './web/security';
import { cookieName, sessionMiddleware, sessionTimeouts } from './web/session';
import { staffIdOf } from './web/session-store';
import { staffLocals } from './web/staff-locals';
import { viewHelpers } from './web/view-helpers';

export interface AppDeps {
  db: DB;
  config: Config;
  mailer: Mailer;
  clock: Clock;
  logger?: Logger;
  /** Overrides config.sessionSecret (the server passes the one kept in the database). */
  sessionSecret?: string;
  /** Per-IP login request limit per 15 minutes (tests lower or raise it). */
  loginRateLimit?: number;
  /** Per-IP sign-up limit per 15 minutes. */
  joinRateLimit?: number;
}

/** Paths whose pages are for staff (English) rather than residents (their own language). */
const STAFF_PATHS = /^\/(staff|login|logout|set-password)(\/|$)/;

/** Builds the Express app from its dependencies; src/server.ts starts it. */
export async function createApp(deps: AppDeps): Promise<express.Express> {
  const { db, config, mailer, clock } = deps;
  const logger = deps.logger ?? createLogger(config.logLevel);
  const secret = deps.sessionSecret ?? config.sessionSecret;
  if (!secret) throw new Error('createApp needs a session secret');

  const staff = new StaffService({ db, mailer, clock, config, logger });
  const devices = new DeviceCookies(secret, config.secureCookies, clock);
  const passport = createPassport(staff, devices);
  const ref = await loadReference(db);
  // Per-IP limits counted in the database, so every process on it agrees.
  const limits = rateLimits(db, clock);
  const participants = participantsFeature({
    db,
    mailer,
    clock,
    config,
    logger,
    ref,
    limits,
    joinRateLimit: deps.joinRateLimit,
  });

  const app = express();
  app.disable('x-powered-by');
  // Pages are never stored (no-store): an ETag, a hash of each page sent, would serve nothing.
  // Static assets keep theirs (express.static makes its own).
  app.set('etag', false);
  app.set('views', VIEWS_DIR);
  app.set('view engine', 'ejs');
  app.set('trust proxy', config.trustProxy);
  app.set('sessionCookieName', cookieName(config));
  Object.assign(app.locals, viewHelpers(config.cityTimeZone), { siteName: 'Civic Panel' });

  app.use(chain(requestLog(logger), securityHeaders(config)));
  app.use('/assets/uswds', express.static(USWDS_DIST, { maxAge: '7d', index: false }));
  app.use('/assets', express.static(PUBLIC_DIR, { maxAge: '1h', index: false }));
  app.get('/healthz', healthCheck(db));

  const resident = residentLocale(config);
  const staffLang = staffLocale(config);
  const restoreLogin = passport.session();
  // compat: false — no req._passport for Passport 0.4 strategies, which the app does not use.
  const passportMethods = passport.initialize({ compat: false });
  // What every page passes before its route, in this order, as one layer (see chain).
  app.use(
    chain(
      noStore,
      cookieParser(),
      // Forms only: no route takes a JSON body.
      express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 2000 }),
      sessionMiddleware(db, config, clock, secret),
      sessionTimeouts(clock),
      // Passport: a session holding a staff login is restored (which also gives the request
      // req.logIn and the rest); staff pages without one get those methods to sign in with.
      // Residents' pages use neither: adding the methods to each request was a fifteenth of
      // what a survey page allocated.
      (req, res, next) =>
        req.session && staffIdOf(req.session) !== null
          ? restoreLogin(req, res, next)
          : STAFF_PATHS.test(req.path)
            ? passportMethods(req, res, next)
            : next(),
      (req, res, next) => (STAFF_PATHS.test(req.path) ? staffLang : resident)(req, res, next),
      flashLocals,
      csrfLocals(clock),
      staffLocals,
      // The CSV upload is multipart: its token is readable only after multer, so its route checks it.
      (req, res, next) => (isImportUpload(req) ? next() : csrfProtection(req, res, next)),
    ),
  );

  // Every feature router spells its full paths (the route-role test reads them); they are
  // mounted as one flat stack, in this order (see flatRouter).
  const studies = studiesFeature({
    db,
    clock,
    config,
    ref,
    staff,
    mailer,
    participants: participants.participants,
  });
  const { attendance } = studies;
  app.use(
    flatRouter(
      homeRoutes(),
      participants.router,
      studies.router,
      feedbackFeature({ db, clock, ref, cityTimeZone: config.cityTimeZone, attendance }).router,
      surveysFeature({
        db,
        clock,
        config,
        ref,
        mailer,
        limits,
        participants: participants.participants,
        sessionSecret: secret,
      }).router,
      resultsFeature({ db, clock, config, ref, mailer, participants: participants.participants })
        .router,
      auditRoutes({ db }),
      authRoutes({ staff, passport, devices, clock, limits, loginRateLimit: deps.loginRateLimit }),
      dashboardRoutes({ db, ref, clock, cityTimeZone: config.cityTimeZone }),
      accountRoutes({ staff, devices, clock }),
      usersRoutes(staff),
      mailRoutes({ db, mailer, clock }),
    ),
  );

  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
