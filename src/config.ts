import { z } from 'zod';
import { en } from './i18n/locales/en';

/** Environment variables, parsed and validated once at start. See README "Configuration". */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, 'PORT must be a whole number from 0 to 65535')
    .transform(Number)
    .pipe(z.number().max(65535, 'PORT must be a whole number from 0 to 65535'))
    .default(3000),
  DATABASE_PATH: z.string().min(1).default('db/civic-panel.sqlite'),
  BASE_URL: z
    .url({
      protocol: /^https?$/,
      message: 'BASE_URL must be an http(s) URL, e.g. https://panel.example.gov',
    })
    .optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Civic Panel <no-reply@localhost>'),
  TZ_CITY: z
    .string()
    .refine((tz) => isTimeZone(tz), 'TZ_CITY must be an IANA time zone such as America/Los_Angeles')
    .default('America/Los_Angeles'),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d+)$/, 'TRUST_PROXY must be true, false or a number of proxies')
    .default('false'),
  RUN_JOBS: z.enum(['true', 'false'], { error: 'RUN_JOBS must be true or false' }).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // The names pages and emails give the city; defaults are the English catalogue's (src/i18n).
  CITY_NAME: z.string().trim().max(100).default(en.city.name),
  SERVICE_311_NAME: z.string().trim().max(100).default(en.city.service311),
  OFFICE_NAME: z.string().trim().max(100).default(en.city.office),
});

/** What the catalogues interpolate as {{city}}, {{service311}} and {{office}}. */
export interface CityNames {
  city: string;
  service311: string;
  office: string;
}

/** The default names (the English catalogue's), for code that runs without a config. */
export const DEFAULT_CITY_NAMES: CityNames = {
  city: en.city.name,
  service311: en.city.service311,
  office: en.city.office,
};

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  databasePath: string;
  baseUrl: string;
  /** Undefined in development: the app then generates one and keeps it in the database. */
  sessionSecret?: string;
  smtpUrl?: string;
  mailFrom: string;
  cityTimeZone: string;
  logLevel: string;
  /** Run the job runner inside the web process (false when `npm run worker` runs it). */
  runJobs: boolean;
  /** Express 'trust proxy': false, true, or the number of proxies in front of the app. */
  trustProxy: boolean | number;
  /** True when cookies must be Secure and `__Host-` prefixed. */
  secureCookies: boolean;
  /** The city's, its 311 service's and the office's names, as pages and emails say them. */
  cityNames: CityNames;
}

export class ConfigError extends Error {}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty or blank values (as a .env file often has) mean "not set".
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production') {
    const missing = [];
    if (!e.SESSION_SECRET) missing.push('  SESSION_SECRET: required in production');
    if (!e.BASE_URL)
      missing.push('  BASE_URL: required in production (used for every link in email)');
    if (missing.length) throw new ConfigError(`Invalid configuration:\n${missing.join('\n')}`);
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    databasePath: e.DATABASE_PATH,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    sessionSecret: e.SESSION_SECRET,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    cityTimeZone: e.TZ_CITY,
    logLevel: e.LOG_LEVEL,
    runJobs: e.RUN_JOBS === 'true',
    trustProxy:
      e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY === 'false' ? false : Number(e.TRUST_PROXY),
    secureCookies: e.NODE_ENV === 'production',
    cityNames: { city: e.CITY_NAME, service311: e.SERVICE_311_NAME, office: e.OFFICE_NAME },
  };
}

/** A config for tests: in-memory values, overridable. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    env: 'test',
    port: 0,
    databasePath: ':memory:',
    baseUrl: 'http://127.0.0.1:3000',
    sessionSecret: 'test-secret-test-secret-test-secret-0123',
    mailFrom: 'Civic Panel <no-reply@civicpanel.test>',
    cityTimeZone: 'America/Los_Angeles',
    logLevel: 'silent',
    runJobs: false,
    trustProxy: false,
    secureCookies: false,
    cityNames: DEFAULT_CITY_NAMES,
    ...overrides,
  };
}
