import type { CityNames } from '../../config';
import { cityVariables, type Locale } from '../../i18n/i18n';
import { labelIn } from '../../reference/reference.labels';
import type { ReferenceData } from '../../reference/reference.queries';
import type { QuestionSpec, SurveySpec } from '../model/spec';
import type { Translated } from '../model/texts';
import { A11_STATEMENTS } from './a11.translations';
import { NO_PERSONAL_DETAILS, TEMPLATE_LANGUAGES, filled, type Five, type Fill } from './texts';

/** A row of the `cx_questions` reference table. */
export interface CxQuestion {
  driver: string;
  statement: string;
}

/** The order OMB A-11 §280 lists the drivers in; a driver it does not name comes after them. */
export const A11_ORDER = [
  'satisfaction',
  'confidence',
  'effectiveness',
  'ease',
  'efficiency',
  'equity',
  'employee',
];

/** The reference rows in the A-11 order (the table itself has none). */
export function inA11Order<T extends { driver: string }>(rows: T[]): T[] {
  const rank = (d: string) => (A11_ORDER.includes(d) ? A11_ORDER.indexOf(d) : A11_ORDER.length);
  return [...rows].sort(
    (a, b) => rank(a.driver) - rank(b.driver) || a.driver.localeCompare(b.driver),
  );
}

export const STAGES = ['intake', 'fulfillment', 'communication'] as const;
export type Stage = (typeof STAGES)[number];
/** The service of the shared vocabulary for "311 in general". */
export const GENERAL_SERVICE = 'general';

export interface A11Choices {
  /** A request type's name, or 'general'. */
  service: string;
  stage: Stage;
}

/** What "[service]" reads in each language: the request type's label, or the 311 service's name. */
export function serviceNames(
  ref: Pick<ReferenceData, 'requestTypes'>,
  names: CityNames,
  service: string,
): Record<string, string> {
  const type = ref.requestTypes.find((r) => r.name === service);
  return Object.fromEntries(
    TEMPLATE_LANGUAGES.map((lang) => [
      lang,
      type ? labelIn(type.labels, lang, service) : cityVariables(lang as Locale, names).service311,
    ]),
  );
}

/** A driver's statement in each language, "[service]" filled (English exactly as the table has it). */
function statement(cx: CxQuestion, service: Record<string, string>): Translated {
  const own = A11_STATEMENTS[cx.driver];
  // Another city's table may name a driver we have no translation of: its English everywhere.
  return Object.fromEntries(
    TEMPLATE_LANGUAGES.map((lang) => {
      const text = lang === 'en' || !own ? cx.statement : own[lang];
      return [lang, text.split('[service]').join(service[lang])];
    }),
  );
}

/** A driver code as a question code (the reference codes are already lower-case words). */
export const driverCode = (driver: string): string =>
  driver
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(?![a-z])/, 'cx_')
    .slice(0, 40);

const T = {
  title: {
    en: 'Your experience with {{service}}',
    es: 'Su experiencia con {{service}}',
    ko: '{{service}} 이용 경험',
    hy: 'Ձեր փորձը «{{service}}»-ի հետ',
    'zh-Hant': '您使用{{service}}的經驗',
  },
  introduction: {
    en: 'Please tell us about your most recent experience with {{service}}. It takes about 3 minutes. Every question is optional.',
    es: 'Cuéntenos sobre su experiencia más reciente con {{service}}. Toma unos 3 minutos. Todas las preguntas son opcionales.',
    ko: '최근 {{service}} 이용 경험에 대해 알려 주세요. 약 3분 정도 걸립니다. 모든 질문은 선택 사항입니다.',
    hy: 'Պատմեք մեզ «{{service}}»-ի հետ Ձեր վերջին փորձի մասին։ Սա կտևի մոտ 3 րոպե։ Բոլոր հարցերը կամընտրական են։',
    'zh-Hant': '請告訴我們您最近一次使用{{service}}的經驗。大約需要 3 分鐘。所有問題皆可不回答。',
  },
  thankYou: {
    en: 'Thank you for your answers. They help us improve the service.',
    es: 'Gracias por sus respuestas. Nos ayudan a mejorar el servicio.',
    ko: '응답해 주셔서 감사합니다. 서비스 개선에 큰 도움이 됩니다.',
    hy: 'Շնորհակալություն Ձեր պատասխանների համար։ Դրանք օգնում են մեզ բարելավել ծառայությունը։',
    'zh-Hant': '感謝您的回答。您的意見能幫助我們改善服務。',
  },
  scalePage: {
    en: 'Your experience',
    es: 'Su experiencia',
    ko: '이용 경험',
    hy: 'Ձեր փորձը',
    'zh-Hant': '您的經驗',
  },
  scaleHelp: {
    en: 'How much do you agree or disagree?',
    es: '¿Qué tan de acuerdo o en desacuerdo está?',
    ko: '얼마나 동의하십니까?',
    hy: 'Որքանո՞վ եք համաձայն կամ համաձայն չեք։',
    'zh-Hant': '您有多同意或不同意？',
  },
  openPage: {
    en: 'In your own words',
    es: 'En sus propias palabras',
    ko: '자유롭게 말씀해 주세요',
    hy: 'Ձեր իսկ խոսքերով',
    'zh-Hant': '用您自己的話說',
  },
  workedWell: {
    en: 'What worked well?',
    es: '¿Qué funcionó bien?',
    ko: '어떤 점이 좋았습니까?',
    hy: 'Ի՞նչը լավ ստացվեց։',
    'zh-Hant': '哪些地方做得好？',
  },
  couldBeBetter: {
    en: 'What could be better?',
    es: '¿Qué se podría mejorar?',
    ko: '어떤 점이 개선되면 좋겠습니까?',
    hy: 'Ի՞նչը կարող էր ավելի լավ լինել։',
    'zh-Hant': '哪些地方可以做得更好？',
  },
} satisfies Record<string, Five>;

/**
 * The OMB A-11 §280 customer-experience survey about one service at one life-cycle stage: the
 * seven driver statements of the reference table on the 5-point agreement scale, each tagged with
 * its driver, the service and the stage, then two open questions.
 */
export function a11Template(
  c: { ref: Pick<ReferenceData, 'requestTypes'>; names: CityNames; cx: CxQuestion[] },
  choices: A11Choices,
): SurveySpec {
  const service = serviceNames(c.ref, c.names, choices.service);
  const fill: Fill = {
    names: c.names,
    vars: Object.fromEntries(TEMPLATE_LANGUAGES.map((l) => [l, { service: service[l] }])),
  };
  const f = (t: Five) => filled(t, fill);
  const tags = { service: choices.service, stage: choices.stage };
  const drivers: QuestionSpec[] = c.cx.map((cx) => ({
    code: driverCode(cx.driver),
    type: 'agreement',
    label: statement(cx, service),
    driver: cx.driver,
    ...tags,
  }));
  if (!drivers.length) throw new Error('The A-11 reference table (cx_questions) is empty');
  drivers[0] = { ...drivers[0], help: f(T.scaleHelp) };
  const open = (code: string, label: Five): QuestionSpec => ({
    code,
    type: 'long_text',
    label: f(label),
    help: f(NO_PERSONAL_DETAILS),
    settings: { maxLength: 2000 },
    ...tags,
  });
  return {
    title: `Customer experience (A-11): ${service.en}, ${choices.stage}`,
    kind: 'general',
    languages: [...TEMPLATE_LANGUAGES],
    anonymous: true,
    texts: { title: f(T.title), introduction: f(T.introduction), thankYou: f(T.thankYou) },
    pages: [
      { title: f(T.scalePage), questions: drivers },
      {
        title: f(T.openPage),
        questions: [open('worked_well', T.workedWell), open('could_be_better', T.couldBeBetter)],
      },
    ],
  };
}
