import type { TemplateLanguage } from './texts';

/**
 * The OMB Circular A-11 §280 driver statements in the resident languages other than English, by
 * driver code. The English wording is the reference data's own (`cx_questions`, loaded from
 * db/seeds/omb_a11_280_questions.csv) and is never retyped here; `[service]` is filled the same way.
 */
export const A11_STATEMENTS: Record<string, Record<Exclude<TemplateLanguage, 'en'>, string>> = {
  satisfaction: {
    es: 'Estoy satisfecho/a con el servicio que recibí de [service].',
    ko: '[service]에서 받은 서비스에 만족합니다.',
    hy: 'Ես գոհ եմ «[service]»-ից ստացած ծառայությունից։',
    'zh-Hant': '我對從[service]獲得的服務感到滿意。',
  },
  confidence: {
    es: 'Esta interacción aumentó mi confianza en [service].',
    ko: '이번 이용으로 [service]에 대한 신뢰가 높아졌습니다.',
    hy: 'Այս շփումը մեծացրեց իմ վստահությունը «[service]»-ի նկատմամբ։',
    'zh-Hant': '這次的互動提升了我對[service]的信心。',
  },
  effectiveness: {
    es: 'Se atendió mi necesidad.',
    ko: '제가 필요로 한 것이 해결되었습니다.',
    hy: 'Իմ կարիքը բավարարվեց։',
    'zh-Hant': '我的需求已獲得處理。',
  },
  ease: {
    es: 'Fue fácil hacer lo que necesitaba hacer.',
    ko: '필요한 일을 쉽게 처리할 수 있었습니다.',
    hy: 'Հեշտ էր անել այն, ինչ ինձ պետք էր։',
    'zh-Hant': '要完成我需要做的事情很容易。',
  },
  efficiency: {
    es: 'Me tomó una cantidad de tiempo razonable hacer lo que necesitaba hacer.',
    ko: '필요한 일을 처리하는 데 적당한 시간이 걸렸습니다.',
    hy: 'Ինձ անհրաժեշտն անելու համար ողջամիտ ժամանակ պահանջվեց։',
    'zh-Hant': '完成我需要做的事情所花的時間是合理的。',
  },
  equity: {
    es: 'Me trataron de manera justa.',
    ko: '공정하게 대우받았습니다.',
    hy: 'Ինձ հետ արդարացի վարվեցին։',
    'zh-Hant': '我受到了公平的對待。',
  },
  employee: {
    es: 'Los empleados con los que interactué fueron serviciales.',
    ko: '제가 응대한 직원들은 도움이 되었습니다.',
    hy: 'Աշխատակիցները, որոնց հետ շփվեցի, օգտակար էին։',
    'zh-Hant': '與我接觸的員工都很樂於幫忙。',
  },
};
