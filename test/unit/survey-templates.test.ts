import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEFAULT_CITY_NAMES } from '../../src/config';
import { structureProblems, translationGaps, type SurveySpec } from '../../src/surveys/model/spec';
import { CHANNELS, MYLA311_USE } from '../../src/participants/profile/options';
import { referenceLabels } from '../../src/reference/reference.labels';
import type { ReferenceData } from '../../src/reference/reference.queries';
import { driverCode } from '../../src/surveys/templates/a11.template';
import {
  TEMPLATES,
  onlyLanguages,
  templateBySlug,
  type TemplateContext,
} from '../../src/surveys/templates/catalog';
import {
  districtCode,
  districtOf,
  languageCode,
  requestTypeCode,
} from '../../src/surveys/templates/screener.codes';
import { TEMPLATE_LANGUAGES } from '../../src/surveys/templates/texts';

/** The real reference data, read from the CSVs the app loads. */
const csv = (file: string) =>
  parse(fs.readFileSync(path.join(__dirname, '..', '..', 'db', 'seeds', file)), {
    columns: true,
    bom: true,
  }) as Record<string, string>[];
const labels = (r: Record<string, string>, code: string) => referenceLabels(r, code, () => {});
const ref: TemplateContext['ref'] = {
  requestTypes: csv('request_types.csv').map((r) => ({
    name: r.request_type,
    usual_owner: r.usual_owner,
    labels: labels(r, r.request_type),
  })),
  districts: csv('council_districts.csv').map((r) => ({
    district: Number(r.district),
    name: r.name,
    labels: labels(r, r.district),
  })) as ReferenceData['districts'],
  languages: csv('languages.csv').map((r) => ({
    code: r.code,
    english_name: r.english_name,
    native_name: r.native_name,
  })),
};
const cx = csv('omb_a11_280_questions.csv').map((r) => ({
  driver: r.driver,
  statement: r.statement,
}));
const context: TemplateContext = { ref, names: DEFAULT_CITY_NAMES, cx };
const bulky = templateBySlug('a11')!.build(context, { service: 'Bulky Items', stage: 'intake' });
const general = templateBySlug('a11')!.build(context, { service: 'general', stage: 'fulfillment' });
const specs: [string, SurveySpec][] = [
  ['a11 (Bulky Items)', bulky],
  ['a11 (311 in general)', general],
  ...TEMPLATES.filter((t) => t.slug !== 'a11').map(
    (t) =>
      [t.slug, t.build(context, { service: 'general', stage: 'intake' })] as [string, SurveySpec],
  ),
];
const questions = (s: SurveySpec) => s.pages.flatMap((p) => p.questions);
const everyText = (s: SurveySpec, lang: string): string[] => [
  s.texts.title[lang] ?? '',
  s.texts.introduction?.[lang] ?? '',
  s.texts.thankYou?.[lang] ?? '',
  ...s.pages.map((p) => p.title?.[lang] ?? ''),
  ...questions(s).flatMap((q) => [
    q.label[lang] ?? '',
    q.help?.[lang] ?? '',
    ...(q.options ?? []).map((o) => o.label[lang] ?? ''),
  ]),
];

describe.each(specs)('the %s template', (_, spec) => {
  it('has a sound structure', () => {
    expect(structureProblems(spec.pages)).toEqual([]);
  });

  it('offers the five resident languages with no text missing in any', () => {
    expect(spec.languages).toEqual(['en', 'es', 'ko', 'hy', 'zh-Hant']);
    const gaps = translationGaps(spec);
    expect(gaps).toEqual({ en: [], es: [], ko: [], hy: [], 'zh-Hant': [] });
  });

  it('leaves no placeholder unfilled and names no city in code', () => {
    for (const lang of TEMPLATE_LANGUAGES)
      for (const text of everyText(spec, lang)) {
        expect(text).not.toMatch(/\{\{|\}\}|\[service\]/);
      }
  });

  it('says things differently in each language (translated, not copied)', () => {
    const en = spec.texts.title.en;
    for (const lang of TEMPLATE_LANGUAGES.filter((l) => l !== 'en'))
      expect(spec.texts.title[lang]).not.toBe(en);
  });

  it('can offer fewer languages, keeping only their texts', () => {
    const two = onlyLanguages(spec, ['es', 'en']);
    expect(two.languages).toEqual(['en', 'es']);
    expect(Object.keys(two.texts.title).sort()).toEqual(['en', 'es']);
    expect(Object.keys(questions(two)[0].label).sort()).toEqual(['en', 'es']);
    expect(translationGaps(two)).toEqual({ en: [], es: [] });
    expect(structureProblems(two.pages)).toEqual([]);
  });
});

describe('the A-11 template', () => {
  it('asks the seven driver statements of the reference table, in its English, on the agreement scale', () => {
    const drivers = questions(bulky).filter((q) => q.type === 'agreement');
    expect(drivers.map((q) => q.driver)).toEqual([
      'satisfaction',
      'confidence',
      'effectiveness',
      'ease',
      'efficiency',
      'equity',
      'employee',
    ]);
    expect(drivers.map((q) => q.code)).toEqual(cx.map((c) => driverCode(c.driver)));
    // English exactly as the reference data has it, "[service]" filled with the service's label.
    expect(drivers.map((q) => q.label.en)).toEqual(
      cx.map((c) => c.statement.replace('[service]', 'Bulky item pickup')),
    );
    for (const q of drivers) expect([q.service, q.stage]).toEqual(['Bulky Items', 'intake']);
    const open = questions(bulky).filter((q) => q.type === 'long_text');
    expect(open.map((q) => q.code)).toEqual(['worked_well', 'could_be_better']);
    expect(bulky.kind).toBe('general');
  });

  it('fills "[service]" with the request type\'s label in each language', () => {
    const satisfaction = questions(bulky).find((q) => q.code === 'satisfaction')!;
    const type = ref.requestTypes.find((r) => r.name === 'Bulky Items')!;
    for (const lang of TEMPLATE_LANGUAGES) {
      expect(satisfaction.label[lang]).toContain(type.labels[lang]);
      expect(bulky.texts.title[lang]).toContain(type.labels[lang]);
    }
    expect(satisfaction.label.es).toBe(
      'Estoy satisfecho/a con el servicio que recibí de Recolección de artículos voluminosos.',
    );
    expect(satisfaction.label.ko).toBe('대형 폐기물 수거에서 받은 서비스에 만족합니다.');
    expect(satisfaction.label['zh-Hant']).toBe('我對從大型物品收運獲得的服務感到滿意。');
  });

  it('fills "[service]" with the 311 service\'s own name for "311 in general"', () => {
    const confidence = questions(general).find((q) => q.code === 'confidence')!;
    for (const lang of TEMPLATE_LANGUAGES) expect(confidence.label[lang]).toContain('MyLA311');
    expect(confidence.label.en).toBe('This interaction increased my confidence in MyLA311.');
    expect(confidence.service).toBe('general');
    expect(confidence.stage).toBe('fulfillment');
  });

  it("uses another city's names and another table's statements", () => {
    const other = templateBySlug('a11')!.build(
      {
        ...context,
        names: { city: 'Springfield', service311: 'Springfield 311', office: 'Civic Office' },
        cx: [
          { driver: 'satisfaction', statement: 'I like [service].' },
          { driver: 'Trust Level', statement: 'I trust [service].' },
        ],
      },
      { service: 'general', stage: 'intake' },
    );
    const [a, b] = questions(other);
    expect(a.label.en).toBe('I like Springfield 311.');
    expect(b.code).toBe('trust_level');
    expect(b.label.ko).toBe('I trust Springfield 311.');
    expect(structureProblems(other.pages)).toEqual([]);
  });
});

describe('the screener', () => {
  const spec = templateBySlug('screener')!.build(context, { service: 'general', stage: 'intake' });
  const q = (code: string) => questions(spec).find((x) => x.code === code)!;

  it("answers with the panel profile's own codes", () => {
    expect(spec.kind).toBe('screener');
    expect(q('use_frequency').options!.map((o) => o.code)).toEqual([...MYLA311_USE]);
    expect(q('channels').options!.map((o) => o.code)).toEqual([...CHANNELS, 'other']);
    expect(q('channels').options!.find((o) => o.code === 'other')!.isOther).toBe(true);
    expect(q('request_types').options!.map((o) => o.code)).toEqual(
      ref.requestTypes.map((r) => requestTypeCode(r.name)),
    );
    expect(q('request_types').options![0].code).toBe('bulky_items');
    expect(q('language').options!.map((o) => o.code)).toContain(languageCode('zh-Hant'));
    expect(q('council_district').options!.map((o) => o.code)).toEqual([
      ...ref.districts.map((d) => districtCode(d.district)),
      'dont_know',
    ]);
    expect(q('council_district').preferNot).toBe(true);
    expect(districtOf('district_14')).toBe(14);
    expect(districtOf('dont_know')).toBeNull();
  });

  it('asks how someone used it only of those who did', () => {
    expect(spec.pages[1].condition).toEqual({
      combine: 'all',
      rules: [{ question: 'use_frequency', op: 'one_of', value: ['once', 'few', 'often'] }],
    });
    // The profile's wording in each language (the catalogue's own).
    expect(q('use_frequency').label.es).toContain('MyLA311');
    expect(q('channels').options![0].label.en).toBe('MyLA311 app');
  });
});

describe('the post-session survey', () => {
  const spec = templateBySlug('post-session')!.build(context, {
    service: 'general',
    stage: 'intake',
  });
  it('asks the session, feeling heard, accessibility, again, change and NPS', () => {
    expect(spec.kind).toBe('post_session');
    expect(questions(spec).map((x) => [x.code, x.type])).toEqual([
      ['session_rating', 'single_choice'],
      ['felt_heard', 'agreement'],
      ['accessibility', 'single_choice'],
      ['access_problem', 'long_text'],
      ['again', 'yes_no'],
      ['change', 'long_text'],
      ['recommend', 'nps'],
    ]);
    expect(questions(spec)[3].condition?.rules[0].question).toBe('accessibility');
  });
});
