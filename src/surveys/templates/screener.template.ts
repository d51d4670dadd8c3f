import type { CityNames } from '../../config';
import { CHANNELS, MYLA311_USE } from '../../participants/profile/options';
import type { ReferenceData } from '../../reference/reference.queries';
import type { OptionSpec, SurveySpec } from '../model/spec';
import type { Translated } from '../model/texts';
import { districtCode, languageCode, requestTypeCode } from './screener.codes';
import { TEMPLATE_LANGUAGES, everywhere, filled, fromCatalogue, type Five } from './texts';

const T = {
  title: {
    en: 'Using {{service311}}',
    es: 'El uso de {{service311}}',
    ko: '{{service311}} 이용',
    hy: '«{{service311}}»-ի օգտագործումը',
    'zh-Hant': '{{service311}} 使用情況',
  },
  introduction: {
    en: "A few questions about how you use {{service311}}, the City's 3-1-1 service. It takes about 2 minutes. Your answers help us invite the right people to focus groups.",
    es: 'Algunas preguntas sobre cómo usa {{service311}}, el servicio 3-1-1 de la Ciudad. Toma unos 2 minutos. Sus respuestas nos ayudan a invitar a las personas adecuadas a los grupos de enfoque.',
    ko: '시의 3-1-1 서비스인 {{service311}} 이용에 관한 몇 가지 질문입니다. 약 2분 정도 걸립니다. 응답해 주시면 포커스 그룹에 알맞은 분들을 초대하는 데 도움이 됩니다.',
    hy: 'Մի քանի հարց այն մասին, թե ինչպես եք օգտվում «{{service311}}»-ից՝ Քաղաքի 3-1-1 ծառայությունից։ Սա կտևի մոտ 2 րոպե։ Ձեր պատասխանները օգնում են մեզ ֆոկուս խմբերին հրավիրել ճիշտ մարդկանց։',
    'zh-Hant':
      '以下幾個問題是關於您如何使用市政府的 3-1-1 服務 {{service311}}。大約需要 2 分鐘。您的回答能幫助我們邀請合適的人參加焦點小組。',
  },
  thankYou: {
    en: 'Thank you for your answers.',
    es: 'Gracias por sus respuestas.',
    ko: '응답해 주셔서 감사합니다.',
    hy: 'Շնորհակալություն Ձեր պատասխանների համար։',
    'zh-Hant': '感謝您的回答。',
  },
  usePage: {
    en: 'Your use of {{service311}}',
    es: 'Su uso de {{service311}}',
    ko: '{{service311}} 이용 경험',
    hy: 'Ինչպես եք օգտվում «{{service311}}»-ից',
    'zh-Hant': '您使用 {{service311}} 的情況',
  },
  howPage: {
    en: 'How you used it',
    es: 'Cómo lo usó',
    ko: '이용 방법',
    hy: 'Ինչպես եք օգտվել',
    'zh-Hant': '使用方式',
  },
  otherWay: {
    en: 'Another way',
    es: 'Otra forma',
    ko: '다른 방법',
    hy: 'Այլ եղանակ',
    'zh-Hant': '其他方式',
  },
  lastUsed: {
    en: 'When did you last use {{service311}}?',
    es: '¿Cuándo usó {{service311}} por última vez?',
    ko: '{{service311}}을(를) 마지막으로 이용한 때는 언제입니까?',
    hy: 'Ե՞րբ եք վերջին անգամ օգտվել «{{service311}}»-ից։',
    'zh-Hant': '您最近一次使用 {{service311}} 是什麼時候？',
  },
  pastMonth: {
    en: 'In the past month',
    es: 'En el último mes',
    ko: '지난 1개월 이내',
    hy: 'Վերջին մեկ ամսում',
    'zh-Hant': '過去一個月內',
  },
  past3Months: {
    en: '1 to 3 months ago',
    es: 'Hace entre 1 y 3 meses',
    ko: '1~3개월 전',
    hy: '1–3 ամիս առաջ',
    'zh-Hant': '1 至 3 個月前',
  },
  pastYear: {
    en: '3 to 12 months ago',
    es: 'Hace entre 3 y 12 meses',
    ko: '3~12개월 전',
    hy: '3–12 ամիս առաջ',
    'zh-Hant': '3 至 12 個月前',
  },
  overYear: {
    en: 'More than a year ago',
    es: 'Hace más de un año',
    ko: '1년 이상 전',
    hy: 'Մեկ տարուց ավելի առաջ',
    'zh-Hant': '一年多以前',
  },
  dontRemember: {
    en: "I don't remember",
    es: 'No lo recuerdo',
    ko: '기억나지 않음',
    hy: 'Չեմ հիշում',
    'zh-Hant': '不記得了',
  },
  aboutPage: {
    en: 'About you',
    es: 'Sobre usted',
    ko: '귀하에 대해',
    hy: 'Ձեր մասին',
    'zh-Hant': '關於您',
  },
  otherLanguage: {
    en: 'Another language',
    es: 'Otro idioma',
    ko: '다른 언어',
    hy: 'Այլ լեզու',
    'zh-Hant': '其他語言',
  },
} satisfies Record<string, Five>;

/** Reference labels by locale, for the template's languages. */
const labelled = (labels: Record<string, string>, fallback: string): Translated =>
  Object.fromEntries(TEMPLATE_LANGUAGES.map((l) => [l, labels[l] ?? labels.en ?? fallback]));

/**
 * The usage screener: how often someone used the 311 service (the profile's own question and
 * codes), then — only for those who did — through which channels, for which request types and
 * when last; then their language and council district. Option codes match the profile's
 * (`screener.codes.ts`), so an answer can be compared with what the person told the panel.
 */
export function screenerTemplate(c: {
  ref: Pick<ReferenceData, 'requestTypes' | 'districts' | 'languages'>;
  names: CityNames;
}): SurveySpec {
  const f = (t: Five) => filled(t, { names: c.names });
  const cat = (key: string) => fromCatalogue(key, c.names);
  const used = MYLA311_USE.filter((u) => u !== 'never');
  const choices = (codes: readonly string[], field: string): OptionSpec[] =>
    codes.map((code) => ({ code, label: cat(`options.${field}.${code}`) }));
  return {
    title: `${c.names.service311} usage screener`,
    kind: 'screener',
    languages: [...TEMPLATE_LANGUAGES],
    texts: { title: f(T.title), introduction: f(T.introduction), thankYou: f(T.thankYou) },
    pages: [
      {
        title: f(T.usePage),
        questions: [
          {
            code: 'use_frequency',
            type: 'single_choice',
            required: true,
            label: cat('fields.myla311Use.legend'),
            options: choices(MYLA311_USE, 'myla311Use'),
          },
        ],
      },
      {
        title: f(T.howPage),
        condition: {
          combine: 'all',
          rules: [{ question: 'use_frequency', op: 'one_of', value: [...used] }],
        },
        questions: [
          {
            code: 'channels',
            type: 'multi_choice',
            label: cat('fields.channels.legend'),
            options: [
              ...choices(CHANNELS, 'channels'),
              { code: 'other', label: f(T.otherWay), isOther: true },
            ],
          },
          {
            code: 'request_types',
            type: 'multi_choice',
            label: cat('fields.requestTypes.legend'),
            options: c.ref.requestTypes.map((r) => ({
              code: requestTypeCode(r.name),
              label: labelled(r.labels, r.name),
            })),
          },
          {
            code: 'last_used',
            type: 'single_choice',
            label: f(T.lastUsed),
            options: [
              { code: 'past_month', label: f(T.pastMonth) },
              { code: 'past_3_months', label: f(T.past3Months) },
              { code: 'past_year', label: f(T.pastYear) },
              { code: 'over_year', label: f(T.overYear) },
              { code: 'dont_remember', label: f(T.dontRemember) },
            ],
          },
        ],
      },
      {
        title: f(T.aboutPage),
        questions: [
          {
            code: 'language',
            type: 'single_choice',
            label: cat('fields.language.label'),
            options: [
              // A language by its own name, whatever the page's language (as the switcher shows it).
              ...c.ref.languages.map((l) => ({
                code: languageCode(l.code),
                label: everywhere(l.native_name),
              })),
              { code: 'other', label: f(T.otherLanguage), isOther: true },
            ],
          },
          {
            code: 'council_district',
            type: 'dropdown',
            preferNot: true,
            label: cat('fields.councilDistrict.label'),
            help: cat('fields.councilDistrict.hint'),
            options: [
              ...c.ref.districts.map((d) => ({
                code: districtCode(d.district),
                label: labelled(d.labels, d.name),
              })),
              { code: 'dont_know', label: cat('form.dontKnow') },
            ],
          },
        ],
      },
    ],
  };
}
