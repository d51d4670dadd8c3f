import {
  DEFAULT_LOCALE,
  LOCALES,
  LOCALE_NAMES,
  catalogues,
  isLocale,
  negotiateLocale,
  translator,
} from '../../src/i18n/i18n';

/** Every leaf of a catalogue as [dotted key, value]. */
function leaves(node: unknown, prefix = ''): [string, unknown][] {
  if (node === null || typeof node !== 'object') return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    leaves(value, prefix ? `${prefix}.${key}` : key),
  );
}

const placeholders = (value: string) =>
  [...value.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]);

describe('catalogues', () => {
  const en = new Map(leaves(catalogues.en));

  it('has English as the default and a name for every locale', () => {
    expect(DEFAULT_LOCALE).toBe('en');
    expect(LOCALES).toEqual(['en', 'es', 'ko', 'hy', 'zh-Hant']);
    expect(Object.keys(LOCALE_NAMES).sort()).toEqual([...LOCALES].sort());
  });

  it('English has only non-empty string values', () => {
    for (const [key, value] of en) {
      expect([key, typeof value]).toEqual([key, 'string']);
      expect([key, (value as string).trim().length > 0]).toEqual([key, true]);
    }
  });

  describe.each(LOCALES.filter((l) => l !== 'en'))('%s', (locale) => {
    const entries = new Map(leaves(catalogues[locale]));

    it('has no key missing from it', () => {
      const missing = [...en.keys()].filter((k) => !entries.has(k));
      expect(missing).toEqual([]);
    });

    it('has no key that English lacks', () => {
      const extra = [...entries.keys()].filter((k) => !en.has(k));
      expect(extra).toEqual([]);
    });

    it('has a non-empty string for every key', () => {
      const bad = [...entries].filter(([, v]) => typeof v !== 'string' || v.trim() === '');
      expect(bad).toEqual([]);
    });

    it('uses the same {{placeholders}} as English', () => {
      const differing = [...en]
        .filter(([key]) => entries.has(key))
        .filter(
          ([key, value]) =>
            placeholders(value as string)
              .sort()
              .join() !==
            placeholders(String(entries.get(key)))
              .sort()
              .join(),
        )
        .map(([key]) => key);
      expect(differing).toEqual([]);
    });
  });
});

describe('isLocale', () => {
  it('accepts exactly the supported tags', () => {
    expect(isLocale('es')).toBe(true);
    expect(isLocale('zh-Hant')).toBe(true);
    expect(isLocale('ES')).toBe(false);
    expect(isLocale('fr')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
    expect(isLocale(['en'])).toBe(false);
  });
});

describe('negotiateLocale', () => {
  it.each([
    ['es-MX,es;q=0.9', 'es'],
    ['ko-KR', 'ko'],
    ['hy-AM,hy;q=0.9,en;q=0.5', 'hy'],
    ['zh-TW', 'zh-Hant'],
    ['zh-CN', 'zh-Hant'],
    ['zh-Hant-TW', 'zh-Hant'],
    ['zh-hant', 'zh-Hant'],
    ['EN-us', 'en'],
    ['fr-CA,fr;q=0.9,es;q=0.5', 'es'],
  ])('%s → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it.each([['fr'], ['fr-FR,de;q=0.8'], ['*'], ['']])('%p → undefined', (header) => {
    expect(negotiateLocale(header)).toBeUndefined();
  });

  it('returns undefined without a header', () => {
    expect(negotiateLocale(undefined)).toBeUndefined();
  });

  it('orders by q, not by position', () => {
    expect(negotiateLocale('en;q=0.3,ko;q=0.8,es;q=0.5')).toBe('ko');
    expect(negotiateLocale('es;q=0.5, hy')).toBe('hy');
  });

  it('keeps header order between equal q values', () => {
    expect(negotiateLocale('ko, es')).toBe('ko');
    expect(negotiateLocale('es;q=0.7, ko;q=0.7')).toBe('es');
  });

  it('ignores languages with q=0', () => {
    expect(negotiateLocale('es;q=0, ko;q=0.1')).toBe('ko');
    expect(negotiateLocale('es;q=0')).toBeUndefined();
    expect(negotiateLocale('es;q=0.0, fr')).toBeUndefined();
  });

  it('survives garbage', () => {
    expect(negotiateLocale(',,, ;;; ,')).toBeUndefined();
    expect(negotiateLocale('en;q=abc, es')).toBe('es');
    expect(negotiateLocale(';q=0.5, ko')).toBe('ko');
    expect(negotiateLocale('\u0000\uffff')).toBeUndefined();
    expect(negotiateLocale('x'.repeat(10_000))).toBeUndefined();
  });
});

describe('the city names', () => {
  const springfield = { city: 'Springfield', service311: 'Springfield 311', office: 'Civic Life' };

  it("are the catalogues' own by default, in each language", () => {
    expect(translator('en')('site.owner')).toBe(
      'City of Los Angeles · Office of Community Engagement',
    );
    expect(translator('es')('home.contact')).toContain('desde fuera de Los Ángeles');
    expect(translator('ko')('site.banner')).toBe('로스앤젤레스시 공식 웹사이트');
  });

  it('are the configured ones, as given, in every language', () => {
    for (const locale of LOCALES) {
      const t = translator(locale, springfield);
      expect(t('mail.signature')).toContain('Springfield');
      expect(t('mail.signature')).toContain('Civic Life');
      expect(t('fields.myla311Use.required')).toContain('Springfield 311');
    }
  });

  it('leave no {{placeholder}} of theirs in any sentence', () => {
    for (const locale of LOCALES) {
      const t = translator(locale, springfield);
      for (const [key] of leaves(catalogues.en)) {
        expect([key, t(key)]).not.toEqual([
          key,
          expect.stringMatching(/\{\{(city|service311|office)\}\}/),
        ]);
      }
    }
  });
});

describe('translator', () => {
  it('translates into each locale', () => {
    expect(translator('en')('errors.home')).toBe(catalogues.en.errors.home);
    expect(translator('es')('errors.home')).toBe(catalogues.es.errors.home);
    expect(translator('ko')('errors.home')).toBe(catalogues.ko.errors.home);
    expect(translator('hy')('errors.home')).toBe(catalogues.hy.errors.home);
    expect(translator('zh-Hant')('errors.home')).toBe(catalogues['zh-Hant'].errors.home);
    expect(catalogues.es.errors.home).not.toBe(catalogues.en.errors.home);
  });

  it('falls back to English for an unknown locale', () => {
    expect(translator('xx')('errors.notFoundTitle')).toBe('Page not found');
    expect(translator('')('site.skip')).toBe('Skip to main content');
  });

  it('interpolates errors.reference', () => {
    expect(translator('en')('errors.reference', { ref: 'ABC123' })).toBe('Reference: ABC123');
    expect(translator('es')('errors.reference', { ref: 'ABC123' })).toContain('ABC123');
    expect(translator('es')('errors.reference', { ref: 'ABC123' })).not.toContain('{{');
  });

  it('leaves escaping to the view (no HTML entities)', () => {
    expect(translator('en')('errors.reference', { ref: '<b>&' })).toBe('Reference: <b>&');
  });
});
