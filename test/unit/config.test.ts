import { ConfigError, loadConfig } from '../../src/config';

const SECRET = 'a'.repeat(32);

/** Calls loadConfig and returns the ConfigError it throws (fails the test if it does not throw). */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('loadConfig did not throw');
}

describe('loadConfig', () => {
  describe('defaults', () => {
    const config = loadConfig({});

    it('listens on port 3000', () => {
      expect(config.port).toBe(3000);
    });

    it('uses db/civic-panel.sqlite', () => {
      expect(config.databasePath).toBe('db/civic-panel.sqlite');
    });

    it('uses the Los Angeles time zone', () => {
      expect(config.cityTimeZone).toBe('America/Los_Angeles');
    });

    it('builds the base URL from the default port', () => {
      expect(config.baseUrl).toBe('http://localhost:3000');
    });

    it('is development, without session secret or SMTP, not trusting proxies', () => {
      expect(config.env).toBe('development');
      expect(config.sessionSecret).toBeUndefined();
      expect(config.smtpUrl).toBeUndefined();
      expect(config.trustProxy).toBe(false);
      expect(config.logLevel).toBe('info');
      expect(config.mailFrom).toBe('Civic Panel <no-reply@localhost>');
    });
  });

  it('builds the default base URL from PORT', () => {
    const config = loadConfig({ PORT: '8080' });
    expect(config.port).toBe(8080);
    expect(config.baseUrl).toBe('http://localhost:8080');
  });

  it('strips trailing slashes from BASE_URL', () => {
    expect(loadConfig({ BASE_URL: 'https://panel.example.gov/' }).baseUrl).toBe(
      'https://panel.example.gov',
    );
    expect(loadConfig({ BASE_URL: 'https://panel.example.gov/civic//' }).baseUrl).toBe(
      'https://panel.example.gov/civic',
    );
  });

  it('passes the other variables through', () => {
    const config = loadConfig({
      DATABASE_PATH: '/var/lib/civic/panel.sqlite',
      SMTP_URL: 'smtps://user:pass@smtp.example.gov:465',
      MAIL_FROM: 'Panel <panel@example.gov>',
      TZ_CITY: 'America/New_York',
      LOG_LEVEL: 'warn',
    });
    expect(config.databasePath).toBe('/var/lib/civic/panel.sqlite');
    expect(config.smtpUrl).toBe('smtps://user:pass@smtp.example.gov:465');
    expect(config.mailFrom).toBe('Panel <panel@example.gov>');
    expect(config.cityTimeZone).toBe('America/New_York');
    expect(config.logLevel).toBe('warn');
  });

  describe('production', () => {
    it('requires SESSION_SECRET', () => {
      const err = configError({ NODE_ENV: 'production', BASE_URL: 'https://panel.example.gov' });
      expect(err.message).toMatch(/SESSION_SECRET/);
      expect(err.message).not.toMatch(/BASE_URL/);
    });

    it('requires BASE_URL', () => {
      const err = configError({ NODE_ENV: 'production', SESSION_SECRET: SECRET });
      expect(err.message).toMatch(/BASE_URL/);
      expect(err.message).not.toMatch(/SESSION_SECRET/);
    });

    it('names both when both are missing', () => {
      const err = configError({ NODE_ENV: 'production' });
      expect(err.message).toMatch(/SESSION_SECRET/);
      expect(err.message).toMatch(/BASE_URL/);
    });

    it('starts with both, and turns on secure cookies', () => {
      const config = loadConfig({
        NODE_ENV: 'production',
        SESSION_SECRET: SECRET,
        BASE_URL: 'https://panel.example.gov',
      });
      expect(config.env).toBe('production');
      expect(config.sessionSecret).toBe(SECRET);
      expect(config.baseUrl).toBe('https://panel.example.gov');
      expect(config.secureCookies).toBe(true);
    });

    it('refuses a session secret shorter than 32 characters', () => {
      const err = configError({
        NODE_ENV: 'production',
        SESSION_SECRET: 'a'.repeat(31),
        BASE_URL: 'https://panel.example.gov',
      });
      expect(err.message).toMatch(/SESSION_SECRET/);
    });
  });

  it('uses secure cookies only in production', () => {
    expect(loadConfig({}).secureCookies).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development' }).secureCookies).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).secureCookies).toBe(false);
  });

  describe('invalid values name the variable', () => {
    it.each([
      ['PORT', 'abc'],
      ['PORT', '70000'],
      ['PORT', '-1'],
      ['PORT', '80.5'],
      ['SMTP_URL', 'http://smtp.example.gov'],
      ['SMTP_URL', 'smtp.example.gov:587'],
      ['TZ_CITY', 'Mars/Olympus_Mons'],
      ['TRUST_PROXY', 'yes'],
      ['TRUST_PROXY', '-1'],
      ['BASE_URL', 'ftp://panel.example.gov'],
      ['BASE_URL', 'not a url'],
      ['NODE_ENV', 'staging'],
      ['LOG_LEVEL', 'verbose'],
    ])('%s=%s', (name, value) => {
      const err = configError({ [name]: value });
      expect(err.message).toMatch(new RegExp(`^\\s*${name}:`, 'm'));
    });

    it('lists every invalid variable at once', () => {
      const err = configError({ PORT: 'abc', TZ_CITY: 'Nowhere/Town', TRUST_PROXY: 'maybe' });
      expect(err.message).toMatch(/PORT/);
      expect(err.message).toMatch(/TZ_CITY/);
      expect(err.message).toMatch(/TRUST_PROXY/);
    });
  });

  describe('TRUST_PROXY', () => {
    it.each([
      ['true', true],
      ['false', false],
      ['2', 2],
      ['0', 0],
    ])('%s gives %p', (value, expected) => {
      expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toBe(expected);
    });
  });

  describe('empty strings count as unset', () => {
    it('uses defaults for empty values', () => {
      const config = loadConfig({
        PORT: '',
        DATABASE_PATH: '',
        BASE_URL: '',
        SMTP_URL: '',
        TZ_CITY: '',
        TRUST_PROXY: '',
        LOG_LEVEL: '',
        NODE_ENV: '',
        SESSION_SECRET: '',
      });
      expect(config.port).toBe(3000);
      expect(config.databasePath).toBe('db/civic-panel.sqlite');
      expect(config.baseUrl).toBe('http://localhost:3000');
      expect(config.smtpUrl).toBeUndefined();
      expect(config.cityTimeZone).toBe('America/Los_Angeles');
      expect(config.trustProxy).toBe(false);
      expect(config.logLevel).toBe('info');
      expect(config.env).toBe('development');
      expect(config.sessionSecret).toBeUndefined();
    });

    it('treats an empty SESSION_SECRET as missing in production', () => {
      const err = configError({
        NODE_ENV: 'production',
        SESSION_SECRET: '',
        BASE_URL: 'https://panel.example.gov',
      });
      expect(err.message).toMatch(/SESSION_SECRET: required in production/);
    });
  });
});
